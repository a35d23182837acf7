import {
  allocationCost,
  budgetUse,
  declaredCost,
  overlap,
  runsUpTo,
  yearPeriod,
  type Allocation,
  type Tariff,
} from '../../domain/costs';

/** Seed 001 "betaalbaarheid": what the allocations cost, by the tariffs in force on each day. */
describe('the cost of an allocation', () => {
  const year = yearPeriod(2026);
  const weekly = (amountCents: number, validFrom: string, validTo: string | null = null): Tariff => ({
    validFrom,
    validTo,
    amountCents,
    unit: 'PER_CLIENT_PER_WEEK',
  });
  const resultFinanced = (from: string, to: string): Allocation => ({ care: { from, to }, hoursPerWeek: null });
  const cost = (a: Allocation, tariffs: Tariff[], today = '2026-12-31', period = year) =>
    allocationCost(a, period, today, tariffs);

  it('when a week is paid per client, then each day of care costs a seventh of it (seed 000)', () => {
    const { allocated } = cost(resultFinanced('2026-03-01', '2026-03-14'), [weekly(7000, '2021-01-01')]);
    expect(allocated).toEqual({ cents: 14000, daysWithoutTariff: 0 });
  });

  it('when the tariff changes during the care, then each day is priced by the one in force on it', () => {
    const tariffs = [weekly(700, '2026-01-01', '2026-06-30'), weekly(1400, '2026-07-01')];
    // 25-30 June: 6 days at 100; 1-4 July: 4 days at 200.
    expect(cost(resultFinanced('2026-06-25', '2026-07-04'), tariffs).allocated.cents).toBeCloseTo(1400, 6);
  });

  it('when no tariff covers some days, then they are counted and not priced', () => {
    const a = resultFinanced('2025-12-25', '2026-01-06');
    expect(cost(a, [weekly(700, '2026-01-01')], '2026-12-31', yearPeriod(2025)).allocated).toEqual({
      cents: 0,
      daysWithoutTariff: 7,
    });
    expect(cost(a, [weekly(700, '2026-01-01')]).allocated).toEqual({ cents: 600, daysWithoutTariff: 0 });
  });

  it('when paid per 4 weeks (seed 001, 2016), then 28 days cost the amount', () => {
    const tariff: Tariff = {
      validFrom: '2016-01-01',
      validTo: '2016-12-31',
      amountCents: 31924,
      unit: 'PER_CLIENT_PER_4_WEEKS',
    };
    const { allocated } = cost(resultFinanced('2016-02-01', '2016-02-28'), [tariff], '2016-12-31', yearPeriod(2016));
    expect(allocated.cents).toBeCloseTo(31924, 6);
  });

  it('when paid per month (seed 002), then each month costs its share of days, February of a leap year by 29', () => {
    const tariff: Tariff = { validFrom: '2028-01-01', validTo: null, amountCents: 2900, unit: 'PER_CLIENT_PER_MONTH' };
    const { allocated } = cost(resultFinanced('2028-02-15', '2028-03-15'), [tariff], '2028-12-31', yearPeriod(2028));
    expect(allocated.cents).toBeCloseTo(1500 + (15 * 2900) / 31, 6);
  });

  it('when care runs past today, then what is allocated counts the whole period and what is realised the days through today', () => {
    const { allocated, realised } = cost(
      resultFinanced('2026-01-01', '2026-12-31'),
      [weekly(700, '2021-01-01')],
      '2026-01-10',
    );
    expect(allocated.cents).toBeCloseTo(36500, 6);
    expect(realised.cents).toBeCloseTo(1000, 6);
  });

  it('when care lies outside the period, then it costs nothing there', () => {
    const { allocated, realised } = cost(resultFinanced('2025-01-01', '2025-12-31'), [weekly(700, '2021-01-01')]);
    expect([allocated, realised.cents]).toEqual([{ cents: 0, daysWithoutTariff: 0 }, 0]);
  });

  describe('paid per hour (seed 003)', () => {
    const hourly: Tariff = { validFrom: '2026-01-01', validTo: null, amountCents: 6000, unit: 'PER_HOUR' };
    const allocation: Allocation = { care: { from: '2026-01-01', to: '2026-01-14' }, hoursPerWeek: 3 };
    const months = [
      { month: '2025-12-01', minutes: 600, declarations: 1 }, // before the period
      { month: '2026-01-01', minutes: 180, declarations: 1 },
      { month: '2026-02-01', minutes: 90, declarations: 2 },
    ];

    it('when hours are allocated per week, then the allocation costs them at the hourly tariff, and what was delivered is what is declared', () => {
      expect(cost(allocation, [hourly])).toEqual({
        allocated: { cents: 36000, daysWithoutTariff: 0 },
        realised: { cents: 0, daysWithoutTariff: 0 },
      });
    });

    it('when months are declared, then they cost their hours at the tariff of each month, within the period only', () => {
      expect(declaredCost(months, year, [hourly])).toEqual({ cents: 27000, minutes: 270, withoutTariff: 0 });
    });

    it('when a month or a day has no hourly tariff, then it is counted by its declarations, not priced', () => {
      const tariffs = [{ ...hourly, validFrom: '2026-02-01' }, weekly(700, '2021-01-01', '2026-01-31')];
      expect(cost(allocation, tariffs).allocated).toEqual({ cents: 0, daysWithoutTariff: 14 });
      expect(declaredCost(months, year, tariffs)).toEqual({ cents: 9000, minutes: 270, withoutTariff: 1 });
      expect(declaredCost(months, year, [])).toEqual({ cents: 0, minutes: 270, withoutTariff: 3 });
    });
  });

  it('finds the days two periods share', () => {
    expect(overlap({ from: '2026-01-01', to: '2026-01-31' }, { from: '2026-01-31', to: '2026-02-28' })).toEqual({
      from: '2026-01-31',
      to: '2026-01-31',
    });
    expect(overlap({ from: '2026-01-01', to: '2026-01-31' }, { from: '2026-02-01', to: '2026-02-28' })).toBeUndefined();
  });
});

