import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Prisma, PrismaClient } from '../prisma/client';
import { trajectoryWorkflowId, type TrajectoryView } from '../workflows/trajectory/contracts';
import type { trajectoryWorkflow } from '../workflows/trajectory/workflow';
import { raiseAlert } from '../activities/operations-alerts';

export interface TrajectoryRecord {
  id: string;
  registeredAt: Date;
  providerId: string;
  teamId: string;
}

/** What a start found: a new run, the run that was already going, or an earlier run that ended. */
export type StartOutcome = { started: true } | { started: false; status: string };

export const trajectoryHandle = (client: Client, trajectoryId: string): WorkflowHandle<typeof trajectoryWorkflow> =>
  client.workflow.getHandle<typeof trajectoryWorkflow>(trajectoryWorkflowId(trajectoryId));

/**
 * Starts a trajectory's workflow from its record. The workflow id is the business key and an id
 * that was ever used is never reused (REJECT_DUPLICATE): a repeated start (a retried registration,
 * a restart) never runs it twice, and a terminated or failed run is never restarted from scratch,
 * which would re-arm the intake deadlines of a trajectory long past them.
 */
export async function startTrajectoryWorkflow(
  client: Client,
  taskQueue: string,
  trajectory: TrajectoryRecord,
): Promise<StartOutcome> {
  try {
    await client.workflow.start<typeof trajectoryWorkflow>('trajectoryWorkflow', {
      workflowId: trajectoryWorkflowId(trajectory.id),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
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
    return { started: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const { status } = await trajectoryHandle(client, trajectory.id).describe();
    return { started: false, status: status.name };
  }
}

/**
 * Makes sure an open trajectory has a running workflow: starts a missing one; one that ended
 * while the record is open is reported to operations (it cannot be restarted without losing its
 * state). True when a workflow was started.
 */
export async function ensureTrajectoryWorkflow(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
  trajectory: TrajectoryRecord,
): Promise<boolean> {
  const outcome = await startTrajectoryWorkflow(client, taskQueue, trajectory);
  if (!outcome.started && outcome.status !== 'RUNNING') {
    await raiseAlert(prisma, {
      kind: 'WORKFLOW_NOT_RUNNING',
      trajectoryId: trajectory.id,
      detail: `workflow ${trajectoryWorkflowId(trajectory.id)} is ${outcome.status} while the trajectory is open`,
    });
  }
  return outcome.started;
}

/**
 * The view a trajectory's workflow mirrored on its record after its last change (only the workflow
 * writes it: activities/trajectory.ts); undefined for a workflow from before that mirror.
 */
export function mirroredView(json: Prisma.JsonValue | null): TrajectoryView | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json) || typeof json.phase !== 'string') return undefined;
  return json as unknown as TrajectoryView;
}
