import type { PrismaClient, Region } from '../client';
import { auditUserAction } from './audit';

/** The regions' budgets for a year, in cents (as the costs are). */
export async function budgetsOf(prisma: PrismaClient, year: number): Promise<Map<Region, number>> {
  const rows = await prisma.budget.findMany({ where: { year }, select: { region: true, amountEuros: true } });
  return new Map(rows.map((b) => [b.region, b.amountEuros * 100]));
}

/** Sets a region's budget for a year (again: the new amount stands), audited with the amount before and after. */
export function setBudget(
  prisma: PrismaClient,
  b: { region: Region; year: number; amountEuros: number; actorId: string },
): Promise<void> {
  return prisma.$transaction(async (tx) => {
    const key = { region_year: { region: b.region, year: b.year } };
    const before = await tx.budget.findUnique({ where: key, select: { amountEuros: true } });
    const data = { amountEuros: b.amountEuros, setById: b.actorId };
    await tx.budget.upsert({ where: key, create: { region: b.region, year: b.year, ...data }, update: data });
    await auditUserAction(tx, b.actorId, {
      action: 'BUDGET_SET',
      data: { region: b.region, year: b.year, from: before?.amountEuros ?? null, to: b.amountEuros },
    });
  });
}
