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
export const FIRST_ATTEMPT_MS = 5_000;

/** What a first attempt leaves to do: nothing, retries by a delivery workflow, or the dead letters. */
type Left = { retry: string } | { bury: { deliveryId: string; error: string } } | undefined;

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
  const firstAttempt = async (deliveryId: string): Promise<Left> => {
    try {
      await withTimeLimit(FIRST_ATTEMPT_MS, () => send(deliveryId));
      return undefined;
    } catch (error) {
      const final = error instanceof ApplicationFailure && error.nonRetryable;
      if (!final && deps.retry.maximumAttempts > 1) return { retry: deliveryId };
      return { bury: { deliveryId, error: (error as Error).message } };
    }
  };
  return async (n: EnqueueNotification): Promise<void> => {
    const { notificationId, pending, fresh } = await putInOutbox(prisma, n, byRecipientRole);
    const left = await Promise.all(fresh.map(firstAttempt));
    await Promise.all(left.flatMap((l) => (l && 'bury' in l ? [bury(l.bury)] : [])));
    const retries = [
      ...pending.filter((id) => !fresh.includes(id)),
      ...left.flatMap((l) => (l && 'retry' in l ? [l.retry] : [])),
    ];
    if (retries.length) await deps.startDeliveries(deliveryWorkflowId(notificationId), retries, { retrying: true });
  };
}
