import { dateOf, firstOfMonth } from '../../domain/calendar';
import { allocationCost, declaredCost, overlap, type DeclaredMonth, type Period } from '../../domain/costs';
import type { PrismaClient } from '../client';
import { tariffsOf } from './tariffs';

export interface CostRow {
  providerId: string;
  productCode: string;
  /** Trajectories with care in the period. */
  trajectories: number;
  /** What the allocations decided for the period cost, in cents. */
  allocatedCents: number;
  /** What was delivered: days of care through today, or the hours declared, in cents. */
  realisedCents: number;
  declaredMinutes: number;
  /** Days of care and declared months no tariff prices: the figures above leave them out. */
  daysWithoutTariff: number;
  monthsWithoutTariff: number;
}

/** An allocation with its trajectory's provider and the Amsterdam day it closed, if it did (dates as text, as the domain takes them). */
interface Care {
  trajectoryId: string;
  productCode: string;
  /** The surcharge (opslag) on top of the category: priced on the same days by its own tariffs, in its own row. */
  surchargeCode: string | null;
  providerId: string;
  startDate: string;
  endDate: string;
  hoursPerWeek: number | null;
  closedOn: string | null;
}

/** The months declared in a period, added up per provider and product. */
type Declared = DeclaredMonth & { providerId: string; productCode: string };

/**
 * Raw SQL: a year holds thousands of allocations and tens of thousands of declared months; Prisma's
 * reads took 300 ms to carry them (bench:pages). The months are added up per provider and product
 * in the database: what they cost is linear in their minutes.
 */
function careIn(prisma: PrismaClient, period: Period) {
  return Promise.all([
    prisma.$queryRaw<Care[]>`
      SELECT i."trajectoryId", i."productCode", i."surchargeCode", t."providerId"::text AS "providerId",
             i."startDate"::text AS "startDate", i."endDate"::text AS "endDate",
             i."hoursPerWeek"::float8 AS "hoursPerWeek",
             (t."closedAt" AT TIME ZONE 'Europe/Amsterdam')::date::text AS "closedOn"
      FROM "Indication" i JOIN "Trajectory" t ON t.id = i."trajectoryId"
      WHERE i."startDate" <= ${period.to}::date AND i."endDate" >= ${period.from}::date`,
    prisma.$queryRaw<Declared[]>`
      SELECT t."providerId"::text AS "providerId", i."productCode", d.month::text AS month,
             sum(d."directMinutes" + d."indirectMinutes" + d."groupMinutes")::int AS minutes, count(*)::int AS declarations
      FROM "HourDeclaration" d
      JOIN "Indication" i ON i.id = d."indicationId" JOIN "Trajectory" t ON t.id = i."trajectoryId"
      WHERE d.month BETWEEN ${firstOfMonth(period.from)}::date AND ${period.to}::date
      GROUP BY 1, 2, 3`,
  ]);
}

/**
 * What care cost per provider and product within a period (seed 001: contract management monitors
 * "de betaalbaarheid van voorzieningen"): every allocation with days in it and every month
 * declared, priced by domain/costs.ts with the tariffs in force; a surcharge (opslag) in a row of
 * its own. Care ends on the day its trajectory closed, where that came before the allocation's end.
 */
export async function costsPerProviderAndProduct(
  prisma: PrismaClient,
  period: Period,
  now: Date,
): Promise<{ rows: CostRow[]; trajectories: number }> {
  const [[allocations, declared], tariffs] = await Promise.all([careIn(prisma, period), tariffsOf(prisma)]);
  const byProduct = groupBy(tariffs, (t) => t.productCode);
  const tariffsOfProduct = (code: string) => byProduct.get(code) ?? [];
  const today = dateOf(now);
  const rows = new Map<string, CostRow & { ids: Set<string>; months: DeclaredMonth[] }>();
  const rowOf = (providerId: string, productCode: string) => {
    const key = `${providerId} ${productCode}`;
    const row = rows.get(key) ?? { ...emptyRow(providerId, productCode), ids: new Set<string>(), months: [] };
    rows.set(key, row);
    return row;
  };
  for (const a of allocations) {
    const care = { from: a.startDate, to: a.closedOn && a.closedOn < a.endDate ? a.closedOn : a.endDate };
    if (!overlap(care, period)) continue; // closed before the period, or before this allocation began
    for (const code of a.surchargeCode ? [a.productCode, a.surchargeCode] : [a.productCode]) {
      const cost = allocationCost({ care, hoursPerWeek: a.hoursPerWeek }, period, today, tariffsOfProduct(code));
      const row = rowOf(a.providerId, code);
      row.ids.add(a.trajectoryId);
      row.allocatedCents += cost.allocated.cents;
      row.realisedCents += cost.realised.cents;
      row.daysWithoutTariff += cost.allocated.daysWithoutTariff;
    }
  }
  for (const d of declared) rowOf(d.providerId, d.productCode).months.push(d);
  for (const row of rows.values()) {
    const cost = declaredCost(row.months, period, tariffsOfProduct(row.productCode));
    row.realisedCents += cost.cents;
    row.declaredMinutes += cost.minutes;
    row.monthsWithoutTariff += cost.withoutTariff;
  }
  const all = new Set([...rows.values()].flatMap((r) => [...r.ids]));
  const priced = [...rows.values()]
    .map(({ ids, months: _months, ...r }) => ({
      ...r,
      trajectories: ids.size,
      allocatedCents: Math.round(r.allocatedCents),
      realisedCents: Math.round(r.realisedCents),
    }))
    .sort((a, b) => a.providerId.localeCompare(b.providerId) || a.productCode.localeCompare(b.productCode));
  return { rows: priced, trajectories: all.size };
}

const emptyRow = (providerId: string, productCode: string): CostRow => ({
  providerId,
  productCode,
  trajectories: 0,
  allocatedCents: 0,
  realisedCents: 0,
  declaredMinutes: 0,
  daysWithoutTariff: 0,
  monthsWithoutTariff: 0,
});

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
