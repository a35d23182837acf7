import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { changesOfThisRun } from './changes';
import { allocationEnded, close } from './closure';
import * as messages from './contracts';
import { changeEndDate, changeProduct, decideExtension, requestExtension } from './allocation-changes';
import { dueDeadlines } from './deadlines';
import { Effects } from './effects';
import { recordEndEvaluation, remind, type ReminderDeadline } from './evaluations';
import { correctIntake, decideIndication, recordIntake } from './intake-and-decision';
import type { Lifecycle } from './lifecycle';
import { Trajectory } from './state';
import { correctHours, declareHours, decideExpansion, recordNoShow, requestExpansion } from './usage';

/**
 * One client trajectory, registration to closure (DOMAIN.md lifecycle rules 1, 2, 5, 6, 8):
 * intake within two weeks, a decided indication, the extension window, evaluations, and closure
 * at the end date even if nobody acts. Continues as new at each indication boundary. Handler
 * bodies live by lifecycle stage beside this file; here is the wiring and the main loop.
 */
export async function trajectoryWorkflow(input: messages.TrajectoryInput): Promise<messages.TrajectoryView> {
  const t = new Trajectory(input);
  const changes = changesOfThisRun();
  t.state.reviewsEnabled = changes.reviews;
  const fx = new Effects(t, changes);
  const ctx: Lifecycle = { t, fx };

  // Changes run one at a time: a handler awaits activities before it changes the state, so each
  // holds the lock and checks again once it has it (a second decision finds the first's result).
  // The validator also checks against the clock; the check in the lock need not (time moves on
  // only), and must not: it runs again on replay, where the clock rules did not exist before.
  const lock = new Mutex();
  function onUpdate<A, R>(
    update: UpdateDefinition<R, [A]>,
    check: (request: A, now?: Date) => void,
    apply: (ctx: Lifecycle, request: A) => Promise<R>,
  ): void {
    setHandler(
      update,
      (request) =>
        lock.runExclusive(async () => {
          check(request);
          const result = await apply(ctx, request).catch(async (error: unknown) => {
            await fx.flush(); // what a refused change already did is recorded (its audit events)
            throw error;
          });
          await fx.settle();
          return result;
        }),
      { validator: (request) => check(request, new Date()) },
    );
  }

  setHandler(messages.getState, () => t.view());
  onUpdate(messages.recordIntake, (request, now) => t.checkIntake(request, now), recordIntake);
  onUpdate(messages.correctIntake, (change, now) => t.checkIntakeCorrection(change, now), correctIntake);
  onUpdate(messages.decideIndication, (decision) => t.checkDecision(decision), decideIndication);
  onUpdate(messages.declareHours, (decision, now) => t.checkDeclaration(decision, now), declareHours);
  onUpdate(messages.correctHours, (change) => t.checkHoursCorrection(change), correctHours);
  onUpdate(messages.recordNoShow, (noShow, now) => t.checkNoShow(noShow, now), recordNoShow);
  onUpdate(messages.requestExpansion, (request) => t.checkExpansionRequest(request), requestExpansion);
  onUpdate(messages.decideExpansion, (decision) => t.checkExpansionDecision(decision), decideExpansion);
  onUpdate(messages.requestExtension, (request) => t.checkExtensionRequest(request), requestExtension);
  onUpdate(messages.decideExtension, (decision) => t.checkExtensionDecision(decision), decideExtension);
  onUpdate(messages.changeProduct, (change) => t.checkProductChange(change), changeProduct);
  onUpdate(messages.changeEndDate, (change) => t.checkEndDateChange(change), changeEndDate);
  onUpdate(messages.recordEndEvaluation, (evaluation) => t.checkEndEvaluation(evaluation), recordEndEvaluation);
  onUpdate(messages.close, (change) => t.checkClose(change), close);

  /** A deadline other than the end: its reminder, notice or task. False: the period goes on. */
  async function deadlineDue(due: ReminderDeadline): Promise<false> {
    const { state } = t;
    await remind(fx, due, state.registeredAt, state.indication?.endDate, changes);
    t.handled(due.key);
    await fx.mirror();
    return false;
  }

  /** A new indication is a natural boundary: a fresh history with the state carried over. */
  async function continueWithNewHistory(): Promise<never> {
    await condition(allHandlersFinished);
    if (changes.unlistsContinuedRun()) fx.unlist();
    return continueAsNew<typeof trajectoryWorkflow>({ ...input, carriedOver: t.state });
  }

  fx.publish();
  if (!input.carriedOver) {
    await fx.audit('TRAJECTORY_STARTED', fx.self, { registeredAt: t.state.registeredAt });
    fx.intakeAsked();
    await fx.mirror();
    await fx.flush();
    await fx.registrationTold(); // after the task is on the provider's work list, which the notice points to
  } else await fx.settle(); // a new run's view, when views are mirrored

  while (!t.closed) {
    if (t.boundaryReached) return continueWithNewHistory();
    const next = dueDeadlines(t.state)[0];
    const seen = t.version;
    if (!next) {
      await condition(() => t.version !== seen);
      continue;
    }
    // Sleep until the earliest deadline, or wake early when an update changes what is due.
    const wait = Date.parse(next.dueAt) - Date.now();
    if (!(changes.dueAtOnce && wait <= 0) && (await condition(() => t.version !== seen, Math.max(1, wait)))) continue;
    const newPeriod = await lock.runExclusive(async () => {
      if (t.version !== seen) return false; // a change came first: look at what is due now
      const moved =
        next.kind === 'ALLOCATION_END'
          ? await allocationEnded(ctx, next)
          : await deadlineDue({ ...next, kind: next.kind });
      await fx.flush();
      return moved;
    });
    if (newPeriod) return continueWithNewHistory();
  }
  await condition(allHandlersFinished);
  return t.view();
}
