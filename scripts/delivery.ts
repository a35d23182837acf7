import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { DeliveryDependencies } from '../activities/delivery/dependencies';
import { smtpMailer, type Mailer, type SmtpSettings } from '../activities/delivery/mailer';
import { TIME_ZONE } from '../domain/calendar';
import { DIGEST_SCHEDULE_ID, type DailyDigest, type DeliveryRetry } from '../workflows/delivery/contracts';
import { lifetimeSeconds, type Config } from './config';

/** Delivery as the worker runs it, except how workflows are started (the worker knows its queue). */
export type DeliverySettings = Omit<DeliveryDependencies, 'startDeliveries'>;

export function deliveryRetry(config: Config): DeliveryRetry {
  return {
    maximumAttempts: config.DELIVERY_MAX_ATTEMPTS,
    initialIntervalMs: lifetimeSeconds(config.DELIVERY_RETRY_INTERVAL) * 1000,
    maximumIntervalMs: lifetimeSeconds(config.DELIVERY_RETRY_MAX_INTERVAL) * 1000,
  };
}

/** The configured SMTP server, if any (SMTP_URL wins over SMTP_HOST). */
export function smtpSettings(config: Config): SmtpSettings | undefined {
  if (config.SMTP_URL) return { url: config.SMTP_URL };
  if (!config.SMTP_HOST) return undefined;
  return {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    user: config.SMTP_USER,
    password: config.SMTP_PASSWORD,
  };
}

export function deliverySettings(config: Config, mailer: Mailer | undefined): DeliverySettings {
  return {
    mailer,
    appUrl: config.APP_URL,
    retry: deliveryRetry(config),
    allowInternalWebhooks: config.WEBHOOK_ALLOW_INTERNAL,
  };
}

export const mailerFor = (settings: SmtpSettings, config: Config): Mailer => smtpMailer(settings, config.MAIL_FROM);

/** The consultants' digest: every day at 07:30 in Amsterdam (the workflow skips weekends and holidays). */
export async function ensureDigestSchedule(client: Client, taskQueue: string): Promise<void> {
  const options = {
    spec: { calendars: [{ hour: 7, minute: 30 }], timezone: TIME_ZONE },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'dailyDigest',
      taskQueue,
      args: [{}] as [DailyDigest],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 3_600_000 },
  };
  try {
    await client.schedule.create({ scheduleId: DIGEST_SCHEDULE_ID, ...options });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(DIGEST_SCHEDULE_ID)
      .update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: options.policies }));
  }
}
