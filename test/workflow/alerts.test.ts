import { demoIds } from '../../prisma/seed/demo';
import { trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { trajectoryWorkflow } from '../../workflows/trajectory/workflow';
import { eventually } from '../support/eventually';
import { useLifecycle } from '../support/lifecycle';
import { startTestTemporal } from '../support/temporal';

describe('a workflow that gets stuck is reported to operations', () => {
  const world = useLifecycle(startTestTemporal, { demoTrajectories: false });

  it('when workflow code throws on its input, then the failing task raises a WORKFLOW_TASK_FAILED alert for that trajectory', async () => {
    const client = await world.db.prisma.client.create({ data: {} });
    const { id: trajectoryId } = await world.db.prisma.trajectory.create({
      data: { clientId: client.id, providerId: demoIds.providerA, teamId: demoIds.teamZeist, registeredAt: new Date() },
    });
    await world.withWorker(async (taskQueue) => {
      // What the API's bounds now keep out: a value the workflow code cannot compute with.
      await world.env.client.workflow.start(trajectoryWorkflow, {
        workflowId: trajectoryWorkflowId(trajectoryId),
        taskQueue,
        args: [{ trajectoryId, providerId: demoIds.providerA, teamId: demoIds.teamZeist, registeredAt: 'not a date' }],
      });
      const alert = await eventually(
        () => world.db.prisma.operationsAlert.findFirst({ where: { trajectoryId } }),
        (row) => row !== null,
      );
      expect(alert).toMatchObject({ kind: 'WORKFLOW_TASK_FAILED', trajectoryId, resolvedAt: null });
      expect(alert!.detail).toMatch(/Error/);
      // The workflow itself is still there, stuck, not failed: Temporal keeps retrying its task.
      const { status } = await world.env.client.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).describe();
      expect(status.name).toBe('RUNNING');
    });
  });

  it('when the workflow runs normally, then no alert is raised', async () => {
    await world.withWorker(async (taskQueue) => {
      const { trajectoryId } = await world.startTrajectory(taskQueue);
      await eventually(
        () => world.db.prisma.auditEvent.count({ where: { trajectoryId, action: 'TRAJECTORY_STARTED' } }),
        (n) => n === 1,
      );
      expect(await world.db.prisma.operationsAlert.count({ where: { trajectoryId } })).toBe(0);
    });
  });
});
