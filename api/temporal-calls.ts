import type { Client } from '@temporalio/client';
import { withTimeLimit } from '../activities/time-limit';

/** Temporal did not answer within the time a request may wait. */
export class TemporalTimeout extends Error {}

/** What both a Client and a Connection offer to bound their calls. */
type Bounded = Pick<Client, 'withAbortSignal' | 'withDeadline'>;

/**
 * Runs a Temporal call with a hard time limit, so no request hangs on a server or worker that is
 * away: the abort signal and the gRPC deadline end the call itself (no retry outlives the request).
 */
export function withinTime<T>(temporal: Bounded, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return withTimeLimit(
    timeoutMs,
    (signal) => temporal.withAbortSignal(signal, () => temporal.withDeadline(deadline, call)),
    () => new TemporalTimeout(`Temporal did not answer within ${timeoutMs} ms`),
  );
}
