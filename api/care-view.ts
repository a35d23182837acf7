import { periodUtilisation, type PeriodUtilisation } from '../domain/utilisation';
import type { TrajectoryView } from '../workflows/trajectory/contracts';

/** What the pages and machine clients need to know to act on an indication in force. */
export interface CareView {
  extendable: boolean;
  extension: 'REQUESTED' | 'GRANTED' | 'REFUSED' | null;
  expansion: { status: 'REQUESTED' | 'GRANTED' | 'REFUSED'; requestedHoursPerWeek: number } | null;
  /** The 80 % advice went out and no one has decided on it yet. */
  expansionAdvised: boolean;
  /** Bemoeizorg: an end evaluation is recorded before the end (null: not yet, or not this product). */
  endEvaluation: { due: boolean; outcome: string | null };
  utilisation: PeriodUtilisation | null;
}

/** The current period's requests, evaluation and use, from the workflow's state; null out of care. */
export function careView(state: TrajectoryView | undefined): CareView | null {
  if (state?.phase !== 'ACTIVE') return null;
  const { indication, period, extension, expansion } = state;
  const declared = [...(period?.declaredMonths ?? [])].sort();
  return {
    extendable: indication.extendable,
    extension: extension?.status ?? null,
    expansion: expansion ? { status: expansion.status, requestedHoursPerWeek: expansion.requestedHoursPerWeek } : null,
    expansionAdvised: Boolean(period?.expansionAdvised && !period.adviceAnswered),
    endEvaluation: {
      due: indication.interimEvaluationMonths !== null,
      outcome: state.endEvaluation ?? null,
    },
    utilisation: periodUtilisation(indication, {
      minutes: period?.clientBoundMinutes ?? 0,
      lastDeclaredMonth: declared.at(-1),
    }),
  };
}