describe("a region's budget against its costs (DOMAIN.md: within budget)", () => {
  const regionOf = new Map([
    ['IB1', 'SDD'],
    ['OPSLAG1', 'SDD'],
    ['02B05', 'ZOU'],
  ]);
  const row = (productCode: string, allocatedCents: number, realisedCents: number) => ({
    productCode,
    allocatedCents,
    realisedCents,
  });

  it('when costs of several providers and products fall in a region, then they add up beside its budget; a region without a budget says none', () => {
    const rows = [row('IB1', 1_000, 400), row('OPSLAG1', 200, 100), row('IB1', 300, 300), row('02B05', 5_000, 1_000)];
    expect(budgetUse(rows, regionOf, new Map([['SDD', 1_200]]))).toEqual([
      { region: 'SDD', budgetCents: 1_200, allocatedCents: 1_500, realisedCents: 800 },
      { region: 'ZOU', budgetCents: null, allocatedCents: 5_000, realisedCents: 1_000 },
    ]);
  });

  it('when a region has a budget and no care yet, then it is listed with nothing spent; a product of no known region is left out', () => {
    expect(budgetUse([row('ELSEWHERE', 9_999, 9_999)], regionOf, new Map([['ZOU', 50_000]]))).toEqual([
      { region: 'ZOU', budgetCents: 50_000, allocatedCents: 0, realisedCents: 0 },
    ]);
  });
});

describe('a tariff that runs up to the next', () => {
  it('when it ends the day before the next begins, across a month end and a leap day, then it runs up to it; a gap or an open end does not', () => {
    expect(runsUpTo({ validTo: '2027-12-31' }, { validFrom: '2028-01-01' })).toBe(true);
    expect(runsUpTo({ validTo: '2028-02-29' }, { validFrom: '2028-03-01' })).toBe(true);
    expect(runsUpTo({ validTo: '2028-02-28' }, { validFrom: '2028-03-01' })).toBe(false);
    expect(runsUpTo({ validTo: null }, { validFrom: '2028-03-01' })).toBe(false);
  });
});
