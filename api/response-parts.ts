import { z } from 'zod';
import { Prisma } from '../prisma/client';

/** The pieces every route's answer is made of (responses.ts, operations-responses.ts). */

/** A Date in the handler; an ISO 8601 date-time string on the wire. */
export const instant = z.date();
/** An instant the workflow already wrote as ISO 8601. */
export const isoInstant = z.iso.datetime({ offset: true });
/** A Prisma decimal in the handler (hours per week); a decimal string on the wire. */
export const decimal = z
  .custom<Prisma.Decimal>((v) => Prisma.Decimal.isDecimal(v))
  .meta({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', description: 'A decimal number, as a string' });
export const uuid = z.uuid();
export const businessDate = z.iso.date();

/** A page of a list: the items, the total, and the window asked for. */
export const pagedOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), total: z.int(), limit: z.int(), offset: z.int() });

/** A person by id and name (an assignee, a colleague). */
export const person = z.strictObject({ id: uuid, name: z.string() });

/** A person with the team or provider they work for (null for operations). */
export const staffMember = person.extend({ organisation: z.string().nullable() });
