import { checkIndication, type ProposedIndication } from '../../domain/indication-rules';
import {
  TrajectoryErrorType,
  type CorrectIntake,
  type DecideIndication,
  type IndicationSnapshot,
  type RecordIntake,
  type TrajectoryView,
} from './contracts';
import type { Effects } from './effects';
import type { Lifecycle } from './lifecycle';
import { refuseAll } from './refusals';

/**
 * Seed 003: the intake, within two weeks of the registration; the provider's task to hold it and
 * the overdue task (if any) are done,
 * and the consultant team is asked to decide, or, where the client does not fit the provider, to
 * find another.
 */
export async function recordIntake(
  { t, fx }: Lifecycle,
  { heldOn, suitable, motivationId, actorId }: RecordIntake,
): Promise<TrajectoryView> {
  // The provider's task to hold it, and the consultant's where it was missed (neither in a run from before: nothing to do).
  const at = await fx.completeTasks(['HOLD_INTAKE', 'INTAKE_OVERDUE'], actorId);
  t.intakeHeld(heldOn);
  await fx.decisionAsked(suitable === false ? 'OTHER_PROVIDER_NEEDED' : 'DECIDE_INDICATION');
  await fx.mirror(at);
  await fx.audit('INTAKE_RECORDED', actorId, {
    heldOn,
    ...(suitable === false && { suitable, ...(motivationId && { motivationId }) }),
  });
  return t.view();
}

/** The provider corrects the intake day: time to intake and the record follow, the audit keeps both days. */
export async function correctIntake(
  { t, fx }: Lifecycle,
  { heldOn, correctionId, actorId }: CorrectIntake,
): Promise<TrajectoryView> {
  const from = t.state.intakeHeldOn ?? null;
  t.intakeCorrected(heldOn);
  await fx.mirror();
  await fx.audit('INTAKE_CORRECTED', actorId, { from, to: heldOn, correctionId });
  return t.view();
}

/**
 * Checks a proposed indication against its product's catalogue rules and stores it: the snapshot
 * carries the rules the workflow needs until the next decision. A planned one starts later (a
 * granted extension's next period).
 */
export async function decide(
  fx: Effects,
  productCode: string,
  period: ProposedIndication,
  {
    trajectoryId,
    sequence,
    actorId,
    planned,
    surchargeCode,
  }: { trajectoryId: string; sequence: number; actorId: string; planned?: true; surchargeCode?: string },
): Promise<IndicationSnapshot> {
  const product = await fx.act.loadProductRules(productCode);
  const violations = checkIndication(product, period);
  if (violations.length) refuseAll(TrajectoryErrorType.RuleViolated, violations);
  const indicationId = await fx.act.saveIndication({
    trajectoryId,
    sequence,
    productCode,
    ...period,
    decidedAt: new Date().toISOString(),
    decidedById: actorId,
    ...(planned && { planned }),
    ...(surchargeCode && { surchargeCode }),
  });
  return {
    indicationId,
    sequence,
    productCode,
    startDate: period.startDate,
    endDate: period.endDate,
    hoursPerWeek: period.hoursPerWeek,
    extendable: product.extendable,
    maxDurationMonths: product.maxDurationMonths,
    interimEvaluationMonths: product.interimEvaluationMonths,
    noShowPolicy: product.noShowPolicy,
    noShowCap: product.noShowCap,
    alwaysFinite: product.alwaysFinite,
    resultFinanced: product.resultFinanced,
    ...(surchargeCode && { surchargeCode }),
  };
}

/** Seed 003: service starts only after a decision (beschikking), and the decision follows the intake. */
export async function decideIndication(
  { t, fx }: Lifecycle,
  { productCode, startDate, endDate, hoursPerWeek, zrm, actorId, surchargeCode }: DecideIndication,
): Promise<TrajectoryView> {
  const { trajectoryId } = t.state;
  const indication = await decide(
    fx,
    productCode,
    { startDate, endDate, hoursPerWeek, zrm },
    { trajectoryId, sequence: 1, actorId, surchargeCode },
  );
  t.indicationDecided(indication);
  await fx.decisionTaken(actorId);
  await fx.mirror();
  await fx.allocationTold('INDICATION_DECIDED', indication);
  await fx.audit('INDICATION_DECIDED', actorId, {
    indicationId: indication.indicationId,
    productCode,
    startDate,
    endDate,
    ...(surchargeCode && { surchargeCode }),
  });
  return t.view();
}
