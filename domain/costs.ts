import { addDays, daysBetween, daysInMonth, firstOfMonth, lastDayOfMonth, type BusinessDate } from './calendar';

/**
 * How a tariff is paid: per hour (seed 003, Zuid-Oost Utrecht), per client per 4 weeks (seed 001,
 * the Drechtsteden in 2016), per client per week from 2021 (seed 000, invoiced per month), per
 * client per month (seed 002, IB for shelter clients).
 */
export const tariffUnits = [
  'PER_HOUR',
  'PER_CLIENT_PER_4_WEEKS',
  'PER_CLIENT_PER_WEEK',
  'PER_CLIENT_PER_MONTH',
] as const;
export type TariffUnit = (typeof tariffUnits)[number];

/** A product's price from a day on, until the day before the next (`validTo` inclusive; null: open-ended). */
export interface Tariff {
  validFrom: BusinessDate;
  validTo: BusinessDate | null;
  amountCents: number;
  unit: TariffUnit;
}

/** A tariff that ends the day before another begins runs up to it (as adding the later one ends it). */
export const runsUpTo = (before: Pick<Tariff, 'validTo'>, next: Pick<Tariff, 'validFrom'>): boolean =>
  before.validTo === addDays(next.validFrom, -1);

/** Days from `from` through `to`, both inclusive. */
export interface Period {
  from: BusinessDate;
  to: BusinessDate;
}

const daysIn = (p: Period) => daysBetween(p.from, p.to) + 1;
const later = (a: BusinessDate, b: BusinessDate) => (a > b ? a : b);
const earlier = (a: BusinessDate, b: BusinessDate) => (a < b ? a : b);

/** The days two periods share, if any. */
export function overlap(a: Period, b: Period): Period | undefined {
  const shared = { from: later(a.from, b.from), to: earlier(a.to, b.to) };
  return shared.from <= shared.to ? shared : undefined;
}

/** A calendar year as a period. */
export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The tariff in force on a day (tariffs of one product never overlap: prisma/records/tariffs.ts keeps them so). */
export const tariffOn = (tariffs: Tariff[], day: BusinessDate): Tariff | undefined =>
  tariffs.find((t) => t.validFrom <= day && (t.validTo === null || day <= t.validTo));

/** Prices the days of `span` (all within one tariff's validity), in fractional cents; undefined where the unit does not fit. */
type Pricing = (t: Tariff, span: Period) => number | undefined;

/** A client's care by a per-client tariff: per week and per 4 weeks by the day; per month as the month's share of days. */
const perClient: Pricing = (t, span) => {
  if (t.unit === 'PER_CLIENT_PER_WEEK') return (daysIn(span) * t.amountCents) / 7;
  if (t.unit === 'PER_CLIENT_PER_4_WEEKS') return (daysIn(span) * t.amountCents) / 28;
  if (t.unit !== 'PER_CLIENT_PER_MONTH') return undefined;
  let cents = 0;
  for (let month = firstOfMonth(span.from); month <= span.to; month = addDays(lastDayOfMonth(month), 1)) {
    const days = overlap(span, { from: month, to: lastDayOfMonth(month) });
    if (days) cents += (daysIn(days) * t.amountCents) / daysInMonth(month);
  }
  return cents;
};

/** Hours allocated per week, spread evenly over the days, at an hourly tariff. */
const allocatedHours =
  (hoursPerWeek: number): Pricing =>
  (t, span) =>
    t.unit === 'PER_HOUR' ? (daysIn(span) * hoursPerWeek * t.amountCents) / 7 : undefined;

export interface Priced {
  /** Fractional cents: rounded once, where the figure is shown. */
  cents: number;
  /** Days of the span no tariff of a fitting unit covers: not priced, and said. */
  daysWithoutTariff: number;
}

/** The days of `span`, priced by the tariffs in force on them. */
function priceDays(span: Period | undefined, tariffs: Tariff[], pricing: Pricing): Priced {
  if (!span) return { cents: 0, daysWithoutTariff: 0 };
  let cents = 0;
  let covered = 0;
  for (const t of tariffs) {
    const days = overlap(span, { from: t.validFrom, to: t.validTo ?? span.to });
    const price = days && pricing(t, days);
    if (!days || price === undefined) continue;
    cents += price;
    covered += daysIn(days);
  }
  return { cents, daysWithoutTariff: daysIn(span) - covered };
}

