import { ApplicationFailure } from '@temporalio/common';
import { isSingleKind } from '../../domain/notifications';
import type { PrismaClient } from '../../prisma/client';
import type { SecretBox } from '../sealing';
import { DeliveryFailure, type DeliveryDependencies } from './dependencies';
import { heldSentWithDigest, renderDigest } from './digest';
import { singleMessage, type Message } from './messages';
import { sendWebhook, webhookBody } from './webhook';
import { InsideNetwork } from './webhook-address';

type Notification = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>['notification'];

function loadDelivery(prisma: PrismaClient, id: string) {
  return prisma.delivery.findUnique({ where: { id }, include: { notification: { include: { provider: true } } } });
}

async function render(prisma: PrismaClient, n: Notification, appUrl: string): Promise<Message> {
  if (isSingleKind(n.kind)) return singleMessage(n.kind, n.payload, appUrl);
  return renderDigest(prisma, n.payload, appUrl);
}

/** What happened, to which trajectory, by when. */
const noticeBody = (n: Notification): string =>
  webhookBody(n.kind, n.createdAt, { notificationId: n.id, ...(n.payload as object) });

/** A secret sealed with a key no longer configured cannot be opened by any retry. */
function openSecret(secrets: SecretBox, sealed: string): string {
  try {
    return secrets.open(sealed);
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, DeliveryFailure.Refused);
  }
}

/** SMTP 5xx answers (no such mailbox, refused) and a webhook inside this network are final: retrying cannot help. */
const isPermanent = (error: unknown): boolean => {
  if (error instanceof InsideNetwork) return true;
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Sends one delivery, at least once: a delivery already recorded as sent is not sent again; the
 * outbox key goes along (Message-ID and X-Idempotency-Key, webhook-id) so a receiver can drop
 * the copy a crash between sending and recording would make.
 */
export function deliver(prisma: PrismaClient, deps: DeliveryDependencies, secrets: SecretBox) {
  return async (deliveryId: string): Promise<'SENT' | 'ALREADY_SENT'> => {
    const d = await loadDelivery(prisma, deliveryId);
    if (!d) throw ApplicationFailure.nonRetryable(`No delivery ${deliveryId}`, DeliveryFailure.Refused);
    if (d.state === 'SENT') return 'ALREADY_SENT';
    // Counted here, not taken from Temporal: the first attempt is made before any delivery workflow runs.
    const attempts = { increment: 1 };
    const n = d.notification;
    try {
      if (d.channel === 'EMAIL') {
        if (!deps.mailer)
          throw ApplicationFailure.nonRetryable('No SMTP server is configured', DeliveryFailure.MailNotConfigured);
        const message = await render(prisma, n, deps.appUrl);
        await deps.mailer.send({ to: d.address, idempotencyKey: n.idempotencyKey, ...message });
      } else {
        const sealed = n.provider?.webhookSecret;
        if (!sealed)
          throw ApplicationFailure.nonRetryable('The provider has no webhook secret', DeliveryFailure.Refused);
        const call = { url: d.address, secret: openSecret(secrets, sealed), id: n.idempotencyKey, body: noticeBody(n) };
        await sendWebhook({ ...call, at: new Date() }, { allowInternal: deps.allowInternalWebhooks });
      }
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      // Where it went out meanwhile (a first attempt that outlived its wait), the failure changes nothing.
      await prisma.delivery.updateMany({
        where: { id: d.id, state: 'PENDING' },
        data: { attempts, lastError: message },
      });
      if (isPermanent(error)) throw ApplicationFailure.nonRetryable(message, DeliveryFailure.Refused);
      throw error;
    }
    const sentAt = new Date();
    const writes = [
      prisma.delivery.updateMany({ where: { id: d.id }, data: { state: 'SENT', sentAt, attempts, lastError: null } }),
    ];
    const held =
      n.kind === 'DAILY_DIGEST' ? heldSentWithDigest(prisma, { ...d, payload: n.payload }, sentAt) : undefined;
    if (held) writes.push(held);
    await prisma.$transaction(writes);
    return 'SENT';
  };
}

/** After the last attempt: operations find it among the failed deliveries and can retry it. */
export function deadLetter(prisma: PrismaClient) {
  return async ({ deliveryId, error }: { deliveryId: string; error: string }): Promise<void> => {
    await prisma.delivery.updateMany({
      where: { id: deliveryId, state: 'PENDING' },
      data: { state: 'DEAD', lastError: error.slice(0, 1000) },
    });
  };
}
