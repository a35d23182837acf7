import { z } from 'zod';
import { isValidBsn } from '../domain/bsn';
import { isBusinessDate } from '../domain/calendar';
import { closureReasons } from '../domain/closure-reasons';
import { zrmDomains } from '../domain/zrm';

/** Schemas shared by several routes; each route's own live beside it. */
export const id = z.uuid();
export const businessDate = z
  .string()
  .refine(isBusinessDate, { message: 'must be a date as YYYY-MM-DD' })
  .meta({ format: 'date', example: '2026-12-01' });
export const instant = z.iso.datetime({ offset: true });
export const productCode = z.string().regex(/^[0-9A-Z-]{2,12}$/, 'must be a product code such as 02B05');
export const bsn = z.string().refine(isValidBsn, { message: 'must be 9 digits passing the 11-check' });
export const closureReason = z.enum(closureReasons);
export const zrmScores = z.partialRecord(z.enum(zrmDomains), z.int().min(1).max(5));
export const trajectoryParams = z.object({ trajectoryId: id });

/** Every list: `limit` 1..100 (default 20) and `offset`; results come in a stable order with id as tiebreak. */
export const page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type Page = z.infer<typeof page>;

export interface Paged<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const paged = <T>(items: T[], total: number, p: Page): Paged<T> => ({
  items,
  total,
  limit: p.limit,
  offset: p.offset,
});

/** One page of a list and the total, queried together: `rows` gets Prisma's `take`/`skip`. */
export async function pageOf<T>(
  p: Page,
  rows: (window: { take: number; skip: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Paged<T>> {
  const [items, total] = await Promise.all([rows({ take: p.limit, skip: p.offset }), count()]);
  return paged(items, total, p);
}
