import { z } from 'zod';
import { isValidBsn } from '../domain/bsn';
import { isBusinessDate } from '../domain/calendar';
import { closureReasons } from '../domain/closure-reasons';
import { zrmDomains } from '../domain/zrm';

/** Schemas shared by several routes; each route's own live beside it. */
export const id = z.uuid();

/**
 * Every date and instant that reaches a workflow lies in this window: a year 0001 or 9999 is a
 * typing error, and timers or date arithmetic on it must never be attempted.
 */
export const dateWindow = { from: '1900-01-01', to: '2100-12-31' } as const;
const inWindow = (date: string) => date.slice(0, 10) >= dateWindow.from && date.slice(0, 10) <= dateWindow.to;
const windowMessage = `must lie between ${dateWindow.from} and ${dateWindow.to}`;

export const businessDate = z
  .string()
  .refine(isBusinessDate, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(inWindow, { message: windowMessage })
  .meta({ format: 'date', example: '2026-12-01' });
/**
 * An instant with its time zone: `Z` or an offset such as `+01:00`. A local time without one
 * (`2026-11-17T10:00:00`) is refused, not guessed: in Amsterdam one hour each October occurs twice.
 */
export const instant = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO instant with a time zone, Z or an offset such as +01:00 (2026-11-17T10:00:00+01:00)',
  })
  .refine((v) => inWindow(new Date(v).toISOString()), { message: windowMessage });

/** What `Indication.hoursPerWeek` (Decimal(5,2), at least 0.25 by its check constraint) holds, up to a full week's work. */
export const hoursPerWeek = z
  .number()
  .min(0.25)
  .max(40)
  .refine((h) => Math.abs(Math.round(h * 100) - h * 100) < 1e-9, { message: 'must have at most two decimals' });

// NUL and other control characters (line breaks and tabs aside) and halves of a surrogate pair
// cannot be stored as text by PostgreSQL or break what reads it later.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text from a person: trimmed, not empty, at most `max` characters, nothing PostgreSQL cannot keep. */
export const text = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !controlCharacter.test(v) && (multiline || !/[\n\r\t]/.test(v)), {
      message: multiline ? 'must not contain control characters' : 'must be one line without control characters',
    })
    .refine((v) => !loneSurrogate.test(v), { message: 'must be valid Unicode text' });
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
