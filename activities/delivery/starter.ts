import type { Client } from '@temporalio/client';
import type { DeliveryRetry } from '../../workflows/delivery/contracts';
import type { deliverNotification } from '../../workflows/delivery/workflow';

/**
 * Starts a delivery workflow on the worker's queue, or joins it when it runs already; a finished
 * one may run again, harmlessly: a delivery recorded as sent is not sent twice.
 */
export function deliveryStarter(client: Client, taskQueue: string, retry: DeliveryRetry) {
  return async (workflowId: string, deliveryIds: string[]): Promise<void> => {
    await client.workflow.start<typeof deliverNotification>('deliverNotification', {
      workflowId,
      taskQueue,
      args: [{ deliveryIds, retry }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  };
}
