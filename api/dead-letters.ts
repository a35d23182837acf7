import { releaseHeldFromDigest } from '../activities/delivery/digest';
import type { Delivery, Notification, Prisma, PrismaClient } from '../prisma/client';
import { auditUserAction } from '../prisma/records/audit';
import { currentAddressOf } from '../prisma/records/outbox';
import { AppError } from './app-error';

// Operations' two ways out of the dead letters: a retry (to the address set now) or closing it unsent;
// one closed unsent by mistake can still be sent after all (a retry).

type Tx = Prisma.TransactionClient;
type DeliveryWithRecipient = Delivery & {
  notification: Pick<Notification, 'recipientRole' | 'providerId' | 'teamId' | 'kind' | 'payload'>;
};

/** A delivery operations act on, with its notification's recipient; 404 when there is none. */
async function deliveryOf(tx: Tx, deliveryId: string): Promise<DeliveryWithRecipient> {
  const found = await tx.delivery.findUnique({
    where: { id: deliveryId },
    include: {
      notification: { select: { recipientRole: true, providerId: true, teamId: true, kind: true, payload: true } },
    },
  });
  if (!found) throw new AppError(404, 'DELIVERY_NOT_FOUND', `No delivery ${deliveryId}`);
  return found;
}

/** A delivery to close unsent: 409 unless it is dead-lettered. */
async function deadDelivery(tx: Tx, deliveryId: string): Promise<DeliveryWithRecipient> {
  const found = await deliveryOf(tx, deliveryId);
  if (found.state !== 'DEAD') throw new AppError(409, 'WRONG_STATE', `The delivery is ${found.state}, not DEAD`);
  return found;
}

/**
 * A delivery to send again: dead-lettered, or closed unsent. Not a consultant's daily overview that
 * was closed: it is of a day gone by, and the notices it took along went with a later one.
 */
async function deliveryToRetry(tx: Tx, deliveryId: string): Promise<DeliveryWithRecipient> {
  const found = await deliveryOf(tx, deliveryId);
  if (found.state === 'DISMISSED' && found.notification.kind === 'DAILY_DIGEST')
    throw new AppError(409, 'WRONG_STATE', 'A closed daily overview is of a day gone by; it is not sent after all');
  if (found.state !== 'DEAD' && found.state !== 'DISMISSED')
    throw new AppError(409, 'WRONG_STATE', `The delivery is ${found.state}, not DEAD or DISMISSED`);
  return found;
}

/** Out of its state, only if it is still in it: of two operators at once, the second gets 409. */
async function leaveState(tx: Tx, found: Delivery, data: Prisma.DeliveryUpdateManyMutationInput): Promise<void> {
  const { count } = await tx.delivery.updateMany({ where: { id: found.id, state: found.state }, data });
  if (count === 0) throw new AppError(409, 'WRONG_STATE', `The delivery is no longer ${found.state}`);
}

/**
 * A retry goes where the delivery would go now (operations may have corrected the address since);
 * 409 when that recipient no longer hears of it, or when the current address has a delivery already.
 */
async function addressForRetry(tx: Tx, found: DeliveryWithRecipient): Promise<string> {
  const address = await currentAddressOf(tx, found, found.notification);
  if (address === undefined)
    throw new AppError(
      409,
      'NOT_A_RECIPIENT',
      found.channel === 'WEBHOOK'
        ? 'The provider has no webhook any more'
        : 'The address no longer receives this notification (removed from the provider or team, or its person left the team or reads this kind in the inbox only)',
    );
  if (address === found.address) return address;
  const taken = await tx.delivery.count({
    where: { notificationId: found.notificationId, channel: found.channel, address },
  });
  if (taken > 0)
    throw new AppError(409, 'ALREADY_PLANNED', 'The notification has a delivery to the current address already');
  return address;
}

/** Back to PENDING for a retry, to the address it would go to now (audited); the caller starts its sending. */
export function reopenForRetry(prisma: PrismaClient, deliveryId: string, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const found = await deliveryToRetry(tx, deliveryId);
    const address = await addressForRetry(tx, found);
    const addressChanged = address !== found.address;
    await leaveState(tx, found, { state: 'PENDING', address, attempts: 0, retries: { increment: 1 } });
    await auditUserAction(tx, actorId, {
      action: 'DELIVERY_RETRIED',
      data: {
        deliveryId: found.id,
        notificationId: found.notificationId,
        lastError: found.lastError,
        addressChanged,
        from: found.state,
      },
    });
    return { id: found.id, notificationId: found.notificationId, address, addressChanged, retries: found.retries + 1 };
  });
}

/**
 * Closed without sending (kept, listed as DISMISSED, audited). A consultant's digest lets go of the
 * notifications it took along, so the next working day's digest takes them.
 */
export function dismissDelivery(prisma: PrismaClient, deliveryId: string, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const found = await deadDelivery(tx, deliveryId);
    await leaveState(tx, found, { state: 'DISMISSED' });
    const released =
      found.notification.kind === 'DAILY_DIGEST'
        ? await releaseHeldFromDigest(tx, { userId: found.userId, payload: found.notification.payload })
        : 0;
    await auditUserAction(tx, actorId, {
      action: 'DELIVERY_DISMISSED',
      data: { deliveryId: found.id, notificationId: found.notificationId, lastError: found.lastError, released },
    });
    return { id: found.id, state: 'DISMISSED' as const };
  });
}
