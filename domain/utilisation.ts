import { daysBetween, daysInMonth, lastDayOfMonth, type BusinessDate } from './calendar';
import { isOneOf } from './vocabulary';

/** Minutes per week allocated, times the weeks of the period (inclusive dates). */
export function allocatedMinutes(hoursPerWeek: number, startDate: BusinessDate, endDate: BusinessDate): number {
  const days = daysBetween(startDate, endDate) + 1;
  return Math.round((hoursPerWeek * 60 * days) / 7);
}

export const EXPANSION_THRESHOLD = 0.8;

export interface UtilisationInput {
  allocatedMinutes: number;
  usedMinutes: number;
  startDate: BusinessDate;
  endDate: BusinessDate; // inclusive
  /** The last day the declarations cover (the end of the declared month). */
  through: BusinessDate;
}

export interface UtilisationAdvice {
  usedShare: number;
  projectedMinutes: number;
  requestExpansion: boolean;
}

/**
 * Expansion (uitbreiding): "rond 80% benutting" and the hours "naar verwachting niet toereikend
 * zijn voor de resterende looptijd" (seed 003). Both must hold: at least 80 % used, and at the
 * rate so far the allocation runs out before the end date.
 */
export function utilisationAdvice(input: UtilisationInput): UtilisationAdvice {
  const elapsedDays = Math.max(1, daysBetween(input.startDate, input.through) + 1);
  const totalDays = daysBetween(input.startDate, input.endDate) + 1;
  const projectedMinutes = Math.round((input.usedMinutes / elapsedDays) * totalDays);
  const usedShare = input.allocatedMinutes > 0 ? input.usedMinutes / input.allocatedMinutes : 1;
  return {
    usedShare,
    projectedMinutes,
    requestExpansion: usedShare >= EXPANSION_THRESHOLD && projectedMinutes > input.allocatedMinutes,
  };
}

/**
 * "Als de overschrijding van de initiele toekenning in omvang per maand is verdubbeld ten opzichte
 * van de indicatie uren per week" (seed 003). Our reading: the month's use, spread over the weeks of
 * that month, is at least twice the indicated hours per week. 4 h/week in a 30-day month
 * (30/7 weeks) is doubled from 2 x 4 x 30/7 = 34.29 h used that month.
 */
export function monthDoubled(hoursPerWeek: number, month: BusinessDate, usedMinutes: number): boolean {
  const weeks = daysInMonth(month) / 7;
  return usedMinutes / weeks >= 2 * hoursPerWeek * 60;
}

export const MAX_INDIRECT_SHARE = 0.3;
export const MAX_DIGITAL_SHARE = 0.2;

/**
 * Client-bound time (seed 003, "Cliëntgebonden tijd"): direct (digital contact included), indirect,
 * and group contact time (groepscontacttijd: the minutes of the professionals present divided by the
 * clients present, this client's share).
 */
export interface TimeTotals {
  directMinutes: number; // includes digital contact
  indirectMinutes: number;
  digitalMinutes: number;
  groupMinutes: number;
}

/** Totals or figures as older versions kept them, before group contact time was a category of its own. */
export type RecordedTime = Omit<TimeTotals, 'groupMinutes'> & { groupMinutes?: number };

export const timeTotalsOf = ({
  directMinutes,
  indirectMinutes,
  digitalMinutes,
  groupMinutes,
}: RecordedTime): TimeTotals => ({
  directMinutes,
  indirectMinutes,
  digitalMinutes,
  groupMinutes: groupMinutes ?? 0,
});

export const noTime: TimeTotals = { directMinutes: 0, indirectMinutes: 0, digitalMinutes: 0, groupMinutes: 0 };

/** Totals with a month's figures (or a correction's difference) added; `sign` -1 takes them off. */
export const addTime = (a: TimeTotals, b: TimeTotals, sign: 1 | -1 = 1): TimeTotals => ({
  directMinutes: a.directMinutes + sign * b.directMinutes,
  indirectMinutes: a.indirectMinutes + sign * b.indirectMinutes,
  digitalMinutes: a.digitalMinutes + sign * b.digitalMinutes,
  groupMinutes: a.groupMinutes + sign * b.groupMinutes,
});

/** What a correction moves: the new figures less the old. */
export const timeDifference = (from: TimeTotals, to: TimeTotals): TimeTotals => addTime(to, from, -1);

/** All declarable time of a month or a trajectory: what the allocation's use counts. */
export const clientBoundMinutes = (t: RecordedTime): number =>
  t.directMinutes + t.indirectMinutes + (t.groupMinutes ?? 0);

export const timeMixWarningKinds = ['INDIRECT_ABOVE_30_PERCENT', 'DIGITAL_ABOVE_20_PERCENT'] as const;
export type TimeMixWarning = (typeof timeMixWarningKinds)[number];
export const isTimeMixWarning = isOneOf(timeMixWarningKinds);

/**
 * Over the whole trajectory so far: indirect time at most 30 % of client-bound (direct, indirect and
 * group) time (seed 003, "Cliëntgebonden tijd"), digital contact at most 20 % of direct time (seed 003, 1.8,
 * which says "bijv. 20 of 30%": we take the stricter example). Note: the seed's worked example
 * (4 h/week: indirect <= 0.8 h) uses 20 % for indirect time, against its own 30 % rule; the rule wins.
 */
export function timeMixWarnings(totals: TimeTotals): TimeMixWarning[] {
  const clientBound = clientBoundMinutes(totals);
  const warnings: TimeMixWarning[] = [];
  if (totals.indirectMinutes > MAX_INDIRECT_SHARE * clientBound) warnings.push('INDIRECT_ABOVE_30_PERCENT');
  if (totals.digitalMinutes > MAX_DIGITAL_SHARE * totals.directMinutes) warnings.push('DIGITAL_ABOVE_20_PERCENT');
  return warnings;
}

export interface PeriodUtilisation {
  allocatedMinutes: number;
  usedMinutes: number;
  usedShare: number;
  /** At the rate so far (through the last declared month), the minutes used by the end date. */
  projectedMinutes: number;
  threshold: number;
}

/**
 * The utilisation bar's figures for an hourly allocation: what is allocated, what the declared
 * months used, and the projection at that rate; null for a result-financed product.
 */
export function periodUtilisation(
  indication: { hoursPerWeek: number | null; startDate: BusinessDate; endDate: BusinessDate },
  used: { minutes: number; lastDeclaredMonth?: BusinessDate },
): PeriodUtilisation | null {
  if (indication.hoursPerWeek === null) return null;
  const allocated = allocatedMinutes(indication.hoursPerWeek, indication.startDate, indication.endDate);
  const monthEnd = used.lastDeclaredMonth && lastDayOfMonth(used.lastDeclaredMonth);
  const through = monthEnd && monthEnd < indication.endDate ? monthEnd : indication.endDate;
  const advice = utilisationAdvice({ allocatedMinutes: allocated, usedMinutes: used.minutes, ...indication, through });
  return {
    allocatedMinutes: allocated,
    usedMinutes: used.minutes,
    usedShare: advice.usedShare,
    projectedMinutes: used.lastDeclaredMonth ? advice.projectedMinutes : 0,
    threshold: EXPANSION_THRESHOLD,
  };
}
