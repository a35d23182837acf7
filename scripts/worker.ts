import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../activities';
import { alertSinks } from '../activities/operations-alerts';
import type { SecretBox } from '../activities/sealing';
import type { PrismaClient } from '../prisma/client';
import type { Shutdown } from './lifecycle';
import { deliveryStarter } from '../activities/delivery/starter';
import type { DeliverySettings } from './delivery';
import { ensureSearchAttributes } from './search-attributes';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  prisma: PrismaClient;
  /** Starts the delivery workflows that the outbox needs (on this worker's queue). */
  client: Client;
  delivery: DeliverySettings;
  /** Seals and opens what the records keep sealed: the same keys as the API's. */
  secrets: SecretBox;
  /** A pre-built bundle (tests bundle once per suite); otherwise the worker bundles `workflows/`. */
  workflowBundle?: WorkflowBundle;
  /** 0 turns off sticky execution, so another worker picks up a workflow at once (restart tests). */
  maxCachedWorkflows?: number;
  /** Encrypts payloads (api/payload-codec.ts); clients of the same workflows need the same keys. */
  dataConverter?: DataConverter;
  /** Temporal's workflow stack traces (WORKER_STACK_TRACES); unset: the SDK's default, on. */
  stackTraces?: boolean;
}

/** Workflow interceptors, bundled with the workflow code (a pre-built bundle must include them too). */
export const workflowInterceptorModules = [require.resolve('../workflows/interceptors')];

/**
 * A worker that registers every workflow under workflows/ and every activity from the factory;
 * workflows that get stuck or fail are reported to operations through the alert sink.
 */
export async function createWorker(options: WorkerOptions): Promise<Worker> {
  await ensureSearchAttributes(options.connection, options.namespace);
  return withWorkflowStackTraces(options.stackTraces, () => createSdkWorker(options));
}

/** Worker creations in this process, one after another: while one starts, the variable below is its own. */
let creations: Promise<unknown> = Promise.resolve();

/**
 * The SDK has no option for its stack traces; our patch of it (patches/, README: WORKER_STACK_TRACES)
 * reads TEMPORAL_WORKFLOW_STACK_TRACES in the workflow thread, which copies the environment when
 * Worker.create starts it: set for that moment, then put back. Creations take turns, so two workers
 * created at once (tests) cannot start with each other's setting.
 */
function withWorkflowStackTraces<T>(enabled: boolean | undefined, create: () => Promise<T>): Promise<T> {
  const turn = creations.then(() => withVariable(enabled, create));
  creations = turn.catch(() => undefined);
  return turn;
}

async function withVariable<T>(enabled: boolean | undefined, create: () => Promise<T>): Promise<T> {
  if (enabled === undefined) return create();
  const name = 'TEMPORAL_WORKFLOW_STACK_TRACES';
  const before = process.env[name];
  process.env[name] = String(enabled);
  try {
    return await create();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

function createSdkWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities({
      prisma: options.prisma,
      secrets: options.secrets,
      delivery: {
        ...options.delivery,
        startDeliveries: deliveryStarter(options.client, options.taskQueue, options.delivery.retry),
      },
    }),
    sinks: alertSinks(options.prisma, (message) => console.error(message)),
    ...(options.dataConverter && { dataConverter: options.dataConverter }),
    ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : {
          workflowsPath: require.resolve('../workflows'),
          interceptors: { workflowModules: workflowInterceptorModules },
        }),
  });
}

/**
 * Connects, starts a worker polling in the background, and registers its orderly stop (drain the
 * worker, then close the connection) with the shutdown; used by `npm start` and `run-worker`.
 */
export async function runWorker(
  shutdown: Shutdown,
  options: Omit<WorkerOptions, 'connection'> & { address: string },
): Promise<{ running: Promise<void> }> {
  const { address, ...rest } = options;
  const connection = await NativeConnection.connect({ address });
  shutdown.add('worker connection', () => connection.close());
  const worker = await createWorker({ ...rest, connection });
  const run = worker.run();
  shutdown.add('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await run;
  });
  // Wrapped: an async function returning the promise itself would wait for the worker to finish.
  return { running: run };
}
