import type { Delivery, Notification, Prisma } from '../../prisma/client';
import { currentAddressOf } from '../../prisma/records/outbox';
import { AppError } from '../app-error';

// Operations' two ways out of the dead letters: a retry (to the address set now) or closing it unsent.

type Tx = Prisma.TransactionClient;
export type DeliveryWithRecipient = Delivery & { notification: Pick<Notification, 'providerId' | 'teamId'> };

/** A delivery operations act on: 404 when there is none, 409 unless it is dead-lettered. */
export async function deadDelivery(tx: Tx, deliveryId: string): Promise<DeliveryWithRecipient> {
  const found = await tx.delivery.findUnique({
    where: { id: deliveryId },
    include: { notification: { select: { providerId: true, teamId: true } } },
  });
  if (!found) throw new AppError(404, 'DELIVERY_NOT_FOUND', `No delivery ${deliveryId}`);
  if (found.state !== 'DEAD') throw new AppError(409, 'WRONG_STATE', `The delivery is ${found.state}, not DEAD`);
  return found;
}

/** Out of the dead letters, only if it is still there: of two operators at once, the second gets 409. */
export async function leaveDead(tx: Tx, found: Delivery, data: Prisma.DeliveryUpdateManyMutationInput): Promise<void> {
  const { count } = await tx.delivery.updateMany({ where: { id: found.id, state: 'DEAD' }, data });
  if (count === 0) throw new AppError(409, 'WRONG_STATE', 'The delivery is no longer DEAD');
}

/**
 * A retry goes where the delivery would go now (operations may have corrected the address since);
 * 409 when that recipient no longer hears of it, or when the current address has a delivery already.
 */
export async function addressForRetry(tx: Tx, found: DeliveryWithRecipient): Promise<string> {
  const address = await currentAddressOf(tx, found, found.notification);
  if (address === undefined)
    throw new AppError(
      409,
      'NOT_A_RECIPIENT',
      found.channel === 'WEBHOOK'
        ? 'The provider has no webhook any more'
        : 'The address no longer receives this notification (removed from the provider or team)',
    );
  if (address === found.address) return address;
  const taken = await tx.delivery.count({
    where: { notificationId: found.notificationId, channel: found.channel, address },
  });
  if (taken > 0)
    throw new AppError(409, 'ALREADY_PLANNED', 'The notification has a delivery to the current address already');
  return address;
}
