import { z } from 'zod';
import { IndicationStatus, NoShowPolicy, Region, Role, TaskStatus, VolumeUnit } from '../prisma/client';
import { closureReasons } from '../domain/closure-reasons';
import { taskTimings } from '../domain/deadlines';
import { endEvaluationOutcomes, trajectoryPhases } from '../domain/lifecycle';
import { notificationKinds, notificationModes } from '../domain/notifications';
import { timeMixWarningKinds } from '../domain/utilisation';
import { contactApproaches, zrmExpectations } from '../domain/support-plan';
import { zrmDomains } from '../domain/zrm';
import { zrmScores } from './schemas';
import { businessDate, decimal, instant, isoInstant, pagedOf, person, uuid } from './response-parts';

/**
 * What each route answers, as the handler returns it (Dates, Prisma decimals) and as the JSON
 * document describes it (date-time strings, decimal strings): /openapi.json is generated from these,
 * handlers are type-checked against them, and the test suites check every answer at run time.
 * Operations' own answers (deliveries, KPIs, alerts, the access log) are in operations-responses.ts.
 */

const phase = z.enum(trajectoryPhases);
const closureReason = z.enum(closureReasons);

export const me = z.strictObject({
  id: uuid,
  email: z.string(),
  displayName: z.string(),
  role: z.enum(Role),
  team: z.strictObject({ id: uuid, name: z.string(), municipality: z.string(), region: z.enum(Region) }).nullable(),
  provider: z.strictObject({ id: uuid, name: z.string() }).nullable(),
});

export const colleagues = z.strictObject({ items: z.array(person) });

export const providers = z.strictObject({
  items: z.array(z.strictObject({ id: uuid, name: z.string(), agbCode: z.string().nullable() })),
});

export const products = z.strictObject({
  items: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      region: z.enum(Region),
      primaryActivity: z.string(),
      volumeUnit: z.enum(VolumeUnit),
      minDurationMonths: z.int().nullable(),
      maxDurationMonths: z.int().nullable(),
      extendable: z.boolean(),
      alwaysFinite: z.boolean(),
      requiresStableZrm: z.boolean(),
      /** Its support plan sets the contact moments (POST .../support-plans `contact`; seed 000, IB0). */
      planAgreesContacts: z.boolean(),
      interimEvaluationMonths: z.int().nullable(),
      clientAgeBelow: z.int().nullable(),
      noShowPolicy: z.enum(NoShowPolicy),
      noShowCap: z.int().nullable(),
      surchargeFor: z.array(z.string()),
      /** What the consultant confirms holds before deciding it (POST .../indication `conditions`). */
      conditions: z.array(z.string()),
      validFrom: businessDate.nullable(),
      validTo: businessDate.nullable(),
      source: z.string(),
    }),
  ),
});

export const registered = z.strictObject({
  trajectoryId: uuid,
  clientId: uuid,
  phase,
  intakeDueAt: instant.nullable(),
});

/** The client's new trajectory with the other provider (the old one is closed). */
export const transferred = z.strictObject({
  trajectoryId: uuid,
  providerId: uuid,
  intakeDueAt: instant.nullable(),
});

const summaryFields = {
  id: uuid,
  clientId: uuid,
  providerId: uuid,
  teamId: uuid,
  phase,
  registeredAt: instant,
  intakeDueAt: instant.nullable(),
  intakeHeldAt: instant.nullable(),
  intakeHeldOn: instant.nullable(),
  nextDeadlineAt: instant.nullable(),
  nextDeadlineKind: z.string().nullable(),
  closedAt: instant.nullable(),
  closureReason: closureReason.nullable(),
};

export const trajectorySummary = z.strictObject({
  ...summaryFields,
  /** The indication in force, if any. */
  indications: z.array(
    z.strictObject({
      id: uuid,
      productCode: z.string(),
      startDate: instant,
      endDate: instant,
      hoursPerWeek: decimal.nullable(),
    }),
  ),
});

export const trajectories = pagedOf(trajectorySummary);

/** Who the client is: consultants see the BSN too; operations see no client at all. */
const client = z.strictObject({ fullName: z.string(), dateOfBirth: businessDate, bsn: z.string().optional() });

/** Trajectories found by BSN or name, with the client found (not for operations), at most 100. */
export const searchResults = pagedOf(trajectorySummary.extend({ client: client.optional() }));

