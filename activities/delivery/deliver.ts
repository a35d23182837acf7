import { ApplicationFailure } from '@temporalio/common';
import { isSingleKind } from '../../domain/notifications';
import type { PrismaClient } from '../../prisma/client';
import { deliveryToSend, markSent, type DeliveryToSend } from '../../prisma/records/delivery-sending';
import type { SecretBox } from '../sealing';
import { DeliveryFailure, type DeliveryDependencies } from './dependencies';
import { heldSentWithDigest, renderDigest } from './digest';
import { singleMessage, type Message } from './messages';
import { sendWebhook, webhookBody } from './webhook';
import { InsideNetwork } from './webhook-address';

async function render(prisma: PrismaClient, d: DeliveryToSend, appUrl: string): Promise<Message> {
  if (isSingleKind(d.kind)) return singleMessage(d.kind, d.payload, appUrl);
  return renderDigest(prisma, d.payload, appUrl);
}

/** What happened, to which trajectory, by when. */
const noticeBody = (d: DeliveryToSend): string =>
  webhookBody(d.kind, d.createdAt, { notificationId: d.notificationId, ...(d.payload as object) });

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
    const d = await deliveryToSend(prisma, deliveryId);
    if (!d) throw ApplicationFailure.nonRetryable(`No delivery ${deliveryId}`, DeliveryFailure.Refused);
    if (d.state === 'SENT') return 'ALREADY_SENT';
    try {
      if (d.channel === 'EMAIL') {
        if (!deps.mailer)
          throw ApplicationFailure.nonRetryable('No SMTP server is configured', DeliveryFailure.MailNotConfigured);
        const message = await render(prisma, d, deps.appUrl);
        await deps.mailer.send({ to: d.address, idempotencyKey: d.idempotencyKey, ...message });
      } else {
        if (!d.webhookSecret)
          throw ApplicationFailure.nonRetryable('The provider has no webhook secret', DeliveryFailure.Refused);
        const secret = openSecret(secrets, d.webhookSecret);
        const call = { url: d.address, secret, id: d.idempotencyKey, body: noticeBody(d) };
        await sendWebhook({ ...call, at: new Date() }, { allowInternal: deps.allowInternalWebhooks });
      }
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      // Counted here, not taken from Temporal: the first attempt is made before any delivery workflow
      // runs. Where it went out meanwhile (a first attempt that outlived its wait), nothing changes.
      await prisma.delivery.updateMany({
        where: { id: d.id, state: 'PENDING' },
        data: { attempts: { increment: 1 }, lastError: message },
      });
      if (isPermanent(error)) throw ApplicationFailure.nonRetryable(message, DeliveryFailure.Refused);
      throw error;
    }
    const sentAt = new Date();
    const held = d.kind === 'DAILY_DIGEST' ? heldSentWithDigest(prisma, d, sentAt) : undefined;
    await (held ? prisma.$transaction([markSent(prisma, d.id, sentAt), held]) : markSent(prisma, d.id, sentAt));
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
