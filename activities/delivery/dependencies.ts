import type { DeliveryRetry } from '../../workflows/delivery/contracts';
import type { Mailer } from './mailer';

/**
 * Starts (or joins, when it runs already) the workflow that sends these deliveries; `retrying`:
 * they have had their first attempt, the workflow makes the rest.
 */
export type StartDeliveries = (
  workflowId: string,
  deliveryIds: string[],
  options?: { retrying?: boolean },
) => Promise<void>;

/** What delivery needs from outside: a way to start its workflows, the channels, and where links point. */
export interface DeliveryDependencies {
  startDeliveries: StartDeliveries;
  /** Unset: e-mail deliveries fail at once with MAIL_NOT_CONFIGURED (operations see them). */
  mailer?: Mailer;
  /** The application's address, for the link in every e-mail. */
  appUrl: string;
  retry: DeliveryRetry;
  /** Whether a webhook may reach an address inside this network (WEBHOOK_ALLOW_INTERNAL; webhook-address.ts). */
  allowInternalWebhooks: boolean;
}

/** Failure types a retry cannot fix: the delivery goes to the dead-letter state at once. */
export const DeliveryFailure = {
  MailNotConfigured: 'MAIL_NOT_CONFIGURED',
  Refused: 'DELIVERY_REFUSED',
} as const;
