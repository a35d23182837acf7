import { createActivities } from '../../activities';
import type { Mailer } from '../../activities/delivery/mailer';
import type { PrismaClient } from '../../prisma/client';
import type { DeliverySettings } from '../../scripts/delivery';
import type { DeliveryRetry } from '../../workflows/delivery/contracts';

export const TEST_APP_URL = 'https://wmo.test';

/** Delivery as tests run it: quick retries, an SMTP server only where the test starts one. */
export function testDelivery(mailer?: Mailer, retry: Partial<DeliveryRetry> = {}): DeliverySettings {
  return {
    mailer,
    appUrl: TEST_APP_URL,
    retry: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 1_000, ...retry },
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
