import {
  ageOn,
  checkIndication,
  checkProductFit,
  productConditions,
  type ProductAudience,
  type ProductRules,
} from '../../domain/indication-rules';
import { zrmDomains, type ZrmScores } from '../../domain/zrm';

const product = (code: string, rules: Partial<ProductRules>): ProductRules => ({
  code,
  minDurationMonths: null,
  maxDurationMonths: null,
  requiresStableZrm: false,
  validFrom: null,
  validTo: null,
  ...rules,
});
const ib247 = product('02B03', { minDurationMonths: 1, maxDurationMonths: 12 });
const bemoeizorg = product('02B04', { maxDurationMonths: 12 });
const ib0 = product('IB0', { requiresStableZrm: true, validFrom: '2022-01-01' });
const allScored = (score: 1 | 2 | 3 | 4 | 5): ZrmScores => Object.fromEntries(zrmDomains.map((d) => [d, score]));
const rules = (p: ProductRules, startDate: string, endDate: string, zrm: ZrmScores = {}) =>
  checkIndication(p, { startDate, endDate, zrm, hoursPerWeek: null }).map((v) => v.rule);

describe('product rules at decision time', () => {
  it('when 02B03 runs exactly 12 months, then it is allowed; one day more is refused with the rule named', () => {
    expect(rules(ib247, '2026-03-01', '2027-02-28')).toEqual([]);
    expect(rules(ib247, '2026-03-01', '2027-03-01')).toEqual(['02B03.MAX_DURATION']);
  });

  it('when 02B03 runs exactly one month, then it is allowed; a day less is refused', () => {
    expect(rules(ib247, '2026-03-01', '2026-03-31')).toEqual([]);
    expect(rules(ib247, '2026-03-01', '2026-03-30')).toEqual(['02B03.MIN_DURATION']);
  });

  it('when bemoeizorg is allocated for more than a year across a leap day, then it is refused', () => {
    expect(rules(bemoeizorg, '2027-03-01', '2028-02-29')).toEqual([]);
    expect(rules(bemoeizorg, '2027-03-01', '2028-03-01')).toEqual(['02B04.MAX_DURATION']);
  });

  it('when IB0 is proposed, then every ZRM domain must score 4 or 5', () => {
    expect(rules(ib0, '2026-12-01', '2027-11-30', allScored(4))).toEqual([]);
    expect(rules(ib0, '2026-12-01', '2027-11-30', { ...allScored(5), HOUSING: 3 })).toEqual(['IB0.ZRM_NOT_STABLE']);
    const { JUSTICE: _unscored, ...missingOne } = allScored(5);
    expect(rules(ib0, '2026-12-01', '2027-11-30', missingOne)).toEqual(['IB0.ZRM_NOT_STABLE']);
  });

  it('when a product is not yet valid or the period is reversed, then each violation is named', () => {
    expect(rules(ib0, '2021-06-01', '2021-05-01', allScored(5))).toEqual(['IB0.PERIOD', 'IB0.NOT_YET_VALID']);
  });

  it('when a volume in hours meets a product, then hourly products need one and result-financed ones refuse one', () => {
    const hourly = product('02B05', { resultFinanced: false });
    const category = product('IB1', { resultFinanced: true });
    const check = (p: ProductRules, hoursPerWeek: number | null) =>
      checkIndication(p, { startDate: '2026-12-01', endDate: '2027-05-31', zrm: {}, hoursPerWeek });
    expect(check(hourly, 2)).toEqual([]);
    expect(check(category, null)).toEqual([]);
    expect(check(hourly, null)).toEqual([
      expect.objectContaining({ rule: '02B05.HOURLY_VOLUME_REQUIRED', field: 'hoursPerWeek' }),
    ]);
    expect(check(category, 2)).toEqual([
      expect.objectContaining({ rule: 'IB1.NO_HOURLY_VOLUME', field: 'hoursPerWeek' }),
    ]);
    // Decisions recorded before the catalogue said how a product is financed are not judged on it.
    expect(check(product('OLD', {}), 2)).toEqual([]);
  });
});

describe('product fit: region and age (issue 9)', () => {
  const ib2: ProductAudience = { code: 'IB2', region: 'SDD', clientAgeBelow: null };
  const ib4mo = { code: 'IB4-MO', region: 'SDD', clientAgeBelow: 27 };
  const fit = (p: ProductAudience, teamRegion: string, clientBornOn: string, startDate = '2026-12-01') =>
    checkProductFit(p, { teamRegion, clientBornOn, startDate }).map((v) => [v.rule, v.field]);

  it('when a Zeist (ZOU) consultant decides the Drechtsteden IB2, then the region rule refuses it on productCode', () => {
    expect(fit(ib2, 'SDD', '1970-01-01')).toEqual([]);
    expect(fit(ib2, 'ZOU', '1970-01-01')).toEqual([['IB2.REGION', 'productCode']]);
  });

  it('when a surcharge (opslag) is decided as a product of its own, then it is refused on productCode', () => {
    const opslag1 = { code: 'OPSLAG1', region: 'SDD', clientAgeBelow: null, surchargeFor: ['IB1'] };
    expect(fit(opslag1, 'SDD', '1970-01-01')).toEqual([['OPSLAG1.SURCHARGE_ONLY', 'productCode']]);
    expect(fit({ ...ib2, surchargeFor: [] }, 'SDD', '1970-01-01')).toEqual([]);
  });

  it('when a product given only if its conditions hold (seed 004) is decided without confirming each, then it is refused on conditions, naming those missing', () => {
    const withConditions = { ...ib4mo, conditions: [...productConditions] };
    const decide = (conditionsMet?: string[]) =>
      checkProductFit(withConditions, {
        teamRegion: 'SDD',
        clientBornOn: '2004-01-01',
        startDate: '2026-12-01',
        conditionsMet,
      });
    expect(decide([...productConditions])).toEqual([]);
    expect(decide()).toEqual([expect.objectContaining({ rule: 'IB4-MO.CONDITIONS', field: 'conditions' })]);
    expect(decide(productConditions.filter((c) => c !== 'PAYS_RENT'))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/not confirmed: PAYS_RENT$/) }),
    ]);
    expect(fit(ib2, 'SDD', '1970-01-01')).toEqual([]); // a product without conditions asks none
  });

  it('when IB4-MO starts on the 27th birthday, then it is refused; the day before it is allowed', () => {
    expect(fit(ib4mo, 'SDD', '1999-12-01', '2026-11-30')).toEqual([]);
    expect(fit(ib4mo, 'SDD', '1999-12-01', '2026-12-01')).toEqual([['IB4-MO.CLIENT_AGE', 'startDate']]);
  });

  it.each([
    ['2000-02-29', '2027-02-28', 26],
    ['2000-02-29', '2027-03-01', 27],
    ['2000-02-29', '2028-02-29', 28],
    ['1990-12-31', '2026-12-30', 35],
    ['1990-12-31', '2026-12-31', 36],
  ])('when born on %s, then on %s the age is %i', (bornOn, day, age) => {
    expect(ageOn(bornOn, day)).toBe(age);
  });
});
