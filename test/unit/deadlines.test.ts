import {
  allocationEndsAt,
  extensionRequestDueAt,
  intakeDueAt,
  isDueAtOnce,
  interimEvaluationDueAt,
  lastAllowedDay,
  reminderAt,
  supportPlanReviewDueAt,
  taskTiming,
} from '../../domain/deadlines';

describe('intake within two weeks of registration (seed 003)', () => {
  it('when registered on a day, then the intake is in time through exactly 14 days later', () => {
    const due = intakeDueAt(new Date('2026-11-02T09:30:00Z')); // Monday 2 November, 10:30 in Amsterdam
    expect(due.toISOString()).toBe('2026-11-16T23:00:00.000Z'); // end of Monday 16 November
    expect(new Date('2026-11-16T22:59:59.999Z') < due).toBe(true); // still day 14: in time
    expect(new Date('2026-11-16T23:00:00.000Z') < due).toBe(false); // day 15: overdue
  });

  it('when registered late in the evening in Amsterdam, then the Amsterdam date counts, not UTC', () => {
    // 23:30 on 2 November in Amsterdam is still 22:30Z on 2 November; 00:30 on 3 November is 23:30Z on 2 November.
    expect(intakeDueAt(new Date('2026-11-02T23:30:00Z')).toISOString()).toBe('2026-11-17T23:00:00.000Z');
  });

  it('when the two weeks cross the switch to summer time, then the due instant is Amsterdam midnight', () => {
    expect(intakeDueAt(new Date('2026-03-20T10:00:00Z')).toISOString()).toBe('2026-04-03T22:00:00.000Z');
  });

  it('when a reminder lead time would put it in the past, then it fires at once instead', () => {
    const due = new Date('2026-11-16T23:00:00.000Z');
    expect(reminderAt(due, 3, new Date('2026-11-02T09:30:00Z')).toISOString()).toBe('2026-11-13T23:00:00.000Z');
    const late = new Date('2026-11-15T08:00:00Z');
    expect(reminderAt(due, 3, late)).toEqual(late);
  });
});

describe('extension request about 8 weeks before the end date (seed 003)', () => {
  it.each([
    ['2026-12-31', '2026-11-05T23:00:00.000Z'], // month and year end: 8 weeks before the end of 31 December
    ['2027-02-28', '2027-01-03T23:00:00.000Z'],
    ['2028-02-29', '2028-01-04T23:00:00.000Z'], // leap day
    ['2026-05-20', '2026-03-25T23:00:00.000Z'], // end date in summer time, due date still in winter time
    ['2026-12-01', '2026-10-06T22:00:00.000Z'], // end date in winter time, due date still in summer time
  ])('when the allocation ends on %s, then the request is due at %s', (endDate, due) => {
    expect(extensionRequestDueAt(endDate).toISOString()).toBe(due);
  });

  it('when measured against the expiry, then the lead is 56 calendar days', () => {
    const endDate = '2026-12-31';
    const days = (allocationEndsAt(endDate).getTime() - extensionRequestDueAt(endDate).getTime()) / 86_400_000;
    expect(days).toBe(56);
  });
});

describe('maximum durations and evaluations', () => {
  it.each([
    ['2026-01-01', 12, '2026-12-31'],
    ['2026-03-01', 12, '2027-02-28'],
    ['2027-03-01', 12, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-27'],
  ])('when a product of %s allows %i months, then the last day is %s', (start, months, last) => {
    expect(lastAllowedDay(start, months)).toBe(last);
  });

  it('when bemoeizorg starts, then the interim evaluation is due six months later at Amsterdam midnight', () => {
    expect(interimEvaluationDueAt('2026-08-31').toISOString()).toBe('2027-02-27T23:00:00.000Z');
  });

  it('when a support plan was last reviewed, then the next review is due a year later', () => {
    expect(supportPlanReviewDueAt('2027-02-28').toISOString()).toBe('2028-02-27T23:00:00.000Z');
  });
});

describe('how an open task stands', () => {
  const at = (iso: string) => new Date(iso);
  const raisedAhead = { createdAt: at('2026-12-01T08:00:00Z'), dueAt: at('2026-12-07T23:00:00Z') };

  it('when a task was raised before its due instant, then it is ahead until that instant and late from it', () => {
    expect(taskTiming(raisedAhead, at('2026-12-07T22:59:59.999Z'))).toBe('AHEAD');
    expect(taskTiming(raisedAhead, at('2026-12-07T23:00:00Z'))).toBe('LATE');
    expect(isDueAtOnce(raisedAhead)).toBe(false);
  });

  it('when a task was raised at (or after) its due instant, then it is to be done at once, never late', () => {
    const atItsMoment = { createdAt: at('2026-12-23T09:15:00Z'), dueAt: at('2026-12-23T09:15:00Z') };
    const afterAnOutage = { createdAt: at('2026-12-23T10:00:00Z'), dueAt: at('2026-12-22T23:00:00Z') };
    for (const task of [atItsMoment, afterAnOutage]) {
      expect(isDueAtOnce(task)).toBe(true);
      expect(taskTiming(task, at('2027-01-15T12:00:00Z'))).toBe('AT_ONCE');
    }
    // A millisecond of time to do it is time: late once it has passed.
    expect(taskTiming({ ...atItsMoment, dueAt: at('2026-12-23T09:15:00.001Z') }, at('2026-12-24T00:00:00Z'))).toBe(
      'LATE',
    );
  });
});
