import { lastAllowedDay } from '../../domain/deadlines';
import {
  allocationEndsAt,
  extensionRequestDueAt,
  intakeDueAt,
  interimEvaluationDueAt,
  reminderAt,
  supportPlanReviewDueAt,
} from '../../domain/deadlines';
import type { ClosureReason } from '../../domain/closure-reasons';
import type {
  ActiveTrajectory,
  DeadlineKind,
  IndicationSnapshot,
  PendingDeadline,
  TrajectorySnapshot,
} from './contracts';

function deadline(kind: DeadlineKind, dueAt: Date, scope: string | number): PendingDeadline {
  return { kind, dueAt: dueAt.toISOString(), key: `${kind}:${scope}:${dueAt.toISOString()}` };
}

function intakeDeadlines(s: TrajectorySnapshot): PendingDeadline[] {
  if (s.phase !== 'REGISTERED') return [];
  const registeredAt = new Date(s.registeredAt);
  const due = intakeDueAt(registeredAt); // seed 003: intake within two weeks
  return [
    deadline('INTAKE_REMINDER', reminderAt(due, s.intakeReminderLeadDays, registeredAt), 0),
    deadline('INTAKE_OVERDUE', due, 0),
  ];
}

function indicationDeadlines(s: ActiveTrajectory, i: IndicationSnapshot): PendingDeadline[] {
  const out: PendingDeadline[] = [];
  // Seed 003: the provider files an extension request about 8 weeks before the allocation ends.
  if (i.extendable && !s.extension)
    out.push(deadline('EXTENSION_REQUEST_DUE', extensionRequestDueAt(i.endDate), i.sequence));
  // Seed 003: bemoeizorg gets an interim evaluation after 6 months.
  if (i.interimEvaluationMonths !== null) {
    out.push(
      deadline('INTERIM_EVALUATION', interimEvaluationDueAt(i.startDate, i.interimEvaluationMonths), i.sequence),
    );
  }
  if (s.reviewsEnabled) out.push(...reviewDeadlines(s, i));
  // DOMAIN.md rule 8: at the end date the trajectory closes or moves on, even if nobody acts.
  out.push(deadline('ALLOCATION_END', allocationEndsAt(i.endDate), i.sequence));
  return out;
}

/** Evaluations toward the end of a period; the 8-week window gives time to arrange what follows. */
function reviewDeadlines(s: ActiveTrajectory, i: IndicationSnapshot): PendingDeadline[] {
  const out: PendingDeadline[] = [];
  const beforeEnd = extensionRequestDueAt(i.endDate);
  // Seed 003: at the end of bemoeizorg, assess step-down or transfer, or plan for failed contact.
  if (i.interimEvaluationMonths !== null && !s.endEvaluation)
    out.push(deadline('END_EVALUATION', beforeEnd, i.sequence));
  // Seed 001: IB2 is always finite and ends in stopping or moving to IB1 or IB3.
  if (i.alwaysFinite) out.push(deadline('IB2_REEVALUATION', beforeEnd, i.sequence));
  // Seed 001: the support plan is discussed at least yearly; only a period longer than a year reaches it.
  const review = supportPlanReviewDueAt(i.startDate);
  if (i.resultFinanced && review < allocationEndsAt(i.endDate))
    out.push(deadline('SUPPORT_PLAN_REVIEW', review, i.sequence));
  return out;
}

/** Every deadline of the current period still to act on, earliest first, from the state alone: a moved date moves its timer. */
export function dueDeadlines(s: TrajectorySnapshot): PendingDeadline[] {
  if (s.phase === 'CLOSED') return [];
  const all = [...intakeDeadlines(s), ...(s.phase === 'ACTIVE' ? indicationDeadlines(s, s.indication) : [])];
  return all.filter((d) => !s.handledDeadlines.includes(d.key)).sort(byDueAt);
}

/**
 * What people see ahead: the current period's deadlines and, once an extension is granted, the
 * next period's (its extension reminder, evaluations and end), acted on only when it has started.
 */
export function pendingDeadlines(s: TrajectorySnapshot): PendingDeadline[] {
  const due = dueDeadlines(s);
  const next = s.phase === 'ACTIVE' && s.extension?.status === 'GRANTED' ? s.extension.next : undefined;
  if (!next || s.phase !== 'ACTIVE') return due;
  const nextPeriod: ActiveTrajectory = { ...s, indication: next, extension: undefined, endEvaluation: undefined };
  const upcoming = indicationDeadlines(nextPeriod, next).map((d): PendingDeadline => ({ ...d, upcoming: true }));
  return [...due, ...upcoming].sort(byDueAt);
}

/** Deadlines that only remind of another one (the intake's): lists show the deadline itself and its reminder beside it. */
export const isReminder = (d: PendingDeadline): boolean => d.kind === 'INTAKE_REMINDER';

/** The next deadline to meet, and the reminder before it if one is still to come. */
export function nextDeadline(s: TrajectorySnapshot): { deadline?: PendingDeadline; reminderAt?: string } {
  const ahead = pendingDeadlines(s);
  const deadline = ahead.find((d) => !isReminder(d));
  const reminder = ahead.find((d) => isReminder(d) && (!deadline || d.dueAt <= deadline.dueAt));
  return { deadline, reminderAt: reminder?.dueAt };
}

const byDueAt = (a: PendingDeadline, b: PendingDeadline) => a.dueAt.localeCompare(b.dueAt);

/** Why an allocation that reached its end date without a granted extension closes. */
export function closureAtEnd(i: IndicationSnapshot): ClosureReason {
  const atMaximum = i.maxDurationMonths !== null && i.endDate >= lastAllowedDay(i.startDate, i.maxDurationMonths);
  return atMaximum && !i.extendable ? 'MAXIMUM_DURATION' : 'PER_PLAN';
}
