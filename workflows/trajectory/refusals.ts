import { ApplicationFailure } from '@temporalio/common';
import type { DateRefusal } from '../../domain/business-dates';
import { isBusinessDate } from '../../domain/calendar';
import type { TrajectoryPhase } from '../../domain/lifecycle';
import type { RecordedTime } from '../../domain/utilisation';
import { TrajectoryErrorType, type ChangeProduct, type IndicationSnapshot, type Refusal } from './contracts';

/** Refuses an update: nothing changes, and the API answers with the type's status and these details. */
export function refuseAll(type: TrajectoryErrorType, refusals: Refusal[]): never {
  throw ApplicationFailure.create({
    type,
    message: refusals.map((r) => (r.rule ? `${r.rule}: ${r.message}` : r.message)).join('; '),
    details: [refusals],
    nonRetryable: true,
  });
}

export const refuse = (type: TrajectoryErrorType, message: string, field?: string): never =>
  refuseAll(type, [{ message, ...(field && { field }) }]);

/** Dates that break a business rule (issue 9): 422 with field and rule. */
export function refuseDates(refusals: DateRefusal[]): void {
  if (refusals.length) refuseAll(TrajectoryErrorType.RuleViolated, refusals);
}

export function requirePhase(actual: TrajectoryPhase, allowed: TrajectoryPhase[], action: string): void {
  if (!allowed.includes(actual)) refuse(TrajectoryErrorType.WrongState, `Cannot ${action} in phase ${actual}`);
}

export function requireDate(value: string, field: string): void {
  if (!isBusinessDate(value))
    refuse(TrajectoryErrorType.InvalidInput, `${field} must be a date (YYYY-MM-DD): ${value}`, field);
}

/** A decision needs a request that waits for one. */
export function requireWaitingRequest(request: { status: string } | undefined, what: string): void {
  if (request?.status !== 'REQUESTED')
    refuse(TrajectoryErrorType.WrongState, request ? `The ${what} was already decided` : `No ${what} was requested`);
}

/** An expansion is more hours per week than the indication has now. */
export function requireMoreHours(hoursPerWeek: number, current: number): void {
  if (!(hoursPerWeek > current))
    refuse(TrajectoryErrorType.InvalidInput, `hoursPerWeek must be more than the current ${current}`, 'hoursPerWeek');
}

/** A change gives the client another allocation: another product, other hours or another surcharge. */
export function requireAnotherAllocation(change: ChangeProduct, current: IndicationSnapshot): void {
  if (
    change.productCode === current.productCode &&
    change.hoursPerWeek === current.hoursPerWeek &&
    (change.surchargeCode ?? null) === (current.surchargeCode ?? null)
  )
    refuseAll(TrajectoryErrorType.InvalidInput, [
      {
        field: 'productCode',
        rule: 'NOTHING_CHANGES',
        message: 'A change needs another product, other hours per week or another surcharge',
      },
    ]);
}

/** Minutes of a month as declared: whole, not negative, digital a part of direct. */
export function requireMinutes(d: RecordedTime): void {
  for (const field of ['directMinutes', 'indirectMinutes', 'digitalMinutes', 'groupMinutes'] as const) {
    const value = d[field] ?? 0;
    if (!Number.isInteger(value) || value < 0)
      refuse(TrajectoryErrorType.InvalidInput, `${field} must be a whole number >= 0`, field);
  }
  if (d.digitalMinutes > d.directMinutes)
    refuse(TrajectoryErrorType.InvalidInput, 'digitalMinutes is part of directMinutes', 'digitalMinutes');
}

/** The hourly volume of an indication, or a refusal: result-financed products declare no hours. */
export function hourlyVolume(i: IndicationSnapshot): number {
  if (i.hoursPerWeek === null || i.resultFinanced === true)
    return refuse(TrajectoryErrorType.WrongState, `${i.productCode} is not paid per hour`);
  return i.hoursPerWeek;
}
