import { proxyActivities, proxyLocalActivities, type LocalActivityOptions } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { TrajectoryErrorType } from './contracts';

export type TrajectoryActivities = ReturnType<typeof createActivities>;

const options: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { nonRetryableErrorTypes: [TrajectoryErrorType.UnknownProduct] },
};

/**
 * The workflow's only way to touch the world; business refusals are not retried. Every activity of
 * a trajectory is a short database write (or a notice's first attempt, bounded at 5 s), so they run as local
 * activities: in the workflow task itself, without a round trip through the Temporal server each.
 * Histories recorded before that replay with the ordinary activities they scheduled.
 */
export function trajectoryActivities({ local }: { local: boolean }): TrajectoryActivities {
  return local ? localActivities : scheduledActivities;
}

const scheduledActivities = proxyActivities<TrajectoryActivities>(options);
const localActivities = proxyLocalActivities<TrajectoryActivities>(options);
