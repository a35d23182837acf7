import type { ClosureReason } from '../../domain/closure-reasons';
import type { CloseRequest, PendingDeadline, TrajectoryView } from './contracts';
import { closureAtEnd } from './deadlines';
import type { Lifecycle } from './lifecycle';

/** Closes record, indications and open tasks, then the state; the audit says who and why. */
export async function closeTrajectory({ t, fx }: Lifecycle, reason: ClosureReason, actorId: string): Promise<void> {
  const closedAt = new Date().toISOString();
  await fx.act.markTrajectoryClosed({ trajectoryId: t.state.trajectoryId, closedAt, reason });
  t.closedWith(reason, closedAt);
  fx.publish();
  await fx.audit('TRAJECTORY_CLOSED', actorId, { reason });
}

/**
 * A consultant closes the trajectory with an iWmo stop reason (DOMAIN.md rule 8); closed before a
 * decision (the client goes to another provider, say), that answers the task the intake opened.
 */
export async function close(ctx: Lifecycle, { reason, actorId }: CloseRequest): Promise<TrajectoryView> {
  if (ctx.t.state.phase === 'INTAKE_HELD') await ctx.fx.decisionTaken(actorId);
  await closeTrajectory(ctx, reason, actorId);
  await ctx.fx.closureTold(reason);
  return ctx.t.view();
}

/**
 * DOMAIN.md rule 8: at the end date the trajectory moves on to a granted next period (true: a new
 * history begins) or closes, even if nobody acts.
 */
export async function allocationEnded(ctx: Lifecycle, end: PendingDeadline): Promise<boolean> {
  const { t, fx } = ctx;
  t.handled(end.key);
  const { indication, extension } = t.inCare('end the allocation');
  const next = extension?.status === 'GRANTED' ? extension.next : undefined;
  await fx.act.endIndication({
    indicationId: indication.indicationId,
    endedAt: end.dueAt,
    ...(next && { nextIndicationId: next.indicationId }),
  });
  if (!next) {
    await closeTrajectory(ctx, closureAtEnd(indication), fx.self);
    return false;
  }
  t.startNextPeriod(next);
  await fx.mirror();
  await fx.audit('INDICATION_PERIOD_STARTED', fx.self, { indicationId: next.indicationId });
  return true;
}
