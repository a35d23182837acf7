import {
  addDays,
  addMonths,
  dateOf,
  daysBetween,
  daysInMonth,
  endOfDay,
  InvalidDateError,
  lastDayOfMonth,
  startOfDay,
  wallClockInstant,
} from '../../domain/calendar';

describe('Europe/Amsterdam calendar', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'], // CET, UTC+1
    ['2026-07-15', '2026-07-14T22:00:00.000Z'], // CEST, UTC+2
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // DST starts at 02:00 that day: midnight is still CET
    ['2026-03-30', '2026-03-29T22:00:00.000Z'], // first full CEST day
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // DST ends at 03:00 that day: midnight is still CEST
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('when the day is %s, then it starts at %s', (date, instant) => {
    expect(startOfDay(date).toISOString()).toBe(instant);
  });

  it.each([
    ['2026-01-15', 9 * 60 + 30, '2026-01-15T08:30:00.000Z'], // CET
    ['2026-07-15', 9 * 60 + 30, '2026-07-15T07:30:00.000Z'], // CEST
    ['2026-03-29', 2 * 60 + 30, '2026-03-29T01:30:00.000Z'], // 02:30 does not exist: read as 03:30 CEST
    ['2026-03-29', 3 * 60 + 30, '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', 2 * 60 + 30, '2026-10-25T01:30:00.000Z'], // 02:30 comes twice: the second, in CET
    ['2026-10-25', 23 * 60 + 59, '2026-10-25T22:59:00.000Z'],
  ])('when the wall clock on %s shows minute %d, then the instant is %s', (date, minutes, instant) => {
    expect(wallClockInstant(date, minutes).toISOString()).toBe(instant);
  });

  it.each([
    ['2028-02-10', '2028-02-29'],
    ['2026-02-01', '2026-02-28'],
    ['2026-12-31', '2026-12-31'],
  ])('when the month of %s ends, then its last day is %s', (date, last) => {
    expect(lastDayOfMonth(date)).toBe(last);
  });

  it('when a DST day is measured, then it has 23 or 25 hours', () => {
    expect(endOfDay('2026-03-29').getTime() - startOfDay('2026-03-29').getTime()).toBe(23 * 3_600_000);
    expect(endOfDay('2026-10-25').getTime() - startOfDay('2026-10-25').getTime()).toBe(25 * 3_600_000);
  });

  it('when an instant is late in the UTC evening, then its Amsterdam date is the next day', () => {
    expect(dateOf(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
    expect(dateOf(new Date('2026-01-14T22:30:00Z'))).toBe('2026-01-14');
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-08-31', -2, '2026-06-30'],
    ['2026-11-22', 6, '2027-05-22'],
  ])('when %s gets %i months, then it is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('when days are added across a leap day and a year end, then the calendar is followed', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysInMonth('2028-02-10')).toBe(29);
    expect(daysInMonth('2026-02-10')).toBe(28);
  });

  it.each([
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2100-02-29',
    '0099-12-31',
    '26-01-01',
    '2026-1-1',
    '',
  ])('when the date is %p, then it is refused', (bad) => {
    expect(() => addDays(bad, 1)).toThrow(InvalidDateError);
    expect(() => daysBetween(bad, '2026-01-01')).toThrow(InvalidDateError);
  });

  it('when a leap day is of a century divisible by 400, then it exists', () => {
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2);
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1);
  });
});
