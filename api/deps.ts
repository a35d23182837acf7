import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';

/** What the routes need: the records, and Temporal for every change to a trajectory. */
export interface RouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}
