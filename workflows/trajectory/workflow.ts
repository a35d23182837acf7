import { ApplicationFailure, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { isClosureReason } from '../../domain/closure-reasons';
import { close, getState, TrajectoryErrorType, type TrajectoryInput, type TrajectoryState } from './contracts';

const { recordAuditEvent, markTrajectoryClosed } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
});

/**
 * One client trajectory from registration to closure. The foundation keeps only these two ends;
 * the lifecycle issue adds the deadlines between them.
 */
export async function trajectoryWorkflow(input: TrajectoryInput): Promise<TrajectoryState> {
  const state: TrajectoryState = {
    trajectoryId: input.trajectoryId,
    phase: 'REGISTERED',
    registeredAt: input.registeredAt,
  };
  const workflowId = workflowInfo().workflowId;

  setHandler(getState, () => state);
  setHandler(
    close,
    async ({ reason, actorId }) => {
      const closedAt = new Date().toISOString();
      await markTrajectoryClosed({ trajectoryId: input.trajectoryId, closedAt, reason });
      await recordAuditEvent({
        idempotencyKey: `${workflowId}:closed`,
        trajectoryId: input.trajectoryId,
        actor: { type: 'USER', id: actorId },
        action: 'TRAJECTORY_CLOSED',
        data: { reason },
      });
      Object.assign(state, { phase: 'CLOSED', closedAt, closureReason: reason });
      return state;
    },
    {
      validator: ({ reason }) => {
        if (!isClosureReason(reason)) {
          throw ApplicationFailure.nonRetryable(
            `Unknown closure reason ${reason}`,
            TrajectoryErrorType.InvalidClosureReason,
          );
        }
        if (state.phase === 'CLOSED') {
          throw ApplicationFailure.nonRetryable('The trajectory is already closed', TrajectoryErrorType.AlreadyClosed);
        }
      },
    },
  );

  await recordAuditEvent({
    idempotencyKey: `${workflowId}:started`,
    trajectoryId: input.trajectoryId,
    actor: { type: 'WORKFLOW', id: workflowId },
    action: 'TRAJECTORY_STARTED',
    data: { registeredAt: input.registeredAt },
  });
  await condition(() => state.phase === 'CLOSED');
  return state;
}
