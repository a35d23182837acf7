import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { dateOf } from '../../domain/calendar';
import type { DailyDigest, DeliverNotification, DigestOutcome } from './contracts';

type Activities = ReturnType<typeof createActivities>;

const bookkeeping = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });

/**
 * At least once to every address: each delivery (a digest's, an operations retry's, or what a
 * notice's first attempt could not send) is an activity that Temporal retries with backoff (an
 * SMTP or webhook outage, a worker restart); after the last attempt it is dead-lettered with its
 * error, where operations can see it and retry it.
 */
export async function deliverNotification({ deliveryIds, retry }: DeliverNotification): Promise<void> {
  const { deliver } = proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalMs,
      maximumAttempts: retry.maximumAttempts,
    },
  });
  await Promise.all(
    deliveryIds.map(async (deliveryId) => {
      try {
        await deliver(deliveryId);
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        const cause = error.cause instanceof ApplicationFailure ? error.cause.message : String(error.cause?.message);
        await bookkeeping.deadLetter({ deliveryId, error: cause });
      }
    }),
  );
}

/** Run by the Temporal Schedule at 07:30 Amsterdam; weekends and Dutch public holidays send nothing. */
export async function dailyDigest({ day }: DailyDigest = {}): Promise<DigestOutcome> {
  return bookkeeping.sendDailyDigests({ day: day ?? dateOf(new Date()) });
}
