import { z } from 'zod';
import * as responses from '../operations-responses';
import { newWebhookSecret, WEBHOOK_SECRET_PATTERN } from '../../activities/delivery/webhook';
import { auditUserAction } from '../../prisma/records/audit';
import { DeliveryState } from '../../prisma/client';
import { defaultDeliveryRetry, deliveryWorkflowId } from '../../workflows/delivery/contracts';
import { deliveryStarter } from '../../activities/delivery/starter';
import type { SecretBox } from '../../activities/sealing';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { AppError } from '../app-error';
import { dismissDelivery, reopenForRetry } from '../dead-letters';
import { testWebhook } from '../webhook-test';
import { id, page, pageOf } from '../schemas';

const email = z.email().max(254);

const providerSettings = z.strictObject({
  contactEmails: z.array(email).max(10).optional(),
  /** null removes the webhook. */
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  /** Omitted with a new URL and no secret yet: one is made and shown in this answer only. */
  webhookSecret: z.string().regex(WEBHOOK_SECRET_PATTERN, 'must be whsec_ and at least 24 bytes in base64').optional(),
});

/** Operations: where notifications go (provider contacts and webhook, team mailbox) and deliveries that failed. */
export function deliveryRoutes(deps: RouteDeps): Endpoint[] {
  const { prisma, temporal, taskQueue, deliveryRetry, secrets } = deps;
  return [
    endpoint({
      method: 'get',
      path: '/deliveries',
      summary: 'Deliveries by state (default DEAD: gave up after the last attempt), newest first',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.deliveries,
      query: page.extend({ state: z.enum(DeliveryState).default('DEAD') }),
      handle: ({ query }) => {
        const where = { state: query.state };
        return pageOf(
          query,
          (window) =>
            prisma.delivery.findMany({
              where,
              orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
              ...window,
              select: {
                id: true,
                notificationId: true,
                channel: true,
                address: true,
                state: true,
                attempts: true,
                retries: true,
                lastError: true,
                updatedAt: true,
                notification: { select: { kind: true, trajectoryId: true } },
              },
            }),
          () => prisma.delivery.count({ where }),
        );
      },
    }),
    endpoint({
      method: 'post',
      path: '/deliveries/{deliveryId}/retry',
      summary:
        "Send a dead-lettered delivery again, or one closed without sending after all (not a daily digest), to the recipient's current address (audited); 409 unless it is DEAD or DISMISSED, or while the recipient no longer hears of it",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.retriedDelivery,
      params: z.object({ deliveryId: id }),
      handle: async ({ actor, params }) => {
        const retried = await reopenForRetry(prisma, params.deliveryId, actor.id);
        const start = deliveryStarter(temporal, taskQueue, deliveryRetry ?? defaultDeliveryRetry);
        try {
          await start(
            deliveryWorkflowId(retried.notificationId, { deliveryId: retried.id, retries: retried.retries }),
            [retried.id],
          );
        } catch (error) {
          // Not started: it stays dead-lettered, so operations can retry again once Temporal answers.
          await prisma.delivery.updateMany({
            where: { id: retried.id, state: 'PENDING' },
            data: { state: 'DEAD', lastError: `The retry could not start: ${(error as Error).message}` },
          });
          throw error;
        }
        const { id, retries, address, addressChanged } = retried;
        return { id, state: 'PENDING' as const, retries, address, addressChanged };
      },
    }),
    endpoint({
      method: 'post',
      path: '/deliveries/{deliveryId}/dismiss',
      summary: 'Close a dead-lettered delivery without sending it (audited); 409 unless it is DEAD',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.dismissedDelivery,
      params: z.object({ deliveryId: id }),
      handle: ({ actor, params }) => dismissDelivery(prisma, params.deliveryId, actor.id),
    }),
    endpoint({
      method: 'get',
      path: '/providers/notification-settings',
      summary: "Where every provider's notifications go, by name (the webhook secrets are never shown)",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.everyProviderNotificationSettings,
      handle: async () => ({
        items: (
          await prisma.provider.findMany({
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
            select: { id: true, name: true, contactEmails: true, webhookUrl: true, webhookSecret: true },
          })
        ).map((p) => settingsOf(p)),
      }),
    }),
    endpoint({
      method: 'get',
      path: '/providers/{providerId}/notification-settings',
      summary: "Where a provider's notifications go (the webhook secret is never shown)",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.providerNotificationSettings,
      params: z.object({ providerId: id }),
      handle: async ({ params }) => settingsOf(await findProvider(params.providerId)),
    }),
    endpoint({
      method: 'post',
      path: '/providers/{providerId}/notification-settings',
      summary: "Set a provider's contact addresses and webhook (Standard Webhooks, HMAC-SHA256); audited",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.providerNotificationSettings,
      params: z.object({ providerId: id }),
      body: providerSettings,
      handle: async ({ actor, params, body }) => {
        const provider = await findProvider(params.providerId);
        const webhookUrl = body.webhookUrl === undefined ? provider.webhookUrl : body.webhookUrl;
        const made = webhookUrl && !body.webhookSecret && !provider.webhookSecret ? newWebhookSecret() : undefined;
        const secret = webhookSecretAfter(secrets, provider.webhookSecret, webhookUrl, body.webhookSecret ?? made);
        const updated = await prisma.$transaction(async (tx) => {
          const row = await tx.provider.update({
            where: { id: provider.id },
            data: {
              contactEmails: body.contactEmails ?? provider.contactEmails,
              webhookUrl,
              webhookSecret: secret.stored,
            },
          });
          await auditUserAction(tx, actor.id, {
            action: 'PROVIDER_NOTIFICATION_SETTINGS_CHANGED',
            data: { providerId: provider.id, webhookUrl, secretChanged: secret.changed },
          });
          return row;
        });
        return { ...settingsOf(updated), ...(made && { webhookSecret: made }) };
      },
    }),
    endpoint({
      method: 'post',
      path: '/providers/{providerId}/webhook-test',
      summary:
        "Send a signed test message (WEBHOOK_TEST) to a provider's webhook now; answers whether it arrived (audited)",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.webhookTest,
      params: z.object({ providerId: id }),
      handle: ({ actor, params }) => testWebhook(deps, params.providerId, actor.id),
    }),
    endpoint({
      method: 'get',
      path: '/teams',
      summary: 'Every consultant team with its shared mailbox, by municipality and name',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.teamMailboxes,
      handle: async () => ({
        items: await prisma.team.findMany({
          orderBy: [{ municipality: 'asc' }, { name: 'asc' }, { id: 'asc' }],
          select: { id: true, name: true, municipality: true, mailbox: true },
        }),
      }),
    }),
    endpoint({
      method: 'post',
      path: '/teams/{teamId}/mailbox',
      summary: "Set a consultant team's shared mailbox (null removes it); audited",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.teamMailbox,
      params: z.object({ teamId: id }),
      body: z.strictObject({ mailbox: email.nullable() }),
      handle: async ({ actor, params, body }) => {
        const team = await prisma.team.findUnique({ where: { id: params.teamId } });
        if (!team) throw new AppError(404, 'TEAM_NOT_FOUND', `No team ${params.teamId}`);
        return prisma.$transaction(async (tx) => {
          const row = await tx.team.update({ where: { id: team.id }, data: { mailbox: body.mailbox } });
          await auditUserAction(tx, actor.id, {
            action: 'TEAM_MAILBOX_CHANGED',
            data: { teamId: team.id, mailbox: body.mailbox },
          });
          return { id: row.id, mailbox: row.mailbox };
        });
      },
    }),
  ];

  async function findProvider(providerId: string) {
    const provider = await prisma.provider.findUnique({ where: { id: providerId } });
    if (!provider) throw new AppError(404, 'PROVIDER_NOT_FOUND', `No provider ${providerId}`);
    return provider;
  }
}

/**
 * What the record keeps: none without a webhook; the secret given, sealed (activities/sealing.ts)
 * under the first key, also when it is the same again (so a rotated key can be retired); or the one it had.
 */
function webhookSecretAfter(secrets: SecretBox, had: string | null, webhookUrl: string | null, given?: string) {
  if (!webhookUrl) return { stored: null, changed: had !== null };
  if (given === undefined) return { stored: had, changed: false };
  return { stored: secrets.seal(given), changed: !(had !== null && secrets.holds(had, given)) };
}

function settingsOf(p: {
  id: string;
  name: string;
  contactEmails: string[];
  webhookUrl: string | null;
  webhookSecret: string | null;
}) {
  return {
    providerId: p.id,
    name: p.name,
    contactEmails: p.contactEmails,
    webhookUrl: p.webhookUrl,
    webhookSecretSet: !!p.webhookSecret,
  };
}
