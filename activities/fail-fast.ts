import { ApplicationFailure } from '@temporalio/common';
import { isRefusedByDatabase } from '../prisma/database-errors';
import { SealingFailure } from './sealing';

/** The error type of an activity failure that the database refused for good (never retried). */
export const DATABASE_REFUSED = 'DatabaseRefused';
/** The error type of an activity that met a sealed value its keys cannot open (never retried). */
export const SEALED_VALUE_UNREADABLE = 'SealedValueUnreadable';

/**
 * Wraps an activity so that a value the database refuses, or a sealed value the worker's keys cannot
 * open (PAYLOAD_ENCRYPTION_KEYS without the key it was sealed under), fails it at once (non-retryable,
 * with the reason), instead of retrying for ever and leaving the workflow waiting; outages are still retried.
 */
export function failFast<A extends unknown[], R>(activity: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await activity(...args);
    } catch (error) {
      if (error instanceof SealingFailure)
        throw ApplicationFailure.nonRetryable(error.message, SEALED_VALUE_UNREADABLE);
      if (!isRefusedByDatabase(error)) throw error;
      const reason = (error as Error).message.split('\n').filter(Boolean).slice(-1)[0] ?? 'refused';
      throw ApplicationFailure.nonRetryable(`The database refused the change: ${reason}`, DATABASE_REFUSED);
    }
  };
}
