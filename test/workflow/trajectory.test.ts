import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { seedCatalogue, seedDemo } from '../../prisma/seed/index';
import { demoIds } from '../../prisma/seed/demo';
import { createWorker } from '../../scripts/worker';
import { close, getState, trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { trajectoryWorkflow } from '../../workflows/trajectory/workflow';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { bundleWorkflows, startTestTemporal } from '../support/temporal';

describe('trajectory workflow on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    [env, db, bundle] = await Promise.all([startTestTemporal(), createTestDatabase(), bundleWorkflows()]);
    await seedCatalogue(db.prisma);
    await seedDemo(db.prisma, new Date());
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.drop();
  });

  /** A trajectory row of its own per test, so tests never share workflow ids or records. */
  async function newTrajectory(): Promise<string> {
    const client = await db.prisma.client.create({ data: {} });
    const trajectory = await db.prisma.trajectory.create({
      data: { clientId: client.id, providerId: demoIds.providerA, teamId: demoIds.teamZeist, registeredAt: new Date() },
    });
    return trajectory.id;
  }

  async function runWithWorker<T>(taskQueue: string, body: () => Promise<T>): Promise<T> {
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      prisma: db.prisma,
      workflowBundle: bundle,
    });
    return worker.runUntil(body());
  }

  it('when a trajectory starts, then its start is in the audit log once, with ids only', async () => {
    const trajectoryId = await newTrajectory();
    const taskQueue = `test-${randomUUID()}`;
    await runWithWorker(taskQueue, async () => {
      const handle = await env.client.workflow.start(trajectoryWorkflow, {
        workflowId: trajectoryWorkflowId(trajectoryId),
        taskQueue,
        args: [{ trajectoryId, registeredAt: '2026-11-02T09:00:00.000Z' }],
      });
      const events = await eventually(
        () => db.prisma.auditEvent.findMany({ where: { trajectoryId } }),
        (rows) => rows.length > 0,
      );
      expect(events).toMatchObject([
        {
          action: 'TRAJECTORY_STARTED',
          actorType: 'WORKFLOW',
          actorId: handle.workflowId,
          data: { registeredAt: '2026-11-02T09:00:00.000Z' },
        },
      ]);
      expect(await handle.query(getState)).toMatchObject({ trajectoryId, phase: 'REGISTERED' });
      await handle.terminate('test done');
    });
  });

  it('when the consultant closes it, then the record is closed, audited, and the workflow completes', async () => {
    const trajectoryId = await newTrajectory();
    const taskQueue = `test-${randomUUID()}`;
    await runWithWorker(taskQueue, async () => {
      const handle = await env.client.workflow.start(trajectoryWorkflow, {
        workflowId: trajectoryWorkflowId(trajectoryId),
        taskQueue,
        args: [{ trajectoryId, registeredAt: new Date().toISOString() }],
      });
      const state = await handle.executeUpdate(close, { args: [{ reason: 'MOVED', actorId: demoIds.consultant }] });
      expect(state).toMatchObject({ phase: 'CLOSED', closureReason: 'MOVED' });
      expect(await handle.result()).toMatchObject({ phase: 'CLOSED' });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'CLOSED',
        closureReason: 'MOVED',
      });
      const closed = await db.prisma.auditEvent.findMany({ where: { trajectoryId, action: 'TRAJECTORY_CLOSED' } });
      expect(closed).toMatchObject([{ actorType: 'USER', actorId: demoIds.consultant, data: { reason: 'MOVED' } }]);
    });
  });

  it('when a close names an unknown reason or comes twice, then it is refused and nothing changes', async () => {
    const trajectoryId = await newTrajectory();
    const taskQueue = `test-${randomUUID()}`;
    await runWithWorker(taskQueue, async () => {
      const handle = await env.client.workflow.start(trajectoryWorkflow, {
        workflowId: trajectoryWorkflowId(trajectoryId),
        taskQueue,
        args: [{ trajectoryId, registeredAt: new Date().toISOString() }],
      });
      const bogus = handle.executeUpdate(close, { args: [{ reason: 'BORED' as never, actorId: demoIds.consultant }] });
      await expect(bogus).rejects.toThrow(WorkflowUpdateFailedError);
      expect(await handle.query(getState)).toMatchObject({ phase: 'REGISTERED' });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'REGISTERED',
      });

      await handle.executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: demoIds.consultant }] });
      // A closed trajectory's workflow has completed: the server refuses further updates outright.
      const again = handle.executeUpdate(close, { args: [{ reason: 'DECEASED', actorId: demoIds.consultant }] });
      await expect(again).rejects.toThrow(WorkflowNotFoundError);
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        closureReason: 'PER_PLAN',
      });
    });
  });
});
