import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { TrajectoryErrorType } from './contracts';

/** The workflow's only way to touch the world; business refusals are not retried. */
export const act = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { nonRetryableErrorTypes: [TrajectoryErrorType.UnknownProduct] },
});
