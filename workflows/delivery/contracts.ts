/** How a delivery is retried: Temporal's backoff, then the dead-letter state for operations. */
export interface DeliveryRetry {
  maximumAttempts: number;
  initialIntervalMs: number;
  maximumIntervalMs: number;
}

/** Sends a notification's deliveries (by id only: addresses and content stay in the database). */
export interface DeliverNotification {
  deliveryIds: string[];
  retry: DeliveryRetry;
}

/** One workflow per notification; an operations retry of one delivery gets an id of its own. */
export const deliveryWorkflowId = (notificationId: string, retryOf?: { deliveryId: string; retries: number }) =>
  retryOf ? `delivery-${notificationId}-retry-${retryOf.deliveryId}-${retryOf.retries}` : `delivery-${notificationId}`;

/** A working day's digest for every consultant team and member; without a day, today in Amsterdam. */
export interface DailyDigest {
  day?: string;
}

export type DigestOutcome = { skipped: 'WEEKEND' | 'HOLIDAY'; day: string } | { sent: number; day: string };

export const DIGEST_SCHEDULE_ID = 'daily-digest';

/** As DELIVERY_MAX_ATTEMPTS, DELIVERY_RETRY_INTERVAL and DELIVERY_RETRY_MAX_INTERVAL default (scripts/config.ts). */
export const defaultDeliveryRetry: DeliveryRetry = {
  maximumAttempts: 10,
  initialIntervalMs: 30_000,
  maximumIntervalMs: 3_600_000,
};
