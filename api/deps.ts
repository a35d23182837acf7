import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import type { WorkflowStarts } from './workflow-starts';

/** What the routes need: the records, and Temporal for every change to a trajectory. */
export interface RouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /** Starts new trajectories' workflows, within a bounded time and again once Temporal is back. */
  workflowStarts: WorkflowStarts;
}
