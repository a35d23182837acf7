import type { Client } from '@temporalio/client';
import type { DeliveryRetry } from '../../workflows/delivery/contracts';
import type { deliverNotification } from '../../workflows/delivery/workflow';
import type { StartDeliveries } from './dependencies';

/**
 * Starts a delivery workflow on the worker's queue, or joins it when it runs already; a finished
 * one may run again, harmlessly: a delivery recorded as sent is not sent twice. After a first
 * attempt made at once (`retrying`), it waits the first retry interval and has the attempts left.
 */
export function deliveryStarter(client: Client, taskQueue: string, retry: DeliveryRetry): StartDeliveries {
  return async (workflowId, deliveryIds, { retrying = false } = {}) => {
    await client.workflow.start<typeof deliverNotification>('deliverNotification', {
      workflowId,
      taskQueue,
      args: [{ deliveryIds, retry: retrying ? attemptsLeft(retry) : retry }],
      ...(retrying && { startDelay: retry.initialIntervalMs }),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  };
}

/** At least one (a delivery written before a crash has had none; and Temporal reads 0 as no limit). */
const attemptsLeft = (retry: DeliveryRetry): DeliveryRetry => ({
  ...retry,
  maximumAttempts: Math.max(1, retry.maximumAttempts - 1),
});
