import type { BusinessDate } from '../../domain/calendar';

/**
 * A PostgreSQL DATE holds a business date; Prisma carries it as a Date at UTC midnight. These two
 * are the only conversions between them, so no time zone ever shifts a day.
 */
export const toDateColumn = (date: BusinessDate): Date => new Date(`${date}T00:00:00Z`);

export const fromDateColumn = (column: Date): BusinessDate => column.toISOString().slice(0, 10);
