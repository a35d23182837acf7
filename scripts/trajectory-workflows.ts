import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import { trajectoryWorkflowId } from '../workflows/trajectory/contracts';
import type { trajectoryWorkflow } from '../workflows/trajectory/workflow';

/**
 * Starts the workflow of every open trajectory that has none (seeded or restored data).
 * The workflow id is the business key, so a running one is left alone.
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
    try {
      await client.workflow.start<typeof trajectoryWorkflow>('trajectoryWorkflow', {
        workflowId: trajectoryWorkflowId(trajectory.id),
        taskQueue,
        args: [
          {
            trajectoryId: trajectory.id,
            providerId: trajectory.providerId,
            teamId: trajectory.teamId,
            registeredAt: trajectory.registeredAt.toISOString(),
          },
        ],
      });
      started += 1;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  return started;
}