const indication = z.strictObject({
  id: uuid,
  trajectoryId: uuid,
  sequence: z.int(),
  productCode: z.string(),
  /** The surcharge (opslag) paid on top of the category, or null. */
  surchargeCode: z.string().nullable(),
  startDate: instant,
  endDate: instant,
  volumeUnit: z.enum(VolumeUnit),
  hoursPerWeek: decimal.nullable(),
  status: z.enum(IndicationStatus),
  decidedAt: instant,
  decidedById: uuid.nullable(),
  closedAt: instant.nullable(),
  closureReason: closureReason.nullable(),
  createdAt: instant,
  /** The months declared in this period, oldest first, each with the time-mix warnings of the trajectory through it. */
  declarations: z.array(
    z.strictObject({
      month: businessDate,
      directMinutes: z.int(),
      indirectMinutes: z.int(),
      digitalMinutes: z.int(),
      groupMinutes: z.int(),
      warnings: z.array(z.enum(timeMixWarningKinds)),
    }),
  ),
});

const requestStatus = z.enum(['REQUESTED', 'GRANTED', 'REFUSED']);
const utilisation = z.strictObject({
  allocatedMinutes: z.int(),
  usedMinutes: z.int(),
  usedShare: z.number(),
  projectedMinutes: z.int(),
  threshold: z.number(),
});
const timeTotals = z.strictObject({
  directMinutes: z.int(),
  indirectMinutes: z.int(),
  digitalMinutes: z.int(),
  /** Absent in a workflow's totals kept before group contact time was a category (none then). */
  groupMinutes: z.int().optional(),
});
const periodUsage = z.strictObject({
  declaredMonths: z.array(businessDate),
  clientBoundMinutes: z.int(),
  expansionAdvised: z.boolean(),
  adviceAnswered: z.boolean().optional(),
  declarableNoShows: z.int(),
});

/** A ZRM measurement as stored: its day and the domains scored (1–5). */
const zrmAssessment = z.strictObject({
  assessedOn: businessDate,
  scores: zrmScores,
});

export const zrmAssessed = z.strictObject({ assessmentId: uuid, assessedOn: businessDate });

/** The support plan in force: the day it was agreed and, per domain, the development expected and the result sought. */
const supportPlan = z.strictObject({
  agreedOn: businessDate,
  goals: z.array(z.strictObject({ domain: z.enum(zrmDomains), expected: z.enum(zrmExpectations), result: z.string() })),
  /** The contact moments agreed (seed 000, IB0): every so many weeks, and who takes the initiative; null when none. */
  contact: z.strictObject({ everyWeeks: z.int(), approach: z.enum(contactApproaches) }).nullable(),
});
/** The report a provider filed with an extension or expansion request (seed 003), newest first. */
const requestReport = z.strictObject({
  id: uuid,
  kind: z.enum(['EXTENSION', 'EXPANSION']),
  filedAt: instant,
  /** The provider's person who filed it; null if no longer known. */
  authorName: z.string().nullable(),
  goalsReached: z.string(),
  stillNeeded: z.string(),
  intendedOutflow: z.string(),
});

export const supportPlanRecorded = z.strictObject({
  planId: uuid,
  agreedOn: businessDate,
  /** The yearly review tasks this plan completed (seed 001: the plan discussed at least yearly). */
  reviewTasksCompleted: z.int(),
});

export const trajectoryDetail = z.strictObject({
  ...summaryFields,
  indications: z.array(indication),
  /**
   * True when deadlines and use are the workflow's own (the view it mirrors after every change, or
   * its answer); false when a workflow from before that mirror did not answer within its time (a
   * busy or absent worker): the deadlines are then the next one mirrored on the record, without the
   * period's use.
   */
  live: z.boolean(),
  /** The ZRM measurements, oldest first (health data: consultants and providers only, never operations). */
  zrm: z.array(zrmAssessment).optional(),
  /** The latest support plan, null before there is one (consultants and providers only, never operations). */
  supportPlan: supportPlan.nullable().optional(),
  /** The reports of the extension and expansion requests, newest first (consultants and providers only, never operations). */
  reports: z.array(requestReport).optional(),
  client: client.optional(),
  timeline: z.array(
    z.strictObject({
      id: z.string(),
      occurredAt: instant,
      actorType: z.string(),
      actorId: z.string().nullable(),
      /** The person who did it; null for the workflow and the system. */
      actorName: z.string().nullable(),
      /** The person a task was given to (TASK_ASSIGNED); null for every other event and a task given back. */
      assigneeName: z.string().nullable(),
      action: z.string(),
      data: z.unknown(),
      /**
       * The text that goes with it: a correction's reason, a completed task's outcome. Only for the
       * team or provider whose task it was; never for operations.
       */
      note: z.string().nullable(),
    }),
  ),
  pendingDeadlines: z.array(z.strictObject({ kind: z.string(), dueAt: isoInstant, nextPeriod: z.boolean() })),
  care: z
    .strictObject({
      extendable: z.boolean(),
      extension: requestStatus.nullable(),
      expansion: z.strictObject({ status: requestStatus, requestedHoursPerWeek: z.number() }).nullable(),
      expansionAdvised: z.boolean(),
      endEvaluation: z.strictObject({ due: z.boolean(), outcome: z.string().nullable() }),
      utilisation: utilisation.nullable(),
    })
    .nullable(),
  counters: z.strictObject({
    consecutiveNoShows: z.int(),
    period: periodUsage.nullable(),
    time: timeTotals.nullable(),
  }),
});

