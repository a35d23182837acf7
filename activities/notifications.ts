import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../prisma/client';
import { byRecipientRole, putInOutbox, type NewNotification } from '../prisma/records/outbox';
import { deliveryWorkflowId } from '../workflows/delivery/contracts';
import { deadLetter, deliver } from './delivery/deliver';
import type { DeliveryDependencies } from './delivery/dependencies';
import type { SecretBox } from './sealing';
import { withTimeLimit } from './time-limit';

export type EnqueueNotification = NewNotification & { trajectoryId: string };

/**
 * How long a notice's first attempt may hold up the trajectory that wrote it: a slower channel
 * gets its delivery workflow (the attempt may still finish; the workflow then finds it sent).
 */
const FIRST_ATTEMPT_MS = 5_000;

/**
 * Puts a notification in the outbox with a delivery per address and makes each delivery's first
 * attempt at once; only what that could not send gets a delivery workflow, which retries it
 * (a workflow per notice cost the Temporal server more than the notice itself, issue 12). A
 * retry after a crash, or a second call with the same key, finds the rows written: what is still
 * pending goes to the delivery workflow, whose id is the notification's, so it is sent once.
 */
export function enqueueNotification(prisma: PrismaClient, deps: DeliveryDependencies, secrets: SecretBox) {
  const send = deliver(prisma, deps, secrets);
  const bury = deadLetter(prisma);
  /** The delivery's id when its delivery workflow is to retry it; a final failure is dead-lettered here. */
  const firstAttempt = async (deliveryId: string): Promise<string | undefined> => {
    try {
      await withTimeLimit(FIRST_ATTEMPT_MS, () => send(deliveryId));
      return undefined;
    } catch (error) {
      const final = error instanceof ApplicationFailure && error.nonRetryable;
      if (!final && deps.retry.maximumAttempts > 1) return deliveryId;
      await bury({ deliveryId, error: (error as Error).message });
      return undefined;
    }
  };
  return async (n: EnqueueNotification): Promise<void> => {
    const { notificationId, pending, fresh } = await putInOutbox(prisma, n, byRecipientRole);
    const unsent = await Promise.all(fresh.map(firstAttempt));
    const retries = [
      ...pending.filter((id) => !fresh.includes(id)),
      ...unsent.filter((id): id is string => id !== undefined),
    ];
    if (retries.length) await deps.startDeliveries(deliveryWorkflowId(notificationId), retries, { retrying: true });
  };
}
