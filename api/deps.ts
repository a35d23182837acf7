import type { Client } from '@temporalio/client';
import type { SecretBox } from '../activities/sealing';
import type { PrismaClient } from '../prisma/client';
import type { DeliveryRetry } from '../workflows/delivery/contracts';
import type { WorkflowStarts } from './workflow-starts';

/** What the routes need: the records, and Temporal for every change to a trajectory. */
export interface RouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /** Starts new trajectories' workflows, within a bounded time and again once Temporal is back. */
  workflowStarts: WorkflowStarts;
  /** How a delivery that operations retry is retried again (DELIVERY_* settings); default as configured by default. */
  deliveryRetry?: DeliveryRetry;
  /** Seals the secrets the records keep (a provider's webhook secret), under the payload keys. */
  secrets: SecretBox;
  /** Whether a webhook test may reach an address inside this network (WEBHOOK_ALLOW_INTERNAL, as the worker's deliveries). */
  allowInternalWebhooks?: boolean;
}
