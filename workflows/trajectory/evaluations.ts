import { intakeDueAt } from '../../domain/deadlines';
import type { Changes } from './changes';
import type { PendingDeadline, RecordEndEvaluation, TrajectoryView } from './contracts';
import type { Effects } from './effects';
import { closeTrajectory } from './closure';
import type { Lifecycle } from './lifecycle';

/** Reminder deadlines: everything but the allocation's end, which closes or moves the trajectory on. */
export type ReminderDeadline = PendingDeadline & { kind: Exclude<PendingDeadline['kind'], 'ALLOCATION_END'> };

/** What each reminder does when its deadline comes: a notice to the provider or a task for someone. */
export function remind(
  fx: Effects,
  d: ReminderDeadline,
  registeredAt: string,
  endDate: string | undefined,
  changes: Pick<Changes, 'skipsLateIntakeReminder'>,
) {
  switch (d.kind) {
    case 'INTAKE_REMINDER': {
      // The provider needs the intake deadline, not the reminder's own time; one already past
      // (registered late) is followed up by the consultant's INTAKE_OVERDUE task instead.
      const due = intakeDueAt(new Date(registeredAt));
      if (Date.now() >= due.getTime() && changes.skipsLateIntakeReminder()) return Promise.resolve();
      return fx.deadlineNotice(d, 'INTAKE_DUE_SOON', { dueAt: due.toISOString() });
    }
    case 'INTAKE_OVERDUE': // seed 003: the consultant follows up a missed intake
      return fx.deadlineTask('CONSULTANT', d, 'INTAKE_OVERDUE');
    case 'EXTENSION_REQUEST_DUE': // seed 003: request with the mandatory report
      return fx.deadlineNotice(d, 'EXTENSION_REQUEST_DUE', endDate ? { endDate } : {});
    case 'INTERIM_EVALUATION': // seed 003: bemoeizorg evaluation with the district-team consultant
      return fx.deadlineTask('CONSULTANT', d, 'INTERIM_EVALUATION');
    // Raised 8 weeks before the end, to be done by the end (the task's input only: replay is unaffected).
    case 'END_EVALUATION': // seed 003: step-down/transfer, or risk analysis and follow-up plan
      return fx.deadlineTask('CONSULTANT', d, 'END_EVALUATION', 'UNTIL_END');
    case 'IB2_REEVALUATION': // seed 001: stop, IB1 or IB3
      return fx.deadlineTask('CONSULTANT', d, 'IB2_REEVALUATION', 'UNTIL_END');
    case 'SUPPORT_PLAN_REVIEW': // seed 001: discussed with the client at least yearly
      return fx.deadlineTask('PROVIDER', d, 'SUPPORT_PLAN_REVIEW');
    default:
      return d.kind satisfies never;
  }
}

/**
 * Bemoeizorg's end evaluation (seed 003): a step-down or transfer closes the trajectory; failed
 * contact or referral needs a risk analysis with partners and a follow-up plan.
 */
export async function recordEndEvaluation(
  ctx: Lifecycle,
  { outcome, actorId }: RecordEndEvaluation,
): Promise<TrajectoryView> {
  const { t, fx } = ctx;
  await fx.completeTasks(['END_EVALUATION'], actorId);
  t.endEvaluated(outcome);
  await fx.audit('END_EVALUATION_RECORDED', actorId, { outcome });
  if (outcome === 'STEPPED_DOWN' || outcome === 'TRANSFERRED') {
    await closeTrajectory(ctx, outcome === 'STEPPED_DOWN' ? 'STEP_DOWN' : 'OTHER_PROVIDER', actorId);
    return t.view();
  }
  const { sequence } = t.inCare('plan the follow-up').indication;
  for (const kind of ['RISK_ANALYSIS', 'FOLLOW_UP_PLAN'] as const) await fx.consultantTaskUntilEnd(kind, sequence);
  await fx.mirror();
  return t.view();
}
