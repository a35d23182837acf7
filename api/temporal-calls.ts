import type { Client } from '@temporalio/client';

/** Temporal did not answer within the time a request may wait. */
export class TemporalTimeout extends Error {}

/** What both a Client and a Connection offer to bound their calls. */
type Bounded = Pick<Client, 'withAbortSignal' | 'withDeadline'>;

/**
 * Runs a Temporal call with a hard time limit, so no request hangs on a server or worker that is
 * away: the abort signal and the gRPC deadline end the call itself (no retry outlives the request),
 * the race ends the wait.
 */
export async function withinTime<T>(temporal: Bounded, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TemporalTimeout(`Temporal did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const deadline = Date.now() + timeoutMs;
    return await Promise.race([
      temporal.withAbortSignal(controller.signal, () => temporal.withDeadline(deadline, call)),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
