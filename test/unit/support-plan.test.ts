import {
  checkContactAgreement,
  checkPlanGoals,
  expectationMet,
  planProgress,
  type Measurement,
  type PlanGoal,
} from '../../domain/support-plan';
import type { ZrmDomain } from '../../domain/zrm';

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

/** Seed 001, "Resultaatgebieden IB": the domains the Drechtsteden's IB works on. */
describe('the domains a Drechtsteden plan may work on', () => {
  const start = (scores: Measurement['scores']): Measurement => ({ assessedOn: '2026-03-01', scores });
  const rules = (domains: ZrmDomain[], atStart?: Measurement) =>
    checkPlanGoals(domains, atStart).map((r) => [r.field, r.rule]);

  it('when a domain scored not (2) or limited (3) self-sufficient at the start, then the plan may work on it', () => {
    expect(rules(['FINANCES', 'HOUSING'], start({ FINANCES: 2, HOUSING: 3 }))).toEqual([]);
  });

  it('when a domain scored 4 or 5 at the start, then it is refused on its development: IB is not needed there', () => {
    expect(
      rules(['FINANCES', 'HOUSING', 'SOCIAL_NETWORK'], start({ FINANCES: 4, HOUSING: 5, SOCIAL_NETWORK: 3 })),
    ).toEqual([
      ['goals.FINANCES.expected', 'GOAL_SELF_SUFFICIENT'],
      ['goals.HOUSING.expected', 'GOAL_SELF_SUFFICIENT'],
    ]);
  });

  it("when a domain scored 1 (acute), then only time use (nuisance) and mental health are IB's to work on", () => {
    const acute = start({ TIME_USE: 1, MENTAL_HEALTH: 1, FINANCES: 1, SUBSTANCE_USE: 1 });
    expect(rules(['TIME_USE', 'MENTAL_HEALTH', 'FINANCES', 'SUBSTANCE_USE'], acute)).toEqual([
      ['goals.FINANCES.expected', 'GOAL_ACUTE'],
      ['goals.SUBSTANCE_USE.expected', 'GOAL_ACUTE'],
    ]);
  });

  it('when a domain was not scored at the start, or nothing was measured before the plan, then it is not judged', () => {
    expect(rules(['FINANCES'], start({ HOUSING: 5 }))).toEqual([]);
    expect(rules(['FINANCES', 'HOUSING'])).toEqual([]);
  });

  it('when the plan works on justice, then only beside mental health or substance use', () => {
    const scores = start({ JUSTICE: 2, MENTAL_HEALTH: 3, SUBSTANCE_USE: 2, HOUSING: 2 });
    expect(rules(['JUSTICE', 'HOUSING'], scores)).toEqual([['goals.JUSTICE.expected', 'GOAL_JUSTICE_ALONE']]);
    expect(rules(['JUSTICE', 'MENTAL_HEALTH'], scores)).toEqual([]);
    expect(rules(['JUSTICE', 'SUBSTANCE_USE'], scores)).toEqual([]);
    // Unscored at the start, justice alone still goes with nothing IB works on.
    expect(rules(['JUSTICE'])).toEqual([['goals.JUSTICE.expected', 'GOAL_JUSTICE_ALONE']]);
  });
});

describe('the contact moments a plan sets (seed 000, IB0)', () => {
  const ib0 = { code: 'IB0', planAgreesContacts: true };
  const ib1 = { code: 'IB1', planAgreesContacts: false };

  it('when the product asks them, then a plan without them is refused on contact; with them, or for another product, nothing is', () => {
    expect(checkContactAgreement(ib0, undefined)).toEqual([
      expect.objectContaining({ field: 'contact', rule: 'IB0.CONTACT_AGREEMENT' }),
    ]);
    expect(checkContactAgreement(ib0, { everyWeeks: 2, approach: 'PROACTIVE' })).toEqual([]);
    expect(checkContactAgreement(ib1, undefined)).toEqual([]);
    expect(checkContactAgreement(ib1, { everyWeeks: 4, approach: 'REACTIVE' })).toEqual([]);
  });
});
