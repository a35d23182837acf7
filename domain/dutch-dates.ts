import { lastDayBefore, TIME_ZONE, type BusinessDate } from './calendar';

const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const weekdayAndDay = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const dayAndTime = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});
const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });

// A business date is a day in Amsterdam: noon UTC lies inside that day whatever the offset.
const instantOf = (value: Date | BusinessDate): Date =>
  typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;

/** "7 december 2026": an instant as the day it is in Amsterdam, or a business date as it is. */
export function dutchDate(value: Date | BusinessDate): string {
  return day.format(instantOf(value));
}

/** "maandag 7 december 2026". */
export function dutchDateWithWeekday(value: Date | BusinessDate): string {
  return weekdayAndDay.format(instantOf(value));
}

/** A deadline's last day ("uiterlijk 7 december 2026"), from its due instant (`lastDayBefore`). */
export function dutchDeadline(dueAt: Date): string {
  return dutchDate(lastDayBefore(dueAt));
}

/** "uiterlijk maandag 7 december 2026". */
export function dutchDeadlineWithWeekday(dueAt: Date): string {
  return dutchDateWithWeekday(lastDayBefore(dueAt));
}

/** "7 december 2026 om 14:05": an instant as the day and the time on the clock in Amsterdam. */
export function dutchDateTime(instant: Date): string {
  return dayAndTime.format(instant);
}

/** "november 2026" for a month given by its first day. */
export function dutchMonth(firstDay: BusinessDate): string {
  return month.format(new Date(`${firstDay}T12:00:00Z`));
}
