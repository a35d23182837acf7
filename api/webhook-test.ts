import { randomUUID } from 'node:crypto';
import { sendWebhook, webhookBody } from '../activities/delivery/webhook';
import { auditUserAction } from '../prisma/records/audit';
import { AppError } from './app-error';
import type { RouteDeps } from './deps';

/**
 * A test message (type WEBHOOK_TEST) to a provider's webhook now, signed and guarded as a
 * notice would be, so operations know a new address and secret work before a deadline depends on
 * them. Whether it arrived is the answer, not an error: the receiver's status, or why not.
 */
export async function testWebhook(
  deps: Pick<RouteDeps, 'prisma' | 'secrets' | 'allowInternalWebhooks'>,
  providerId: string,
  actorId: string,
) {
  const provider = await deps.prisma.provider.findUnique({ where: { id: providerId } });
  if (!provider) throw new AppError(404, 'PROVIDER_NOT_FOUND', `No provider ${providerId}`);
  const { webhookUrl, webhookSecret } = provider;
  if (!webhookUrl || !webhookSecret) throw new AppError(409, 'NO_WEBHOOK', 'The provider has no webhook');
  const webhookId = `test_${randomUUID()}`;
  const at = new Date();
  const body = webhookBody('WEBHOOK_TEST', at, { providerId });
  // Opening the secret fails too when its key is no longer configured: said like any other failure.
  const send = async () =>
    sendWebhook(
      { url: webhookUrl, secret: deps.secrets.open(webhookSecret), id: webhookId, body, at },
      { allowInternal: deps.allowInternalWebhooks ?? false },
    );
  const outcome = await send().then(
    (status) => ({ delivered: true, status }),
    (error: unknown) => ({ delivered: false, error: (error as Error).message.slice(0, 1000) }),
  );
  await auditUserAction(deps.prisma, actorId, {
    action: 'PROVIDER_WEBHOOK_TESTED',
    data: { providerId, webhookId, delivered: outcome.delivered },
  });
  return { providerId, webhookId, ...outcome };
}
