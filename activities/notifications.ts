import type { PrismaClient } from '../prisma/client';
import { byRecipientRole, putInOutbox, type NewNotification } from '../prisma/records/outbox';
import { deliveryWorkflowId } from '../workflows/delivery/contracts';
import type { DeliveryDependencies } from './delivery/dependencies';

export type EnqueueNotification = NewNotification & { trajectoryId: string };

/**
 * Puts a notification in the outbox with a delivery per address, then starts the workflow that
 * sends them. A retry after a crash finds the rows and starts (or joins) the same workflow.
 */
export function enqueueNotification(prisma: PrismaClient, deps: DeliveryDependencies) {
  return async (n: EnqueueNotification): Promise<void> => {
    const { notificationId, pending } = await putInOutbox(prisma, n, byRecipientRole);
    if (pending.length) await deps.startDeliveries(deliveryWorkflowId(notificationId), pending);
  };
}
