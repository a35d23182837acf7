import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { addDays } from '../../domain/calendar';
import {
  checkIndication,
  checkPeriod,
  type ProposedIndication,
  type RuleViolation,
} from '../../domain/indication-rules';
import { act } from './activity-proxy';
import {
  changeEndDate,
  changeProduct,
  close,
  decideExpansion,
  decideExtension,
  decideIndication,
  declareHours,
  getState,
  recordEndEvaluation,
  recordNoShow,
  recordIntake,
  requestExpansion,
  requestExtension,
  TrajectoryErrorType,
  type IndicationSnapshot,
  type TrajectoryInput,
  type TrajectoryView,
} from './contracts';
import { closureAtEnd, pendingDeadlines } from './deadlines';
import { remind } from './effects';
import { searchAttributesOf } from './search-attributes';
import { Trajectory } from './state';
import { onDeclareHours, onNoShow } from './usage';

/** A refused decision, naming each broken rule (the API answers 422 with them). */
function ruleViolation(violations: RuleViolation[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: TrajectoryErrorType.RuleViolated,
    message: violations.map((v) => `${v.rule}: ${v.message}`).join('; '),
    details: [violations],
    nonRetryable: true,
  });
}

/**
 * One client trajectory, registration to closure (DOMAIN.md lifecycle rules 1, 2, 5, 6, 8):
 * intake within two weeks, a decided indication, the extension window, evaluations, and closure
 * at the end date even if nobody acts. Continues as new at each indication boundary.
 */
