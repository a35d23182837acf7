import { Connection } from '@temporalio/client';
import { Router } from 'express';
import type { PrismaClient } from '../prisma/client';

export interface HealthDependencies {
  prisma: PrismaClient;
  /** A connection from {@link temporalProbeConnection}: one attempt per probe. */
  temporalProbe: Connection;
  timeoutMs?: number;
}

/**
 * A connection for health probes without the SDK's retry interceptor: that interceptor keeps
 * retrying after the request has given up and ignores cancellation, and a retry firing after
 * the connection closed crashes the process ("Channel has been shut down").
 */
export function temporalProbeConnection(address: string): Connection {
  return Connection.lazy({ address, interceptors: [] });
}

type Check = { ok: true } | { ok: false; error: string };

/** Runs one check with a time limit; on timeout the signal aborts the call so no retry outlives the request. */
async function probe(timeoutMs: number, run: (signal: AbortSignal) => Promise<unknown>): Promise<Check> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([run(controller.signal), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** GET /health asks each dependency now, so it reports what is down rather than what was up at start. */
export function healthRouter({ prisma, temporalProbe: temporal, timeoutMs = 2_000 }: HealthDependencies): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [database, temporalCheck] = await Promise.all([
      probe(timeoutMs, () => prisma.$queryRaw`SELECT 1`),
      probe(timeoutMs, (signal) =>
        temporal.withAbortSignal(signal, () =>
          temporal.withDeadline(Date.now() + timeoutMs, () => temporal.workflowService.getSystemInfo({})),
        ),
      ),
    ]);
    const checks = { database, temporal: temporalCheck };
    const down = Object.entries(checks)
      .filter(([, check]) => !check.ok)
      .map(([name]) => name);
    res.status(down.length ? 503 : 200).json({ status: down.length ? 'unavailable' : 'ok', down, checks });
  });
  return router;
}