/** One allocation (indication) as far as its cost goes. */
export interface Allocation {
  /** The days of care: the indication's period, ending on the day the trajectory closed where that came first. */
  care: Period;
  /** Hours per week for the products paid per hour; null for the result-financed ones. */
  hoursPerWeek: number | null;
}

export interface AllocationCost {
  /** What was decided for the period: every day of care, or the hours allocated per week. */
  allocated: Priced;
  /**
   * What was delivered so far of a result-financed allocation: its days of care through `today`.
   * Of one paid per hour, what was delivered is what was declared (`declaredCost`): nothing here.
   */
  realised: Priced;
}

const nothing: Priced = { cents: 0, daysWithoutTariff: 0 };

/**
 * The cost of one allocation within a period (seed 001: "betaalbaarheid", monitored by contract
 * management; seed 000: result-financed per client per week from 2021; seed 003: per hour).
 */
export function allocationCost(a: Allocation, period: Period, today: BusinessDate, tariffs: Tariff[]): AllocationCost {
  const inPeriod = overlap(a.care, period);
  if (a.hoursPerWeek !== null)
    return { allocated: priceDays(inPeriod, tariffs, allocatedHours(a.hoursPerWeek)), realised: nothing };
  const untilToday = inPeriod && overlap(inPeriod, { from: inPeriod.from, to: today });
  return { allocated: priceDays(inPeriod, tariffs, perClient), realised: priceDays(untilToday, tariffs, perClient) };
}

/** A month's hours declared for a product (by its first day): minutes direct and indirect (both client-bound, seed 003), and by how many declarations. */
export interface DeclaredMonth {
  month: BusinessDate;
  minutes: number;
  declarations: number;
}

export interface DeclaredCost {
  cents: number;
  minutes: number;
  /** Declarations of a month no hourly tariff prices: not in `cents`, and said. */
  withoutTariff: number;
}

/** What the hours declared in a period cost: each month at the hourly tariff in force on its first day. */
export function declaredCost(months: DeclaredMonth[], period: Period, tariffs: Tariff[]): DeclaredCost {
  const cost = { cents: 0, minutes: 0, withoutTariff: 0 };
  for (const m of months.filter((d) => d.month >= firstOfMonth(period.from) && d.month <= period.to)) {
    const t = tariffOn(tariffs, m.month);
    cost.minutes += m.minutes;
    if (t?.unit === 'PER_HOUR') cost.cents += (m.minutes * t.amountCents) / 60;
    else cost.withoutTariff += m.declarations;
  }
  return cost;
}

/** A region's budget for a year against what its products' care cost: allocated and realised. */
export interface BudgetUse<R extends string = string> {
  region: R;
  /** Null while contract management has set none for the year. */
  budgetCents: number | null;
  allocatedCents: number;
  realisedCents: number;
}

/**
 * Affordability (DOMAIN.md: "within budget"): the year's costs per provider and product added up per
 * region (the product's), beside the region's budget; every region with a budget or with costs.
 */
export function budgetUse<R extends string>(
  costs: { productCode: string; allocatedCents: number; realisedCents: number }[],
  regionOf: Map<string, R>,
  budgetCents: Map<R, number>,
): BudgetUse<R>[] {
  const regions = new Map<R, BudgetUse<R>>();
  const of = (region: R) => {
    const known = regions.get(region) ?? { region, budgetCents: null, allocatedCents: 0, realisedCents: 0 };
    regions.set(region, known);
    return known;
  };
  for (const [region, cents] of budgetCents) of(region).budgetCents = cents;
  for (const c of costs) {
    const region = regionOf.get(c.productCode);
    if (!region) continue;
    of(region).allocatedCents += c.allocatedCents;
    of(region).realisedCents += c.realisedCents;
  }
  return [...regions.values()].sort((a, b) => a.region.localeCompare(b.region));
}
