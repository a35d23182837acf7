import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { trajectoryWorkflowId } from '../workflows/trajectory/contracts';
import type { trajectoryWorkflow } from '../workflows/trajectory/workflow';

export interface TrajectoryRecord {
  id: string;
  registeredAt: Date;
  providerId: string;
  teamId: string;
}

/**
 * Starts a trajectory's workflow from its record; false when it already runs. The workflow id is
 * the business key, so a repeated start (a retried registration, a restart) never runs it twice.
 */
export async function startTrajectoryWorkflow(
  client: Client,
  taskQueue: string,
  trajectory: TrajectoryRecord,
): Promise<boolean> {
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
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}

export const trajectoryHandle = (client: Client, trajectoryId: string): WorkflowHandle<typeof trajectoryWorkflow> =>
  client.workflow.getHandle<typeof trajectoryWorkflow>(trajectoryWorkflowId(trajectoryId));
