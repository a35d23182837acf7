import {
  checkAssessmentDate,
  checkDeclaredMonth,
  checkIntakeDate,
  checkNoShowTime,
  checkRegistrationDates,
  CLOCK_SKEW_MS,
  declarableMonths,
} from '../../domain/business-dates';

const rules = (refusals: { rule: string }[]) => refusals.map((r) => r.rule);
const at = (iso: string) => new Date(iso);

describe('business dates (issue 9): nothing in the future, nothing before what it follows', () => {
  describe('the intake day', () => {
    // Registered at 23:30 on 30 November in Amsterdam (22:30 UTC): the registration day is 30 November.
    const registeredAt = '2026-11-30T22:30:00Z';

    it.each([
      ['the registration day itself', '2026-11-30', at('2026-12-01T08:00:00Z'), []],
      [
        'the day before the registration (Amsterdam day, not UTC)',
        '2026-11-29',
        at('2026-12-01T08:00:00Z'),
        ['INTAKE_BEFORE_REGISTRATION'],
      ],
      ['today in Amsterdam while UTC is still yesterday', '2026-12-01', at('2026-11-30T23:30:00Z'), []],
      ['tomorrow', '2026-12-02', at('2026-12-01T12:00:00Z'), ['INTAKE_IN_FUTURE']],
    ])('when the intake is held on %s (%s, clock %s), then the refusals are %j', (_name, heldOn, now, expected) => {
      expect(rules(checkIntakeDate(heldOn, registeredAt, now))).toEqual(expected);
    });

    it('when the clock is not given (checked before), then only the registration rule applies', () => {
      expect(rules(checkIntakeDate('2099-01-01', registeredAt))).toEqual([]);
      expect(rules(checkIntakeDate('2026-11-01', registeredAt))).toEqual(['INTAKE_BEFORE_REGISTRATION']);
    });

    it('when refused, then the field is heldOn', () => {
      expect(checkIntakeDate('2026-12-25', registeredAt, at('2026-12-01T00:00:00Z'))[0]).toMatchObject({
        field: 'heldOn',
      });
    });
  });

  describe('the declared month', () => {
    const indication = { startDate: '2024-01-31', endDate: '2024-03-31' };

    it.each([
      ['the start month (started on its last day)', '2024-01-01', at('2024-02-29T12:00:00Z'), []],
      ['the leap-day month, once it has begun', '2024-02-01', at('2024-02-01T00:30:00+01:00'), []],
      [
        'next month, half an hour into it in Amsterdam (still February in UTC)',
        '2024-03-01',
        at('2024-02-29T23:30:00Z'),
        [],
      ],
      [
        'next month, an hour before it begins in Amsterdam',
        '2024-03-01',
        at('2024-02-29T22:00:00Z'),
        ['MONTH_NOT_STARTED'],
      ],
      ['a month before the indication', '2023-12-01', at('2024-03-10T12:00:00Z'), ['MONTH_OUTSIDE_INDICATION']],
      ['a month after the indication', '2024-04-01', at('2024-05-10T12:00:00Z'), ['MONTH_OUTSIDE_INDICATION']],
    ])('when %s is declared (%s, clock %s), then the refusals are %j', (_name, month, now, expected) => {
      expect(rules(checkDeclaredMonth(month, indication, now))).toEqual(expected);
    });
  });

  describe('the months a provider can declare (the hours form offers these)', () => {
    const indication = { startDate: '2024-01-31', endDate: '2024-03-31' };

    it.each([
      ['before the indication has begun', [], at('2023-12-20T12:00:00Z'), []],
      ['on the start day: its month only', [], at('2024-01-31T12:00:00Z'), ['2024-01-01']],
      ['on the leap day, newest first', [], at('2024-02-29T12:00:00Z'), ['2024-02-01', '2024-01-01']],
      ['without the months declared', ['2024-01-01'], at('2024-02-29T12:00:00Z'), ['2024-02-01']],
      [
        'half an hour into March in Amsterdam (still February in UTC)',
        [],
        at('2024-02-29T23:30:00Z'),
        ['2024-03-01', '2024-02-01', '2024-01-01'],
      ],
      ['an hour before March begins in Amsterdam', [], at('2024-02-29T22:00:00Z'), ['2024-02-01', '2024-01-01']],
      [
        'long after the end: up to the end month',
        ['2024-02-01'],
        at('2025-06-01T12:00:00Z'),
        ['2024-03-01', '2024-01-01'],
      ],
      ['every month declared', ['2024-03-01', '2024-01-01', '2024-02-01'], at('2025-06-01T12:00:00Z'), []],
    ])('when %s (declared %j, clock %s), then the months are %j', (_name, declared, now, expected) => {
      expect(declarableMonths(indication, declared, now)).toEqual(expected);
    });

    it('when each month it offers is declared, then checkDeclaredMonth accepts it', () => {
      const now = at('2024-03-15T12:00:00Z');
      for (const month of declarableMonths(indication, [], now))
        expect(checkDeclaredMonth(month, indication, now)).toEqual([]);
    });
  });

  describe('the no-show', () => {
    const indication = { startDate: '2026-03-29', endDate: '2026-10-25' }; // both DST change days
    const now = at('2026-06-01T12:00:00Z');

    it.each([
      ['just now', '2026-06-01T12:00:00Z', []],
      ['within the clock skew ahead', new Date(now.getTime() + CLOCK_SKEW_MS).toISOString(), []],
      ['beyond the clock skew', new Date(now.getTime() + CLOCK_SKEW_MS + 1000).toISOString(), ['NO_SHOW_IN_FUTURE']],
      ['at 00:30 on the first day, Amsterdam time (still 28 March in UTC)', '2026-03-28T23:30:00Z', []],
      ['the evening before the first day', '2026-03-28T22:30:00Z', ['NO_SHOW_OUTSIDE_INDICATION']],
    ])('when the no-show was %s (%s), then the refusals are %j', (_name, occurredAt, expected) => {
      expect(rules(checkNoShowTime(occurredAt, indication, now))).toEqual(expected);
    });
  });

  describe('the registration', () => {
    const now = at('2026-11-24T10:00:00Z');

    it.each([
      ['now, born in 1980', now, '1980-02-29', []],
      ['within the clock skew ahead', new Date(now.getTime() + 60_000), '1980-02-29', []],
      ['an hour ahead', new Date(now.getTime() + 3_600_000), '1980-02-29', ['REGISTRATION_IN_FUTURE']],
      ['now, born tomorrow', now, '2026-11-25', ['BORN_IN_FUTURE']],
      ['last year, born this year', at('2025-06-01T10:00:00Z'), '2026-01-01', ['BORN_IN_FUTURE']],
    ])('when registered %s (%s, born %s), then the refusals are %j', (_name, registeredAt, dateOfBirth, expected) => {
      expect(rules(checkRegistrationDates({ registeredAt, dateOfBirth }, now))).toEqual(expected);
    });
  });
});

describe('the day of a ZRM measurement', () => {
  const indication = { startDate: '2026-06-01', endDate: '2026-12-31' };
  it.each([
    ['the indication start', '2026-06-01', at('2026-12-07T12:00:00Z'), []],
    ['today in Amsterdam while UTC is still yesterday', '2026-12-08', at('2026-12-07T23:30:00Z'), []],
    ['tomorrow', '2026-12-08', at('2026-12-07T12:00:00Z'), ['ASSESSMENT_IN_FUTURE']],
    ['the day before the start', '2026-05-31', at('2026-12-07T12:00:00Z'), ['ASSESSMENT_OUTSIDE_INDICATION']],
    ['after the end (the clock is later)', '2027-01-01', at('2027-02-01T12:00:00Z'), ['ASSESSMENT_OUTSIDE_INDICATION']],
  ])('when measured on %s (%s, clock %s), then the refusals are %j', (_name, on, now, expected) => {
    expect(rules(checkAssessmentDate(on, indication, now))).toEqual(expected);
  });
});
