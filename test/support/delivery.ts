import { randomBytes } from 'node:crypto';
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
    secrets: testSecrets,
    allowInternalWebhooks: true,
  };
}

/** The activities outside a worker; the delivery workflows they would start are recorded instead. */
export function activitiesFor(prisma: PrismaClient) {
  const started: { workflowId: string; deliveryIds: string[] }[] = [];
  const activities = createActivities({
    prisma,
    delivery: {
      ...testDelivery(),
      startDeliveries: async (workflowId, deliveryIds) => {
        started.push({ workflowId, deliveryIds });
      },
    },
  });
  return { ...activities, started };
}
