import { addDays, type BusinessDate } from '../../domain/calendar';
import { runsUpTo, type Tariff, type TariffUnit } from '../../domain/costs';
import type { Prisma, PrismaClient } from '../client';
import { fromDateColumn, toDateColumn } from './dates';

/** A tariff as the catalogue keeps it: a product's price from a day on (DOMAIN.md: tariffs are data with validity periods). */
export interface TariffRow extends Tariff {
  id: string;
  productCode: string;
  source: string;
}

/** A tariff row as the domain takes it (the database's enum of units is the domain's list). */
export const tariffRow = (t: Prisma.TariffGetPayload<object>): TariffRow => ({
  ...t,
  validFrom: fromDateColumn(t.validFrom),
  validTo: t.validTo && fromDateColumn(t.validTo),
});

/** Every tariff, by product and then from the earliest. */
export async function tariffsOf(prisma: PrismaClient | Prisma.TransactionClient): Promise<TariffRow[]> {
  const rows = await prisma.tariff.findMany({ orderBy: [{ productCode: 'asc' }, { validFrom: 'asc' }] });
  return rows.map(tariffRow);
}

export interface NewTariff {
  productCode: string;
  validFrom: BusinessDate;
  amountCents: number;
  unit: TariffUnit;
  source: string;
}

/**
 * Adds a product's tariff from a day on, so that a product never has two on one day: the one in
 * force before it ends the day before, and it runs until the day before the next, if there is one
 * (a new contract year is a new row, seed 000). Null when the product has a tariff from that day
 * already. Run in the caller's transaction, after locking the product.
 */
export async function addTariff(tx: Prisma.TransactionClient, t: NewTariff): Promise<TariffRow | null> {
  const validFrom = toDateColumn(t.validFrom);
  const others = await tx.tariff.findMany({ where: { productCode: t.productCode }, orderBy: { validFrom: 'asc' } });
  if (others.some((o) => o.validFrom.getTime() === validFrom.getTime())) return null;
  const before = others.filter((o) => o.validFrom < validFrom).at(-1);
  const next = others.find((o) => o.validFrom > validFrom);
  const dayBefore = toDateColumn(addDays(t.validFrom, -1));
  if (before && (before.validTo === null || before.validTo >= validFrom))
    await tx.tariff.update({ where: { id: before.id }, data: { validTo: dayBefore } });
  const created = await tx.tariff.create({
    data: {
      ...t,
      validFrom,
      validTo: next ? toDateColumn(addDays(fromDateColumn(next.validFrom), -1)) : null,
    },
  });
  return tariffRow(created);
}

/** Holds the product's row until the transaction ends: two tariffs added at once go one after the other. */
export const lockProduct = (tx: Prisma.TransactionClient, code: string) =>
  tx.$queryRaw<{ volumeUnit: string }[]>`SELECT "volumeUnit" FROM "Product" WHERE code = ${code} FOR UPDATE`;

/**
 * Removes a tariff added by mistake: the one in force before it holds on for its days (until the
 * next one, or as long as it held); without one, those days have no tariff. Run in the caller's
 * transaction, after locking the product.
 */
export async function removeTariff(tx: Prisma.TransactionClient, tariffId: string): Promise<TariffRow> {
  const removed = await tx.tariff.delete({ where: { id: tariffId } });
  const before = await tx.tariff.findFirst({
    where: { productCode: removed.productCode, validFrom: { lt: removed.validFrom } },
    orderBy: { validFrom: 'desc' },
  });
  if (before && runsUpTo(tariffRow(before), tariffRow(removed)))
    await tx.tariff.update({ where: { id: before.id }, data: { validTo: removed.validTo } });
  return tariffRow(removed);
}
