import { Prisma } from './client';

// Prisma's codes for values the schema or a constraint refuses: the same input fails the same way every time.
const refusedCodes = new Set([
  'P2000',
  'P2003',
  'P2004',
  'P2005',
  'P2006',
  'P2007',
  'P2011',
  'P2012',
  'P2019',
  'P2020',
  'P2023',
]);
// What PostgreSQL says for the same, when the driver adapter passes it on unmapped.
const refusedMessage =
  /violates (check|not-null|foreign key) constraint|invalid input (syntax|value)|out of range|value too long|invalid byte sequence/i;

// The server cannot be reached, went away, or is shutting down: a later attempt may well succeed.
const unreachableCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const unreachableMessage =
  /terminating connection|Connection terminated|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)|Can't reach database/i;

// The same from a raw query (P2010), by PostgreSQL's SQLSTATE: data exceptions; not-null, foreign key and check violations.
const refusedSqlState = /^(22|23502|23503|23514)/;

/** PostgreSQL's SQLSTATE of a failed raw query, as the driver adapter passes it on. */
const sqlStateOf = (error: Prisma.PrismaClientKnownRequestError): string =>
  (error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)?.cause?.originalCode ?? '';

/** True for an error no retry can fix: the database refused the value itself. */
export function isRefusedByDatabase(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientValidationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return refusedCodes.has(error.code) || (error.code === 'P2010' && refusedSqlState.test(sqlStateOf(error)));
  }
  return error instanceof Error && error.name !== 'ApplicationFailure' && refusedMessage.test(error.message);
}

/** True when the database is away (down, restarting, unreachable), not refusing. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && unreachableCodes.has(error.code)) return true;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  return error instanceof Error && unreachableMessage.test(error.message);
}

/** A unique index refused the row: P2002 from Prisma's queries, SQLSTATE 23505 from raw ones. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === 'P2002' || (error.code === 'P2010' && sqlStateOf(error) === '23505');
}
