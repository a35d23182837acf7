import { ApplicationFailure } from '@temporalio/common';
import { Prisma } from '../prisma/client';

/** The error type of an activity that the database refused for good (contracts name it non-retryable too). */
export const DATABASE_REFUSED = 'DatabaseRefused';

// Prisma's codes for values the schema or a constraint refuses: the same input fails the same way every time.
const permanentCodes = new Set(['P2000', 'P2003', 'P2004', 'P2005', 'P2006', 'P2007', 'P2011', 'P2012', 'P2019', 'P2020', 'P2023']);
// What PostgreSQL says for the same, when the driver adapter passes it on unmapped.
const permanentMessage = /violates (check|not-null|foreign key) constraint|invalid input (syntax|value)|out of range|value too long|invalid byte sequence/i;

/** True for an error no retry can fix: a refused value, not an outage. */
export function isPermanentDatabaseError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientValidationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && permanentCodes.has(error.code)) return true;
  return error instanceof Error && !(error instanceof ApplicationFailure) && permanentMessage.test(error.message);
}

/**
 * Wraps an activity so that a value the database refuses fails it at once (non-retryable, with the
 * reason), instead of retrying for ever and leaving the workflow waiting; outages are still retried.
 */
export function failFast<A extends unknown[], R>(activity: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await activity(...args);
    } catch (error) {
      if (!isPermanentDatabaseError(error)) throw error;
      const reason = (error as Error).message.split('\n').filter(Boolean).slice(-1)[0] ?? 'refused';
      throw ApplicationFailure.nonRetryable(`The database refused the change: ${reason}`, DATABASE_REFUSED);
    }
  };
}
