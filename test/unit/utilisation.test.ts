import {
  allocatedMinutes,
  monthDoubled,
  periodUtilisation,
  timeMixWarnings,
  utilisationAdvice,
} from '../../domain/utilisation';

describe('the utilisation bar of an allocation period', () => {
  const indication = { hoursPerWeek: 4, startDate: '2026-01-01', endDate: '2026-12-30' };

  it('when nothing is declared yet, then nothing is used and nothing projected', () => {
    expect(periodUtilisation(indication, { minutes: 0 })).toEqual({
      allocatedMinutes: 12_480,
      usedMinutes: 0,
      usedShare: 0,
      projectedMinutes: 0,
      threshold: 0.8,
    });
  });

  it('when January and February (59 days) used 2,360 minutes, then the rate projects over 364 days', () => {
    const u = periodUtilisation(indication, { minutes: 2_360, lastDeclaredMonth: '2026-02-01' });
    expect(u?.projectedMinutes).toBe(Math.round((2_360 / 59) * 364));
    expect(u?.usedShare).toBeCloseTo(2_360 / 12_480);
  });

  it('when the last declared month runs past the end date, then the projection stops at the end date', () => {
    const u = periodUtilisation(indication, { minutes: 12_000, lastDeclaredMonth: '2026-12-01' });
    expect(u?.projectedMinutes).toBe(12_000);
  });

  it('when the product is financed by result, then there is no bar', () => {
    expect(periodUtilisation({ ...indication, hoursPerWeek: null }, { minutes: 0 })).toBeNull();
  });
});

describe('expansion at about 80 % use (seed 003)', () => {
  // 4 h/week over 364 days = 52 weeks = 208 h = 12,480 minutes.
  const allocation = allocatedMinutes(4, '2026-01-01', '2026-12-30');
  const advice = (usedMinutes: number, through: string) =>
    utilisationAdvice({
      allocatedMinutes: allocation,
      usedMinutes,
      startDate: '2026-01-01',
      endDate: '2026-12-30',
      through,
    });

  it('when the allocation is computed from hours per week, then it counts the weeks of the period', () => {
    expect(allocation).toBe(12_480);
  });

  it('when 79.9 % is used and the rate would overrun, then no expansion yet; at 80.0 % there is', () => {
    expect(advice(Math.floor(allocation * 0.799), '2026-09-30')).toMatchObject({ requestExpansion: false });
    expect(advice(allocation * 0.8, '2026-09-30')).toMatchObject({ usedShare: 0.8, requestExpansion: true });
  });

  it('when 80 % is used but the rate so far lasts until the end date, then no expansion is needed', () => {
    // 80 % used after 95 % of the period: the projection stays within the allocation.
    const through = '2026-12-12';
    const result = advice(allocation * 0.8, through);
    expect(result.projectedMinutes).toBeLessThanOrEqual(allocation);
    expect(result.requestExpansion).toBe(false);
  });
});

describe('a month that has doubled relative to the hours per week (seed 003)', () => {
  // 4 h/week in November (30 days = 30/7 weeks): doubled from 2 * 4 * 60 * 30/7 = 2,057.14 minutes.
  it('when a month is just under twice the weekly hours, then no alert; at twice, an alert', () => {
    expect(monthDoubled(4, '2026-11-01', 2_057)).toBe(false);
    expect(monthDoubled(4, '2026-11-01', 2_058)).toBe(true);
  });

  it('when the month is February in a leap year, then its 29 days set the bar', () => {
    // 2 * 4 * 60 * 29/7 = 1,988.57 minutes
    expect(monthDoubled(4, '2028-02-01', 1_988)).toBe(false);
    expect(monthDoubled(4, '2028-02-01', 1_989)).toBe(true);
  });
});

const time = (direct: number, indirect: number, digital: number, group = 0) => ({
  directMinutes: direct,
  indirectMinutes: indirect,
  digitalMinutes: digital,
  groupMinutes: group,
});

describe('indirect at most 30 %, digital at most 20 % (seed 003)', () => {
  it('when the seed example is declared (4 h: 0.8 indirect, 3.2 direct, 0.64 digital), then no warning', () => {
    expect(timeMixWarnings(time(192, 48, 38.4))).toEqual([]);
  });

  it('when indirect time is exactly 30 % of client-bound time, then no warning; a minute more warns', () => {
    expect(timeMixWarnings(time(168, 72, 0))).toEqual([]);
    expect(timeMixWarnings(time(167, 73, 0))).toEqual(['INDIRECT_ABOVE_30_PERCENT']);
  });

  it('when group contact time is declared, then it counts as client-bound time for the 30 % but not as direct time for the 20 %', () => {
    // 100 direct + 40 group + 60 indirect: 60 is exactly 30 % of 200; without the group time it would be 37.5 %
    expect(timeMixWarnings(time(100, 60, 0, 40))).toEqual([]);
    expect(timeMixWarnings(time(100, 61, 0, 40))).toEqual(['INDIRECT_ABOVE_30_PERCENT']);
    // digital 20 of 100 direct is the limit, however much group time there is
    expect(timeMixWarnings(time(100, 0, 20, 500))).toEqual([]);
    expect(timeMixWarnings(time(100, 0, 21, 500))).toEqual(['DIGITAL_ABOVE_20_PERCENT']);
  });

  it('when digital contact is exactly 20 % of direct time, then no warning; a minute more warns', () => {
    expect(timeMixWarnings(time(200, 0, 40))).toEqual([]);
    expect(timeMixWarnings(time(200, 0, 41))).toEqual(['DIGITAL_ABOVE_20_PERCENT']);
  });
});
