import { addDays, addMonths, dateOf, endOfDay, startOfDay, type BusinessDate } from './calendar';

/**
 * Intake: "De aanbieder doet bij aanmelding binnen twee weken een intake" (seed 003, Intake).
 * Registered on day D, the intake is in time through day D + 14 (Amsterdam), so it is overdue
 * from the start of day D + 15.
 */
export const INTAKE_DAYS = 14;

export function intakeDueAt(registeredAt: Date): Date {
  return endOfDay(addDays(dateOf(registeredAt), INTAKE_DAYS));
}

/** A reminder `leadDays` before a deadline, never before `notBefore` (a reminder cannot fire in the past). */
export function reminderAt(dueAt: Date, leadDays: number, notBefore: Date): Date {
  const at = startOfDay(addDays(dateOf(dueAt), -leadDays));
  return at < notBefore ? notBefore : at;
}

/**
 * Extension: the provider files the request "circa 8 weken voor het aflopen van de toewijzing"
 * (seed 003). An allocation ending on E (inclusive) expires at the end of E; eight weeks
 * (56 days) earlier is the start of day E - 55.
 */
export const EXTENSION_LEAD_DAYS = 56;

export function extensionRequestDueAt(endDate: BusinessDate): Date {
  return startOfDay(addDays(endDate, 1 - EXTENSION_LEAD_DAYS));
}

/** The instant an allocation with inclusive end date E is over: closure happens then, even if nobody acts. */
export function allocationEndsAt(endDate: BusinessDate): Date {
  return endOfDay(endDate);
}

/**
 * The last day a product with a maximum of `months` allows when started on `startDate`:
 * 12 months from 1 March run through 28/29 February (seed 003: 02B03/02B04/02B05; seed 004: IB4-MO).
 */
export function lastAllowedDay(startDate: BusinessDate, months: number): BusinessDate {
  return addDays(addMonths(startDate, months), -1);
}

/** Bemoeizorg: "tussentijdse evaluatie na 6 maanden" with the district-team consultant (seed 003). */
export const BEMOEIZORG_INTERIM_MONTHS = 6;

export function interimEvaluationDueAt(startDate: BusinessDate, months = BEMOEIZORG_INTERIM_MONTHS): Date {
  return startOfDay(addMonths(startDate, months));
}

/** The support plan (ondersteuningsplan) is discussed at least yearly (seed 001). */
export function supportPlanReviewDueAt(lastReviewOrStart: BusinessDate): Date {
  return startOfDay(addMonths(lastReviewOrStart, 12));
}

/**
 * How a task stands: ahead of its due instant, late (it had time, and the time has passed), or to
 * be done at once: raised when its own moment came (a missed intake, the interim evaluation,
 * contact after a third no-show, an expansion advised). Such a task is not late the moment it appears.
 */
export const taskTimings = ['AHEAD', 'LATE', 'AT_ONCE'] as const;
export type TaskTiming = (typeof taskTimings)[number];

type RaisedTask = { dueAt: Date; createdAt: Date };

/** Raised when (or after) it was due: to be done at once, whatever the day. */
export const isDueAtOnce = (task: RaisedTask): boolean => task.dueAt.getTime() <= task.createdAt.getTime();

export function taskTiming(task: RaisedTask, now: Date): TaskTiming {
  if (isDueAtOnce(task)) return 'AT_ONCE';
  return task.dueAt.getTime() <= now.getTime() ? 'LATE' : 'AHEAD';
}
