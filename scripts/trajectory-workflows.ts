import type { Client } from '@temporalio/client';
import { ensureTrajectoryWorkflow } from '../api/trajectory-workflow';
import type { PrismaClient } from '../prisma/client';

/**
 * Starts the workflow of every open trajectory that has none (seeded or restored data, a start
 * that failed while Temporal was down); one that ended is reported to operations.
 */
export async function ensureTrajectoryWorkflows(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
): Promise<number> {
  const open = await prisma.trajectory.findMany({
    where: { phase: { not: 'CLOSED' } },
    select: { id: true, registeredAt: true, providerId: true, teamId: true },
    orderBy: { id: 'asc' },
  });
  let started = 0;
  for (const trajectory of open) {
    if (await ensureTrajectoryWorkflow(prisma, client, taskQueue, trajectory)) started += 1;
  }
  return started;
}
