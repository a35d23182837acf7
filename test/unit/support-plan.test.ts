import { expectationMet, planProgress, type PlanGoal } from '../../domain/support-plan';

describe('a support plan measured by the ZRM', () => {
  const goals: PlanGoal[] = [
    { domain: 'HOUSING', expected: 'STABILISE', result: 'de huur betaald' },
    { domain: 'FINANCES', expected: 'INCREASE', result: 'rekeningen op tijd' },
  ];

  it('reaches an increase by a higher score only, and a stabilisation by any score that did not go down', () => {
    expect(expectationMet('INCREASE', 'IMPROVED')).toBe(true);
    expect(expectationMet('INCREASE', 'STABLE')).toBe(false);
    expect(expectationMet('STABILISE', 'STABLE')).toBe(true);
    expect(expectationMet('STABILISE', 'IMPROVED')).toBe(true);
    expect(expectationMet('STABILISE', 'DECLINED')).toBe(false);
  });

  it('starts from the latest measurement on or before the day agreed and stands at the latest one after it, goals in the matrix order', () => {
    const progress = planProgress({ agreedOn: '2026-03-01', goals }, [
      { assessedOn: '2026-01-15', scores: { FINANCES: 1, HOUSING: 2 } },
      { assessedOn: '2026-03-01', scores: { FINANCES: 2, HOUSING: 3 } }, // on the day: the start
      { assessedOn: '2026-06-01', scores: { FINANCES: 2, HOUSING: 4 } },
      { assessedOn: '2026-09-01', scores: { FINANCES: 3, HOUSING: 2 } }, // the latest
    ]);
    expect(progress.start?.assessedOn).toBe('2026-03-01');
    expect(progress.latest?.assessedOn).toBe('2026-09-01');
    expect(progress.goals.map((g) => [g.domain, g.from, g.to, g.development, g.reached])).toEqual([
      ['FINANCES', 2, 3, 'IMPROVED', true],
      ['HOUSING', 3, 2, 'DECLINED', false],
    ]);
  });

  it('cannot say yet where nothing was measured after the plan, or a domain was not scored at the start', () => {
    const none = planProgress({ agreedOn: '2026-03-01', goals }, [
      { assessedOn: '2026-02-28', scores: { FINANCES: 2, HOUSING: 3 } },
    ]);
    expect(none.latest).toBeUndefined();
    expect(none.goals.map((g) => [g.domain, g.from, g.to, g.reached])).toEqual([
      ['FINANCES', 2, undefined, undefined],
      ['HOUSING', 3, undefined, undefined],
    ]);
    const unscored = planProgress({ agreedOn: '2026-03-01', goals }, [
      { assessedOn: '2026-02-28', scores: { FINANCES: 2 } },
      { assessedOn: '2026-03-02', scores: { FINANCES: 2, HOUSING: 4 } },
    ]);
    expect(unscored.goals.map((g) => [g.domain, g.reached])).toEqual([
      ['FINANCES', false],
      ['HOUSING', undefined],
    ]);
  });
});
