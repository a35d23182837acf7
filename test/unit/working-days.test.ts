import { addWorkingDays, isWorkingDay, publicHoliday } from '../../domain/working-days';
import {
  dutchDate,
  dutchDateTime,
  dutchDateWithWeekday,
  dutchDeadline,
  dutchDeadlineWithWeekday,
  dutchMonth,
} from '../../domain/dutch-dates';
import { lastDayBefore } from '../../domain/calendar';
import { allocationEndsAt, intakeDueAt } from '../../domain/deadlines';

describe('Dutch working days', () => {
  it.each([
    ['2026-12-25', 'Kerstmis'],
    ['2026-12-26', 'Tweede kerstdag'],
    ['2027-01-01', 'Nieuwjaar'],
    ['2027-03-29', 'Tweede paasdag'],
    ['2027-04-27', 'Koningsdag'],
    ['2027-05-06', 'Hemelvaartsdag'],
    ['2027-05-17', 'Tweede pinksterdag'],
    ['2026-04-27', 'Koningsdag'],
  ])('when the day is %s, then it is the public holiday %s and no working day', (day, name) => {
    expect(publicHoliday(day)).toBe(name);
    expect(isWorkingDay(day)).toBe(false);
  });

  it.each([
    ['2026-12-26', false], // Saturday (and a holiday)
    ['2026-12-27', false], // Sunday
    ['2026-12-28', true], // Monday
    ['2026-12-31', true], // Oudejaarsdag is a working day
    ['2027-03-26', true], // Goede Vrijdag is no public holiday
  ])('when the day is %s, then it is a working day: %s', (day, working) => {
    expect(isWorkingDay(day)).toBe(working);
  });

  it('when working days are added across Christmas, New Year and a weekend, then holidays and weekends are skipped', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-28', 5)).toBe('2027-01-05');
    expect(addWorkingDays('2026-12-25', 0)).toBe('2026-12-28'); // 0: the next working day from here on
    expect(addWorkingDays('2027-04-26', 1)).toBe('2027-04-28'); // over Koningsdag
    expect(() => addWorkingDays('2026-12-28', -1)).toThrow(RangeError);
  });
});

describe('dates in Dutch', () => {
  it('when an instant is written, then it is the day it is in Amsterdam, across DST', () => {
    expect(dutchDate(new Date('2026-12-07T10:00:00Z'))).toBe('7 december 2026');
    expect(dutchDateWithWeekday(new Date('2026-12-06T23:30:00Z'))).toBe('maandag 7 december 2026'); // 00:30 in Amsterdam
    expect(dutchDateTime(new Date('2026-12-06T23:30:00Z'))).toBe('7 december 2026 om 00:30');
    expect(dutchDateTime(new Date('2026-07-01T07:05:00Z'))).toBe('1 juli 2026 om 09:05'); // summer time
    expect(dutchDateWithWeekday(new Date('2026-03-28T23:30:00Z'))).toBe('zondag 29 maart 2026'); // the DST night
    expect(dutchDate('2028-02-29')).toBe('29 februari 2028');
    expect(dutchMonth('2026-11-01')).toBe('november 2026');
  });

  it.each([
    ['the end of a winter day (midnight in Amsterdam)', '2026-12-06T23:00:00Z', 'zondag 6 december 2026'],
    ['the end of the last summer-time day', '2026-10-25T23:00:00Z', 'zondag 25 oktober 2026'],
    ['the end of the day the clocks go forward', '2027-03-28T22:00:00Z', 'zondag 28 maart 2027'],
    ['the end of a leap day', '2028-02-29T23:00:00Z', 'dinsdag 29 februari 2028'],
    ['the end of a month', '2027-01-31T23:00:00Z', 'zondag 31 januari 2027'],
    ['an instant within a day', '2026-12-07T13:05:00Z', 'maandag 7 december 2026'],
    ['a minute after midnight', '2026-12-06T23:01:00Z', 'maandag 7 december 2026'],
  ])('when a deadline is due at %s (%s), then its last day is %s', (_name, dueAt, expected) => {
    expect(dutchDeadlineWithWeekday(new Date(dueAt))).toBe(expected);
    expect(dutchDeadline(new Date(dueAt))).toBe(expected.replace(/^\S+ /, ''));
  });

  it('when the intake is due 14 days after a registration, then its last day is the 14th day, the allocation end its end date', () => {
    expect(dutchDeadline(intakeDueAt(new Date('2026-11-22T09:00:00Z')))).toBe('6 december 2026');
    expect(dutchDeadline(allocationEndsAt('2027-03-06'))).toBe('6 maart 2027');
    expect(lastDayBefore(allocationEndsAt('2024-02-29'))).toBe('2024-02-29');
  });
});
