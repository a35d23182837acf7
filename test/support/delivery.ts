import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { enqueueNotification, type EnqueueNotification } from '../../activities/notifications';
import { deliveryStarter } from '../../activities/delivery/starter';
import { demoIds } from '../../prisma/seed/demo';
import { createActivities } from '../../activities';
import { SecretBox } from '../../activities/sealing';
import type { Mailer } from '../../activities/delivery/mailer';
import type { PrismaClient } from '../../prisma/client';
import type { DeliverySettings } from '../../scripts/delivery';
import type { DeliveryRetry } from '../../workflows/delivery/contracts';

export const TEST_APP_URL = 'https://wmo.test';

/** Seals in the API and opens in the worker of the same test file (a key of its own per file). */
export const testSecrets = new SecretBox([{ id: 'test', key: randomBytes(32) }]);

/** Delivery as tests run it: quick retries, an SMTP server only where the test starts one, webhook receivers on this machine. */
export function testDelivery(mailer?: Mailer, retry: Partial<DeliveryRetry> = {}): DeliverySettings {
  return {
    mailer,
    appUrl: TEST_APP_URL,
    retry: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 1_000, ...retry },
    allowInternalWebhooks: true,
  };
}

/** The activities outside a worker; the delivery workflows they would start are recorded instead. */
export function activitiesFor(prisma: PrismaClient, secrets = testSecrets) {
  const started: { workflowId: string; deliveryIds: string[] }[] = [];
  const activities = createActivities({
    prisma,
    secrets,
    delivery: {
      ...testDelivery(),
      startDeliveries: async (workflowId, deliveryIds) => {
        started.push({ workflowId, deliveryIds });
      },
    },
  });
  return { ...activities, started };
}

/** Quick retries: six attempts within about four seconds, then the dead-letter state. */
export const quickRetry = { maximumAttempts: 6, initialIntervalMs: 200, maximumIntervalMs: 1_000 };

/**
 * What the worker's enqueueNotification activity does: the notice in the outbox, its first attempt
 * at once, and a delivery workflow for what that could not send on a queue a worker polls (the
 * suite's own by default).
 */
export function outboxFor(
  api: { db: { prisma: PrismaClient }; env: { client: Client }; taskQueue: string },
  delivery: () => DeliverySettings,
) {
  return (n: Omit<EnqueueNotification, 'idempotencyKey'> & { idempotencyKey?: string }, taskQueue = api.taskQueue) =>
    enqueueNotification(
      api.db.prisma,
      {
        ...delivery(),
        startDeliveries: deliveryStarter(api.env.client, taskQueue, delivery().retry),
      },
      testSecrets,
    )({ idempotencyKey: `test:${randomUUID()}`, ...n });
}

/** An intake reminder for provider A, as the workflow writes it: ids and dates only. */
export function intakeNotice(trajectoryId: string): Omit<EnqueueNotification, 'idempotencyKey'> {
  return {
    trajectoryId,
    recipientRole: 'PROVIDER',
    providerId: demoIds.providerA,
    kind: 'INTAKE_DUE_SOON',
    payload: { trajectoryId, dueAt: '2026-12-07T23:00:00.000Z' },
  };
}

export function at<T>(items: T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index} among ${items.length}`);
  return item;
}