export async function trajectoryWorkflow(input: TrajectoryInput): Promise<TrajectoryView> {
  const t = new Trajectory(input);
  // Review and end-evaluation deadlines came later: histories recorded before them replay without.
  t.s.reviewsEnabled = patched('lifecycle-reviews');
  // Search attributes came later still: older histories replay without the upsert commands.
  const searchable = patched('search-attributes');
  let published = '';
  const publish = () => {
    if (!searchable) return;
    const attributes = searchAttributesOf(t.s);
    const shown = JSON.stringify(attributes.map((a) => a.value));
    if (shown === published) return;
    upsertSearchAttributes(attributes);
    published = shown;
  };
  const { workflowId, runId } = workflowInfo();
  // The run id keeps keys unique after continue-as-new, where the version counter starts again.
  const audit = (action: string, actorId: string, data: Record<string, string | number | boolean | null> = {}) =>
    act.recordAuditEvent({
      idempotencyKey: `${workflowId}:${runId}:${action}:${t.version}`,
      trajectoryId: t.s.trajectoryId,
      actor: { type: actorId === workflowId ? 'WORKFLOW' : 'USER', id: actorId },
      action,
      data,
    });
  // The database record and Temporal's list both follow the state after every change.
  const mirror = (intakeHeldAt?: string) => {
    publish();
    const next = pendingDeadlines(t.s)[0];
    return act.updateTrajectoryRecord({
      trajectoryId: t.s.trajectoryId,
      phase: t.s.phase,
      intakeHeldAt,
      nextDeadlineAt: next?.dueAt ?? null,
      nextDeadlineKind: next?.kind ?? null,
    });
  };

  /** Closes the trajectory's open tasks of these kinds: what they waited for has happened. */
  async function completeTasks(kinds: string[], actorId: string): Promise<string> {
    const at = new Date().toISOString();
    await act.completeTasks({ trajectoryId: t.s.trajectoryId, kinds, completedById: actorId, at });
    return at;
  }

  /** A consultant task that matters until the allocation ends (a decision, a follow-up). */
  function consultantTaskUntilEnd(kind: string, idempotencyKey: string): Promise<void> {
    return act.openTask({
      idempotencyKey,
      trajectoryId: t.s.trajectoryId,
      kind,
      assigneeRole: 'CONSULTANT',
      teamId: t.s.teamId,
      dueAt: pendingDeadlines(t.s).find((d) => d.kind === 'ALLOCATION_END')!.dueAt,
    });
  }

  async function decide(
    productCode: string,
    period: ProposedIndication & { hoursPerWeek: number | null },
    sequence: number,
    actorId: string,
  ): Promise<IndicationSnapshot> {
    const product = await act.loadProductRules(productCode);
    const violations = checkIndication(product, period);
    if (violations.length) throw ruleViolation(violations);
    const indicationId = await act.saveIndication({
      trajectoryId: t.s.trajectoryId,
      sequence,
      productCode,
      ...period,
      decidedAt: new Date().toISOString(),
      decidedById: actorId,
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
    };
  }

  async function closeTrajectory(reason: Parameters<Trajectory['closedWith']>[0], actorId: string): Promise<void> {
    const closedAt = new Date().toISOString();
    await act.markTrajectoryClosed({ trajectoryId: t.s.trajectoryId, closedAt, reason });
    t.closedWith(reason, closedAt);
    publish();
    await audit('TRAJECTORY_CLOSED', actorId, { reason });
  }

  setHandler(getState, () => t.view());

  setHandler(
    recordIntake,
    async ({ heldOn, actorId }) => {
      const at = await completeTasks(['INTAKE_OVERDUE'], actorId);
      t.intakeHeld(heldOn);
      await mirror(at);
      await audit('INTAKE_RECORDED', actorId, { heldOn });
      return t.view();
    },
    { validator: (r) => t.checkIntake(r) },
  );

  setHandler(
    decideIndication,
    async ({ productCode, startDate, endDate, hoursPerWeek, zrm, actorId }) => {
      const indication = await decide(productCode, { startDate, endDate, hoursPerWeek, zrm }, 1, actorId);
      t.indicationDecided(indication);
      await mirror();
      await audit('INDICATION_DECIDED', actorId, {
        indicationId: indication.indicationId,
        productCode,
        startDate,
        endDate,
      });
      return t.view();
    },
    { validator: (d) => t.checkDecision(d) },
  );

  setHandler(
    requestExtension,
    async ({ reportId, actorId }) => {
      const endDate = t.s.indication!.endDate;
      await consultantTaskUntilEnd('DECIDE_EXTENSION', `${workflowId}:DECIDE_EXTENSION:${t.s.indication!.sequence}`);
      t.extensionRequested(reportId);
      await mirror();
      await audit('EXTENSION_REQUESTED', actorId, { reportId, endDate });
      return t.view();
    },
    { validator: (r) => t.checkExtensionRequest(r) },
  );

  setHandler(
    decideExtension,
    async ({ granted, newEndDate, actorId }) => {
      const current = t.s.indication!;
      const next = granted
        ? await decide(
            current.productCode,
            { startDate: t.nextPeriodStart(), endDate: newEndDate!, hoursPerWeek: current.hoursPerWeek, zrm: {} },
            current.sequence + 1,
            actorId,
          )
        : undefined;
      await completeTasks(['DECIDE_EXTENSION'], actorId);
      t.extensionDecided(next);
      await mirror();
      await audit(granted ? 'EXTENSION_GRANTED' : 'EXTENSION_REFUSED', actorId, { newEndDate: newEndDate ?? null });
      return t.view();
    },
    { validator: (d) => t.checkExtensionDecision(d) },
  );

  setHandler(
    requestExpansion,
    async (r) => {
      // At 80 % use the decision task is already open (usage.ts); a request without that advice opens one.
      if (!t.period.expansionAdvised) {
        await consultantTaskUntilEnd('DECIDE_EXPANSION', `${workflowId}:DECIDE_EXPANSION:${r.reportId}`);
      }
      t.expansionRequested(r);
      await audit('EXPANSION_REQUESTED', r.actorId, { reportId: r.reportId, hoursPerWeek: r.hoursPerWeek });
      return t.view();
    },
    { validator: (r) => t.checkExpansionRequest(r) },
  );

  setHandler(
    decideExpansion,
    async ({ granted, hoursPerWeek, actorId }) => {
      const volume = hoursPerWeek ?? t.s.expansion!.requestedHoursPerWeek;
      if (granted)
        await act.changeIndicationVolume({ indicationId: t.s.indication!.indicationId, hoursPerWeek: volume });
      await completeTasks(['DECIDE_EXPANSION'], actorId);
      t.expansionDecided(granted, volume);
      await audit(granted ? 'EXPANSION_GRANTED' : 'EXPANSION_REFUSED', actorId, {
        hoursPerWeek: granted ? volume : null,
      });
      return t.view();
    },
    { validator: (d) => t.checkExpansionDecision(d) },
  );

  setHandler(declareHours, (d) => onDeclareHours(t, d, workflowId, audit), { validator: (d) => t.checkDeclaration(d) });
  setHandler(recordNoShow, (n) => onNoShow(t, n, workflowId, audit), { validator: (n) => t.checkNoShow(n) });

  setHandler(
    changeProduct,
    async ({ productCode, startDate, endDate, hoursPerWeek, zrm, actorId }) => {
      const current = t.s.indication!;
      const next = await decide(productCode, { startDate, endDate, hoursPerWeek, zrm }, current.sequence + 1, actorId);
      const at = new Date().toISOString();
      await act.supersedeIndication({ indicationId: current.indicationId, lastDay: addDays(startDate, -1), at });
      t.productChanged(next);
      await mirror();
      await audit('PRODUCT_CHANGED', actorId, { from: current.productCode, to: productCode, startDate });
      return t.view();
    },
    { validator: (c) => t.checkProductChange(c) },
  );

  setHandler(
    changeEndDate,
    async ({ newEndDate, actorId }) => {
      const i = t.s.indication!;
      const product = await act.loadProductRules(i.productCode);
      const violations = checkPeriod(product, i.startDate, newEndDate);
      if (violations.length) throw ruleViolation(violations);
      await act.changeIndicationEndDate({ indicationId: i.indicationId, endDate: newEndDate });
      t.endDateChanged(newEndDate);
      await mirror();
      await audit('END_DATE_CHANGED', actorId, { from: i.endDate, to: newEndDate });
      return t.view();
    },
    { validator: (c) => t.checkEndDateChange(c) },
  );

  setHandler(
    recordEndEvaluation,
    async ({ outcome, actorId }) => {
      await completeTasks(['END_EVALUATION'], actorId);
      t.endEvaluated(outcome);
      await audit('END_EVALUATION_RECORDED', actorId, { outcome });
      if (outcome === 'STEPPED_DOWN' || outcome === 'TRANSFERRED') {
        await closeTrajectory(outcome === 'STEPPED_DOWN' ? 'STEP_DOWN' : 'OTHER_PROVIDER', actorId);
        return t.view();
      }
      // Seed 003: failed contact or referral needs a risk analysis with partners and a follow-up plan.
      for (const kind of ['RISK_ANALYSIS', 'FOLLOW_UP_PLAN']) {
        await consultantTaskUntilEnd(kind, `${workflowId}:${kind}:${t.s.indication!.sequence}`);
      }
      await mirror();
      return t.view();
    },
    { validator: (e) => t.checkEndEvaluation(e) },
  );

  setHandler(
    close,
    async ({ reason, actorId }) => {
      await closeTrajectory(reason, actorId);
      return t.view();
    },
    { validator: (c) => t.checkClose(c) },
  );

  publish();
  if (!input.carriedOver) {
    await audit('TRAJECTORY_STARTED', workflowId, { registeredAt: t.s.registeredAt });
    await mirror();
  }

  while (!t.closed) {
    if (t.boundaryReached) {
      // A new indication is a natural boundary: a fresh history with the state carried over.
      await condition(allHandlersFinished);
      return continueAsNew<typeof trajectoryWorkflow>({ ...input, carriedOver: t.s });
    }
    const next = pendingDeadlines(t.s)[0];
    const seen = t.version;
    if (!next) {
      await condition(() => t.version !== seen);
      continue;
    }
    // Sleep until the earliest deadline, or wake early when an update changes what is due.
    if (await condition(() => t.version !== seen, Math.max(1, Date.parse(next.dueAt) - Date.now()))) continue;

    if (next.kind !== 'ALLOCATION_END') {
      await remind(t.s, next);
      t.handled(next.key);
      await mirror();
      continue;
    }
    t.handled(next.key);
    await act.endIndication({ indicationId: t.s.indication!.indicationId, endedAt: next.dueAt });
    if (t.s.extension?.status === 'GRANTED') {
      t.startNextPeriod();
      await mirror();
      await audit('INDICATION_PERIOD_STARTED', workflowId, { indicationId: t.s.indication!.indicationId });
      // A new period is a natural boundary: start a fresh history with the state carried over.
      await condition(allHandlersFinished);
      return continueAsNew<typeof trajectoryWorkflow>({ ...input, carriedOver: t.s });
    }
    await closeTrajectory(closureAtEnd(t.s.indication!), workflowId);
  }
  await condition(allHandlersFinished);
  return t.view();
}
