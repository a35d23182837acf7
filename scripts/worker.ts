import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { PrismaClient } from '../prisma/client';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  prisma: PrismaClient;
  /** A pre-built bundle (tests bundle once per suite); otherwise the worker bundles `workflows/`. */
  workflowBundle?: WorkflowBundle;
  /** 0 turns off sticky execution, so another worker picks up a workflow at once (restart tests). */
  maxCachedWorkflows?: number;
}

/** A worker that registers every workflow under workflows/ and every activity from the factory. */
export function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities({ prisma: options.prisma }),
    ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}
