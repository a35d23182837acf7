import { dateOf } from '../../domain/calendar';
import { allocationCost, overlap, type Period, type Tariff } from '../../domain/costs';
import type { PrismaClient } from '../client';
import { fromDateColumn, toDateColumn } from './dates';
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

const key = (providerId: string, productCode: string) => `${providerId} ${productCode}`;

/**
 * What care cost per provider and product within a period (seed 001: contract management monitors
 * "de betaalbaarheid van voorzieningen"): every allocation with days in it, priced by
 * domain/costs.ts `allocationCost` with the tariffs in force. Care ends on the day its trajectory
 * closed, where that came before the allocation's end.
 */
export async function costsPerProviderAndProduct(prisma: PrismaClient, period: Period, now: Date): Promise<CostRow[]> {
  const [indications, tariffs] = await Promise.all([
    prisma.indication.findMany({
      where: { startDate: { lte: toDateColumn(period.to) }, endDate: { gte: toDateColumn(period.from) } },
      select: {
        trajectoryId: true,
        productCode: true,
        startDate: true,
        endDate: true,
        hoursPerWeek: true,
        trajectory: { select: { providerId: true, closedAt: true } },
        declarations: { select: { month: true, directMinutes: true, indirectMinutes: true } },
      },
    }),
    tariffsOf(prisma),
  ]);
  const byProduct = new Map<string, Tariff[]>();
  for (const t of tariffs) byProduct.set(t.productCode, [...(byProduct.get(t.productCode) ?? []), t]);
  const today = dateOf(now);
  const rows = new Map<string, CostRow & { ids: Set<string> }>();
  for (const i of indications) {
    const closedOn = i.trajectory.closedAt && dateOf(i.trajectory.closedAt);
    const end = fromDateColumn(i.endDate);
    const care = { from: fromDateColumn(i.startDate), to: closedOn && closedOn < end ? closedOn : end };
    const declared = i.declarations.map((d) => ({
      month: fromDateColumn(d.month),
      minutes: d.directMinutes + d.indirectMinutes,
    }));
    if (!overlap(care, period)) continue; // closed before the period, or before this allocation began
    const hoursPerWeek = i.hoursPerWeek === null ? null : Number(i.hoursPerWeek);
    const cost = allocationCost({ care, hoursPerWeek, declared }, period, today, byProduct.get(i.productCode) ?? []);
    const row =
      rows.get(key(i.trajectory.providerId, i.productCode)) ?? emptyRow(i.trajectory.providerId, i.productCode);
    rows.set(key(row.providerId, row.productCode), row);
    row.ids.add(i.trajectoryId);
    row.allocatedCents += cost.allocated.cents;
    row.realisedCents += cost.realised.cents;
    row.declaredMinutes += cost.realised.declaredMinutes;
    row.daysWithoutTariff += cost.allocated.daysWithoutTariff;
    row.monthsWithoutTariff += cost.realised.monthsWithoutTariff;
  }
  return [...rows.values()]
    .map(({ ids, ...r }) => ({
      ...r,
      trajectories: ids.size,
      allocatedCents: Math.round(r.allocatedCents),
      realisedCents: Math.round(r.realisedCents),
    }))
    .sort((a, b) => a.providerId.localeCompare(b.providerId) || a.productCode.localeCompare(b.productCode));
}

const emptyRow = (providerId: string, productCode: string) => ({
  providerId,
  productCode,
  trajectories: 0,
  ids: new Set<string>(),
  allocatedCents: 0,
  realisedCents: 0,
  declaredMinutes: 0,
  daysWithoutTariff: 0,
  monthsWithoutTariff: 0,
});
