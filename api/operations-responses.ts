import { z } from 'zod';
import { DeliveryState, NotificationChannel, Region, Role } from '../prisma/client';
import { accessKinds } from '../domain/client-access';
import { tariffUnits } from '../domain/costs';
import { businessDate, instant, pagedOf, staffMember, uuid } from './response-parts';

/**
 * What operations' routes answer (as responses.ts does for the others): where notifications went,
 * the providers' and teams' addresses, the KPIs, the alerts, the access log and the people in it.
 */

export const users = z.strictObject({ items: z.array(staffMember.extend({ role: z.enum(Role) })) });

export const deliveries = pagedOf(
  z.strictObject({
    id: uuid,
    notificationId: uuid,
    channel: z.enum(NotificationChannel),
    address: z.string(),
    state: z.enum(DeliveryState),
    attempts: z.int(),
    retries: z.int(),
    lastError: z.string().nullable(),
    updatedAt: instant,
    notification: z.strictObject({ kind: z.string(), trajectoryId: uuid.nullable() }),
  }),
);

/** The address is where it goes now: the provider's or person's current one when it was corrected since. */
export const retriedDelivery = z.strictObject({
  id: uuid,
  state: z.literal('PENDING'),
  retries: z.int(),
  address: z.string(),
  addressChanged: z.boolean(),
});

export const dismissedDelivery = z.strictObject({ id: uuid, state: z.literal('DISMISSED') });

export const providerNotificationSettings = z.strictObject({
  providerId: uuid,
  name: z.string(),
  contactEmails: z.array(z.string()),
  webhookUrl: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  /** Only in the answer that generated it: keep it, it is never shown again. */
  webhookSecret: z.string().optional(),
});

/** Whether the test message arrived: the receiver's status, or why not (the channel's words). */
export const webhookTest = z.strictObject({
  providerId: uuid,
  webhookId: z.string(),
  delivered: z.boolean(),
  status: z.int().optional(),
  error: z.string().optional(),
});

export const everyProviderNotificationSettings = z.strictObject({
  items: z.array(providerNotificationSettings.omit({ webhookSecret: true })),
});

export const teamMailbox = z.strictObject({ id: uuid, mailbox: z.string().nullable() });

export const teamMailboxes = z.strictObject({
  items: z.array(
    z.strictObject({ id: uuid, name: z.string(), municipality: z.string(), mailbox: z.string().nullable() }),
  ),
});

export const kpis = pagedOf(
  z.strictObject({
    providerId: uuid,
    productCode: z.string().nullable(),
    trajectories: z.int(),
    avgDaysToIntake: z.number().nullable(),
    /** From the day the intake was held to the day the indication was first decided. */
    avgDaysToDecision: z.number().nullable(),
    avgDaysToClosure: z.number().nullable(),
    closed: z.int(),
    /** Closed as planned (iWmo 19): outflow, the client leaving the care; every other closure is not. */
    outflow: z.int(),
    steppedDown: z.int(),
    closedAtMaximum: z.int(),
    /** Closed for a move to another provider (iWmo 38, overstap). */
    transferredOut: z.int(),
    openTasks: z.int(),
    overdueTasks: z.int(),
    atOnceTasks: z.int(),
    /** Domains scored in both the first and the latest ZRM measurement of a trajectory, by how they developed. */
    zrmImproved: z.int(),
    zrmStable: z.int(),
    zrmDeclined: z.int(),
    planGoalsReached: z.int(),
    planGoalsMissed: z.int(),
  }),
);

export const accessLog = pagedOf(
  z.strictObject({
    occurredAt: instant,
    kind: z.enum(accessKinds),
    /** The role the person had then. */
    role: z.enum(Role),
    trajectoryId: uuid.nullable(),
    user: staffMember,
  }),
);

const alert = z.strictObject({
  id: uuid,
  key: z.string(),
  kind: z.string(),
  trajectoryId: uuid.nullable(),
  detail: z.string(),
  occurrences: z.int(),
  firstSeenAt: instant,
  lastSeenAt: instant,
  resolvedAt: instant.nullable(),
});
export const alerts = pagedOf(alert);
export const resolvedAlert = alert;

export const codecPayloads = z.strictObject({
  payloads: z.array(z.strictObject({ metadata: z.record(z.string(), z.string()), data: z.string() })),
});

/** The catalogue's tariffs: a product's price from a day on (DOMAIN.md: data with validity periods). */
const tariff = z.strictObject({
  id: uuid,
  productCode: z.string(),
  validFrom: businessDate,
  /** Inclusive; null while no later tariff of the product has been added. */
  validTo: businessDate.nullable(),
  amountCents: z.int(),
  unit: z.enum(tariffUnits),
  source: z.string(),
});
export const tariffs = z.strictObject({ items: z.array(tariff) });
export const tariffAdded = tariff;

/** The tariff that was removed. */
export const tariffRemoved = z.strictObject({ id: uuid });

/** What care cost per provider and product in a year (domain/costs.ts). */
export const costs = pagedOf(
  z.strictObject({
    providerId: uuid,
    productCode: z.string(),
    trajectories: z.int(),
    /** What the allocations decided for the year cost, in cents. */
    allocatedCents: z.int(),
    /** Days of care through today (result-financed), or the hours declared (per hour), in cents. */
    realisedCents: z.int(),
    declaredMinutes: z.int(),
    /** Days of care and declared months that no tariff prices: not in the figures above. */
    daysWithoutTariff: z.int(),
    monthsWithoutTariff: z.int(),
  }),
).extend({
  /** Trajectories with care in the year, each once: one with a surcharge or a change of product is in several rows. */
  trajectories: z.int(),
  /** Per region (its products' rows added up), beside the region's budget for the year (null: none set). */
  budgets: z.array(
    z.strictObject({
      region: z.enum(Region),
      budgetCents: z.int().nullable(),
      allocatedCents: z.int(),
      realisedCents: z.int(),
    }),
  ),
});

/** A region's budget for a year, as set. */
export const budget = z.strictObject({ region: z.enum(Region), year: z.int(), amountEuros: z.int() });

/** Seed 001: each provider's performance discussed at least once a year; when it last was and is next due. */
export const providerReviews = z.strictObject({
  items: z.array(
    z.strictObject({
      providerId: uuid,
      name: z.string(),
      lastHeldOn: businessDate.nullable(),
      /** What was agreed at the last talk. */
      lastNotes: z.string().nullable(),
      /** A year after the last talk; null when there has been none (due now). */
      dueOn: businessDate.nullable(),
      overdue: z.boolean(),
    }),
  ),
});

export const providerReviewRecorded = z.strictObject({
  id: uuid,
  providerId: uuid,
  heldOn: businessDate,
  dueOn: businessDate,
});
