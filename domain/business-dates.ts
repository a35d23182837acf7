import { addMonths, dateOf, firstOfMonth, type BusinessDate } from './calendar';

/**
 * What a date a person types must satisfy before it counts (issue 9): nothing in the future,
 * nothing before what it follows. Each refusal names the field and a stable rule; the API answers
 * 422 with both. `now` is an argument: the workflow passes its own clock, the API the request's.
 * Without `now` only the rules that do not depend on the clock are checked: a date accepted as
 * "not in the future" once stays so, since time only moves on.
 */
export interface DateRefusal {
  field: string;
  rule: string;
  message: string;
}

/** Clocks of API, worker and a person's device differ a little: an instant this far ahead still counts as now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const refusal = (field: string, rule: string, message: string): DateRefusal => ({ field, rule, message });

/** "`what` is outside the indication 2026-06-01..2026-12-31". */
const outside = (field: string, rule: string, what: string, indication: { startDate: string; endDate: string }) =>
  refusal(field, rule, `${what} outside the indication ${indication.startDate}..${indication.endDate}`);

/** An intake is held on a day that has come, and not before the day of the registration. */
export function checkIntakeDate(heldOn: BusinessDate, registeredAt: string, now?: Date): DateRefusal[] {
  const registeredOn = dateOf(new Date(registeredAt));
  if (now && heldOn > dateOf(now)) return [refusal('heldOn', 'INTAKE_IN_FUTURE', `heldOn ${heldOn} has not come yet`)];
  if (heldOn < registeredOn) {
    return [
      refusal('heldOn', 'INTAKE_BEFORE_REGISTRATION', `heldOn ${heldOn} is before the registration on ${registeredOn}`),
    ];
  }
  return [];
}

/** Hours are declared for a month that has started and lies within the indication. */
export function checkDeclaredMonth(
  month: BusinessDate,
  indication: { startDate: BusinessDate; endDate: BusinessDate },
  now?: Date,
): DateRefusal[] {
  if (now && month > firstOfMonth(dateOf(now)))
    return [refusal('month', 'MONTH_NOT_STARTED', `month ${month} has not started yet`)];
  if (month < firstOfMonth(indication.startDate) || month > indication.endDate)
    return [outside('month', 'MONTH_OUTSIDE_INDICATION', `month ${month} is`, indication)];
  return [];
}

/** The months a provider can declare now, newest first: those `checkDeclaredMonth` accepts, less those declared. */
export function declarableMonths(
  indication: { startDate: BusinessDate; endDate: BusinessDate },
  declared: readonly BusinessDate[],
  now: Date,
): BusinessDate[] {
  const months: BusinessDate[] = [];
  for (let m = firstOfMonth(indication.startDate); !checkDeclaredMonth(m, indication, now).length; m = addMonths(m, 1))
    if (!declared.includes(m)) months.unshift(m);
  return months;
}

/** A no-show has happened (within the clock skew), on a day of the indication. */
export function checkNoShowTime(
  occurredAt: string,
  indication: { startDate: BusinessDate; endDate: BusinessDate },
  now?: Date,
): DateRefusal[] {
  const at = new Date(occurredAt);
  if (now && at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return [refusal('occurredAt', 'NO_SHOW_IN_FUTURE', `occurredAt ${occurredAt} has not happened yet`)];
  const day = dateOf(at);
  if (day < indication.startDate || day > indication.endDate)
    return [outside('occurredAt', 'NO_SHOW_OUTSIDE_INDICATION', `occurredAt falls on ${day},`, indication)];
  return [];
}

/** A registration is not dated ahead, and its client was born by then. */
export function checkRegistrationDates(
  registration: { registeredAt: Date; dateOfBirth: BusinessDate },
  now: Date,
): DateRefusal[] {
  const out: DateRefusal[] = [];
  if (registration.registeredAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    out.push(refusal('registeredAt', 'REGISTRATION_IN_FUTURE', 'registeredAt lies in the future'));
  const bornBy = dateOf(registration.registeredAt < now ? registration.registeredAt : now);
  if (registration.dateOfBirth > bornBy)
    out.push(refusal('client.dateOfBirth', 'BORN_IN_FUTURE', `dateOfBirth lies after ${bornBy}`));
  return out;
}

/** A day of the running indication that has come: `rule`'s IN_FUTURE or OUTSIDE_INDICATION otherwise. */
function dayOfIndication(
  field: string,
  rule: string,
  day: BusinessDate,
  indication: { startDate: BusinessDate; endDate: BusinessDate },
  now: Date,
): DateRefusal[] {
  if (day > dateOf(now)) return [refusal(field, `${rule}_IN_FUTURE`, `${field} ${day} has not come yet`)];
  if (day < indication.startDate || day > indication.endDate)
    return [outside(field, `${rule}_OUTSIDE_INDICATION`, `${field} ${day} is`, indication)];
  return [];
}

/** A ZRM measurement is taken on a day that has come, within the indication it measures. */
export const checkAssessmentDate = (
  assessedOn: BusinessDate,
  indication: { startDate: BusinessDate; endDate: BusinessDate },
  now: Date,
): DateRefusal[] => dayOfIndication('assessedOn', 'ASSESSMENT', assessedOn, indication, now);

/** A support plan is agreed on a day that has come, within the indication it plans. */
export const checkPlanDate = (
  agreedOn: BusinessDate,
  indication: { startDate: BusinessDate; endDate: BusinessDate },
  now: Date,
): DateRefusal[] => dayOfIndication('agreedOn', 'PLAN', agreedOn, indication, now);

/** A talk with a provider about its performance is recorded once held: on a day that has come. */
export const checkReviewDate = (heldOn: BusinessDate, now: Date): DateRefusal[] =>
  heldOn > dateOf(now) ? [refusal('heldOn', 'REVIEW_IN_FUTURE', `heldOn ${heldOn} has not come yet`)] : [];
