import { decisionNoticeKinds } from '../../domain/notifications';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { seedCatalogue, seedDemo, seedOrganisation } from '../../prisma/seed/index';
import { createWorker } from '../../scripts/worker';
import type { DeliverySettings } from '../../scripts/delivery';
import { testDelivery, testSecrets } from './delivery';
import { decideIndication, recordIntake, trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { trajectoryWorkflow } from '../../workflows/trajectory/workflow';
import { createTestDatabase, type TestDatabase } from './database';
import { bundleWorkflows, startTimeSkippingTemporal } from './temporal';

/** Forwards every access to the value `current()` returns then: the suite's servers exist only after beforeAll. */
function late<T extends object>(current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      const target = current();
      if (!target) throw new Error('used before beforeAll finished');
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A lifecycle suite's world: a Temporal server (time-skipping unless told otherwise), a migrated database with the catalogue
 * and demo data, the workflow bundle, and helpers. Call once inside a describe block.
 */
export function useLifecycle(
  startTemporal: () => Promise<TestWorkflowEnvironment> = startTimeSkippingTemporal,
  {
    demoTrajectories = true,
    database = () => createTestDatabase(),
  }: { demoTrajectories?: boolean; database?: () => Promise<TestDatabase> } = {},
) {
  let env: TestWorkflowEnvironment | undefined;
  let db: TestDatabase | undefined;
  let bundle: WorkflowBundle | undefined;

  beforeAll(async () => {
    [env, db, bundle] = await Promise.all([startTemporal(), database(), bundleWorkflows()]);
    await seedCatalogue(db.prisma);
    await (demoTrajectories ? seedDemo(db.prisma, new Date()) : seedOrganisation(db.prisma));
  });
  // What suites built on this world started (a long-running worker) stops before its servers do.
  const teardowns: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const teardown of teardowns.reverse()) await teardown();
    await env?.teardown();
    await db?.drop();
  });

  const lateEnv = late(() => env);
  const lateDb = late(() => db);
  const now = async () => new Date(Number(await lateEnv.currentTimeMs()));

  async function newWorker(
    taskQueue: string,
    {
      maxCachedWorkflows,
      dataConverter,
      delivery = testDelivery(),
      stackTraces,
    }: {
      maxCachedWorkflows?: number;
      dataConverter?: DataConverter;
      delivery?: DeliverySettings;
      stackTraces?: boolean;
    } = {},
  ) {
    return createWorker({
      maxCachedWorkflows,
      dataConverter,
      stackTraces,
      connection: lateEnv.nativeConnection,
      namespace: lateEnv.namespace ?? 'default',
      taskQueue,
      prisma: lateDb.prisma,
      workflowBundle: bundle,
      client: lateEnv.client,
      secrets: testSecrets,
      delivery,
    });
  }

  /** Runs `body` while a fresh worker polls a task queue of its own (one worker per test). */
  async function withWorker<T>(body: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `q-${randomUUID()}`;
    const worker = await newWorker(taskQueue);
    return worker.runUntil(body(taskQueue));
  }

  /** A trajectory of its own, registered now (server time) unless told when, with its workflow started on `taskQueue`. */
  async function startTrajectory(taskQueue: string, registered?: Date) {
    const registeredAt = registered ?? (await now());
    const client = await lateDb.prisma.client.create({ data: {} });
    const { id: trajectoryId } = await lateDb.prisma.trajectory.create({
      data: { clientId: client.id, providerId: demoIds.providerA, teamId: demoIds.teamZeist, registeredAt },
    });
    const handle = await lateEnv.client.workflow.start(trajectoryWorkflow, {
      workflowId: trajectoryWorkflowId(trajectoryId),
      taskQueue,
      args: [
        {
          trajectoryId,
          providerId: demoIds.providerA,
          teamId: demoIds.teamZeist,
          registeredAt: registeredAt.toISOString(),
        },
      ],
    });
    return { trajectoryId, registeredAt, handle };
  }

  /**
   * The deadline notices and escalations of a trajectory; the registration told to the provider and
   * the consultant's decisions told to it apart.
   */
  const notifications = (trajectoryId: string) =>
    lateDb.prisma.notification.findMany({
      where: { trajectoryId, kind: { notIn: [...decisionNoticeKinds, 'CLIENT_REGISTERED'] } },
      orderBy: { createdAt: 'asc' },
    });
  const registrationNotices = (trajectoryId: string) =>
    lateDb.prisma.notification.findMany({ where: { trajectoryId, kind: 'CLIENT_REGISTERED' } });
  const decisionNotices = (trajectoryId: string) =>
    lateDb.prisma.notification.findMany({
      where: { trajectoryId, kind: { in: [...decisionNoticeKinds] } },
      orderBy: { createdAt: 'asc' },
    });
  /**
   * The tasks deadlines and usage open; those the registration and the intake open apart (the
   * provider's to hold the intake; the consultant's to decide, or find another provider).
   */
  const afterIntake = ['DECIDE_INDICATION', 'OTHER_PROVIDER_NEEDED'];
  const asked = ['HOLD_INTAKE', ...afterIntake];
  const tasks = (trajectoryId: string) =>
    lateDb.prisma.task.findMany({
      where: { trajectoryId, kind: { notIn: asked } },
      orderBy: { createdAt: 'asc' },
    });
  const decisionTasks = (trajectoryId: string) =>
    lateDb.prisma.task.findMany({ where: { trajectoryId, kind: { in: afterIntake } } });
  const intakeTasks = (trajectoryId: string) =>
    lateDb.prisma.task.findMany({ where: { trajectoryId, kind: 'HOLD_INTAKE' } });
  const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
  const consultant = demoIds.consultant;
  const provider = demoIds.providerUserA;

  async function intakeAndDecide(
    handle: WorkflowHandle<typeof trajectoryWorkflow>,
    productCode: string,
    startDate: string,
    endDate: string,
    hoursPerWeek: number | null = 4,
  ) {
    await handle.executeUpdate(recordIntake, { args: [{ heldOn: startDate, actorId: provider }] });
    return handle.executeUpdate(decideIndication, {
      args: [{ productCode, startDate, endDate, hoursPerWeek, zrm: stable, actorId: consultant }],
    });
  }

  return {
    beforeTeardown: (teardown: () => Promise<void>) => teardowns.push(teardown),
    env: lateEnv,
    db: lateDb,
    consultant,
    provider,
    now,
    newWorker,
    withWorker,
    startTrajectory,
    notifications,
    decisionNotices,
    registrationNotices,
    tasks,
    decisionTasks,
    intakeTasks,
    intakeAndDecide,
  };
}
