/**
 * Business dates and the Europe/Amsterdam calendar. A business date is 'YYYY-MM-DD' (a day in
 * Amsterdam, as decisions and registrations state them); deadlines come out as instants (Date).
 * No clock here: every function takes the time it needs as an argument.
 */
export type BusinessDate = string;

export const TIME_ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;
const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const lengthOf = (y: number, m: number) => (m === 2 && isLeapYear(y) ? 29 : (monthLengths[m - 1] ?? 0));

/**
 * Year, month and day of a calendar date, checked by arithmetic (no Date made: reports call this
 * per row). Years before 100 are refused: `Date.UTC` would read them as 1900 and later.
 */
function parts(date: BusinessDate): [number, number, number] {
  const match = pattern.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || y < 100 || m < 1 || m > 12 || d < 1 || d > lengthOf(y, m)) {
    throw new InvalidDateError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return [y, m, d];
}

/** Days since 1 January 1970 of a checked date. */
const dayNumber = (date: BusinessDate): number => {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};

const format = (utc: Date): BusinessDate => utc.toISOString().slice(0, 10);
const asUtc = (date: BusinessDate): Date => new Date(`${date}T00:00:00Z`);

export function isBusinessDate(value: string): boolean {
  try {
    parts(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  parts(date);
  return format(new Date(asUtc(date).getTime() + days * DAY_MS));
}

/** Calendar months; a day that does not exist in the target month becomes its last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const [y, m, d] = parts(date);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(d, lastDay))));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function firstOfMonth(date: BusinessDate): BusinessDate {
  return `${date.slice(0, 7)}-01`;
}

export function daysInMonth(date: BusinessDate): number {
  const [y, m] = parts(date);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Amsterdam's wall clock at an instant, as if it were UTC: the difference is the UTC offset. */
function wallClockAsUtc(instant: Date): number {
  const p = Object.fromEntries(offsetFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** The instant Amsterdam's day `date` begins (midnight never falls in a DST gap there). */
export function startOfDay(date: BusinessDate): Date {
  return wallClockInstant(date, 0);
}

/**
 * The instant Amsterdam's clock shows `minutes` past midnight on `date`. In the spring gap (02:00 to
 * 03:00 does not exist) the clock time is read with the offset before the change: 02:30 is 03:30.
 */
export function wallClockInstant(date: BusinessDate, minutes: number): Date {
  const guess = asUtc(date).getTime() + minutes * 60_000;
  const offset = wallClockAsUtc(new Date(guess)) - guess;
  const instant = guess - offset;
  // Re-check at the candidate: the offset may differ between the UTC guess and Amsterdam's time.
  const corrected = wallClockAsUtc(new Date(instant)) - instant;
  return new Date(guess - corrected);
}

/** The last day of the month `date` falls in. */
export function lastDayOfMonth(date: BusinessDate): BusinessDate {
  return addDays(addMonths(firstOfMonth(date), 1), -1);
}

/** The Amsterdam date an instant falls on. */
export function dateOf(instant: Date): BusinessDate {
  return format(new Date(wallClockAsUtc(instant)));
}

/** The instant an inclusive end date is over: the start of the following day. */
export function endOfDay(date: BusinessDate): Date {
  return startOfDay(addDays(date, 1));
}

/**
 * The last day to act on a deadline: a due instant is when it has passed, mostly the end of a day
 * (`endOfDay`, the next day's midnight), and "uiterlijk" names that day itself.
 */
export function lastDayBefore(dueAt: Date): BusinessDate {
  return dateOf(new Date(dueAt.getTime() - 1));
}
