import type { Client } from '@temporalio/client';

/** Temporal did not answer within the time a request may wait. */
export class TemporalTimeout extends Error {}

/** What both a Client and a Connection offer to bound their calls. */
type Bounded = Pick<Client, 'withAbortSignal' | 'withDeadline'>;

/**
 * Runs `run` with a hard time limit: past it, the signal aborts the work itself (so nothing outlives
 * the caller) and the wait ends with `timedOut()`'s error.
 */
export async function withTimeLimit<T>(
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
  timedOut: () => Error = () => new Error(`no answer within ${timeoutMs} ms`),
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut());
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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
