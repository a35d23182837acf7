import { Connection } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import { Router } from 'express';
import type { PrismaClient } from '../prisma/client';
import { withTimeLimit } from '../activities/time-limit';
import { withinTime } from './temporal-calls';

export interface HealthDependencies {
  prisma: PrismaClient;
  /** A connection from {@link temporalProbeConnection}: one attempt per probe. */
  temporalProbe: Connection;
  namespace: string;
  /** The task queue the workers poll: no recent poller means no worker does the work. */
  taskQueue: string;
  timeoutMs?: number;
  /** A poll older than this counts as no worker (a live worker polls again at least every minute). */
  workerStaleMs?: number;
  /** Where the reason of a failed check goes: the server's log, never the anonymous caller. */
  log?: (message: string) => void;
}

/**
 * A connection for health probes without the SDK's retry interceptor: that interceptor keeps
 * retrying after the request has given up and ignores cancellation, and a retry firing after
 * the connection closed crashes the process ("Channel has been shut down").
 */
export function temporalProbeConnection(address: string): Connection {
  return Connection.lazy({ address, interceptors: [] });
}

/** The first line of why a check failed, or undefined when it passed. */
async function failure(check: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
  }
}

/**
 * GET /health asks each dependency now, so it reports what is down rather than what was up at
 * start: the database, Temporal, and a worker polling the task queue. It names what is down and
 * nothing more; why is logged on the server.
 */
export function healthRouter(deps: HealthDependencies): Router {
  const { prisma, temporalProbe: temporal, timeoutMs = 2_000, workerStaleMs = 90_000, log = console.error } = deps;
  const call = <T>(fn: () => Promise<T>) => withinTime(temporal, timeoutMs, fn);
  const checks = {
    database: () => failure(() => withTimeLimit(timeoutMs, () => prisma.$queryRaw`SELECT 1`)),
    temporal: () => failure(() => call(() => temporal.workflowService.getSystemInfo({}))),
    worker: () =>
      failure(async () => {
        const { pollers } = await call(() =>
          temporal.workflowService.describeTaskQueue({
            namespace: deps.namespace,
            taskQueue: { name: deps.taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          }),
        );
        const since = Date.now() - workerStaleMs;
        if (!pollers.some((p) => (optionalTsToMs(p.lastAccessTime) ?? 0) >= since)) {
          throw new Error(`no worker polled ${deps.taskQueue} in the last ${workerStaleMs / 1000} s`);
        }
      }),
  };
  const router = Router();
  router.get('/health', async (_req, res) => {
    const names = Object.keys(checks) as (keyof typeof checks)[];
    const failures = await Promise.all(names.map((name) => checks[name]()));
    const down = names.filter((_, i) => failures[i] !== undefined);
    for (const name of down) log(`health: ${name} is down: ${failures[names.indexOf(name)]}`);
    res.status(down.length ? 503 : 200).json({
      status: down.length ? 'unavailable' : 'ok',
      down,
      checks: Object.fromEntries(names.map((name, i) => [name, { ok: failures[i] === undefined }])),
    });
  });
  return router;
}