/** The indication as the workflow holds it: its period and the product's rules that drive deadlines. */
const indicationSnapshot = z.object({
  indicationId: uuid,
  sequence: z.int(),
  productCode: z.string(),
  startDate: businessDate,
  endDate: businessDate,
  hoursPerWeek: z.number().nullable(),
  extendable: z.boolean(),
  maxDurationMonths: z.int().nullable(),
  interimEvaluationMonths: z.int().nullable(),
  noShowPolicy: z.enum(NoShowPolicy).optional(),
  noShowCap: z.int().nullable().optional(),
  alwaysFinite: z.boolean().optional(),
  resultFinanced: z.boolean().optional(),
});

/**
 * The workflow's view after a change: ids, dates and codes only. Older histories may carry fields
 * added since, so clients ignore what they do not know.
 */
export const trajectoryView = z
  .object({
    trajectoryId: uuid,
    providerId: uuid,
    teamId: uuid,
    phase,
    registeredAt: isoInstant,
    intakeReminderLeadDays: z.int(),
    intakeHeldOn: businessDate.optional(),
    indication: indicationSnapshot.optional(),
    extension: z.object({ status: requestStatus, reportId: uuid, next: indicationSnapshot.optional() }).optional(),
    expansion: z.object({ status: requestStatus, reportId: uuid, requestedHoursPerWeek: z.number() }).optional(),
    period: periodUsage.optional(),
    time: timeTotals.optional(),
    consecutiveNoShows: z.int().optional(),
    endEvaluation: z.enum(endEvaluationOutcomes).optional(),
    closedAt: isoInstant.optional(),
    closureReason: closureReason.optional(),
    pendingDeadlines: z.array(
      z.object({ kind: z.string(), dueAt: isoInstant, key: z.string(), upcoming: z.literal(true).optional() }),
    ),
  })
  .loose();

export const declarationOutcome = z.strictObject({
  warnings: z.array(z.enum(timeMixWarningKinds)),
  usedShare: z.number(),
  expansionAdvised: z.boolean(),
  monthDoubled: z.boolean(),
});

export const noShowOutcome = z.strictObject({
  declarable: z.boolean(),
  consecutive: z.int(),
  action: z.enum(['NONE', 'NOTIFY_LOCAL_TEAM', 'RECONTACT']),
});

export const tasks = pagedOf(
  z.strictObject({
    id: uuid,
    trajectoryId: uuid,
    kind: z.string(),
    dueAt: instant,
    status: z.enum(TaskStatus),
    createdAt: instant,
    /** Ahead of its due instant, late (it had time, and the time has passed), or to do at once (raised when due). */
    timing: z.enum(taskTimings),
    /** Who picked it up (opgepakt); null: nobody yet. */
    assignee: person.nullable(),
  }),
);

export const assignedTask = z.strictObject({
  id: uuid,
  assignee: person.nullable(),
});

export const completedTask = z.strictObject({
  id: uuid,
  kind: z.string(),
  status: z.literal('DONE'),
  completedAt: instant,
});

export const inbox = pagedOf(
  z.strictObject({
    id: uuid,
    trajectoryId: uuid.nullable(),
    kind: z.string(),
    /** Ids and dates only (e.g. `dueAt`), never personal data. */
    payload: z.unknown(),
    createdAt: instant,
    readAt: instant.nullable(),
  }),
).extend({ unread: z.int() });

export const notificationRead = z.strictObject({ id: uuid, readAt: instant });

export const notificationPreferences = z.strictObject({
  preferences: z.array(z.strictObject({ kind: z.enum(notificationKinds), mode: z.enum(notificationModes) })),
});

export const deadlines = pagedOf(
  z.strictObject({
    trajectoryId: uuid,
    phase,
    kind: z.string().nullable(),
    dueAt: instant.nullable(),
    reminderAt: instant.nullable(),
  }),
);
