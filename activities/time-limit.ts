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
