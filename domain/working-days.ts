import Holidays from 'date-holidays';
import { addDays, type BusinessDate } from './calendar';

// The maintained Dutch calendar; its 'public' days are the national holidays (Nieuwjaar, Pasen,
// Koningsdag, Hemelvaart, Pinksteren, Kerstmis, each with its second day where there is one).
const netherlands = new Holidays('NL');

/** The Dutch public holiday on this day, by name, if there is one. */
export function publicHoliday(date: BusinessDate): string | undefined {
  const found = netherlands.isHoliday(new Date(`${date}T12:00:00Z`));
  return found ? found.find((h) => h.type === 'public')?.name : undefined;
}

export function isWeekend(date: BusinessDate): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Monday to Friday and not a Dutch public holiday. */
export function isWorkingDay(date: BusinessDate): boolean {
  return !isWeekend(date) && publicHoliday(date) === undefined;
}

/** The working day `n` working days after `date` (n ≥ 0; 0 is the next working day from `date` on). */
export function addWorkingDays(date: BusinessDate, n: number): BusinessDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, not ${n}`);
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
