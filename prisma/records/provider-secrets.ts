import { SecretBox } from '../../activities/sealing';
import type { PrismaClient } from '../client';
import { auditRow } from './audit';

/**
 * Webhook secrets stored before they were sealed (stop 21) are sealed at start-up, so a copy of
 * the database gives none away. Each row changes only if it still holds the plain value read (a
 * second API starting at the same time, or operations setting a new secret, leave it alone);
 * audited like a change by operations, with the system as actor. Resolves with how many were sealed.
 */
export async function sealPlainWebhookSecrets(prisma: PrismaClient, secrets: SecretBox): Promise<number> {
  const providers = await prisma.provider.findMany({
    where: { webhookSecret: { not: null } },
    select: { id: true, webhookSecret: true },
  });
  let sealed = 0;
  for (const { id, webhookSecret: plain } of providers) {
    if (plain === null || SecretBox.isSealed(plain)) continue;
    sealed += await prisma.$transaction(async (tx) => {
      const { count } = await tx.provider.updateMany({
        where: { id, webhookSecret: plain },
        data: { webhookSecret: secrets.seal(plain) },
      });
      if (count) {
        await tx.auditEvent.create({
          data: auditRow({
            actor: { type: 'SYSTEM', id: 'start-up' },
            action: 'PROVIDER_WEBHOOK_SECRET_SEALED',
            data: { providerId: id },
          }),
        });
      }
      return count;
    });
  }
  return sealed;
}
