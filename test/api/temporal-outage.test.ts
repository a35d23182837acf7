import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/auth';
import { temporalConnectionOptions } from '../../api/temporal-connection';
import { WorkflowStarts } from '../../api/workflow-starts';
import { demoIds } from '../../prisma/seed/demo';
import { seedCatalogue, seedOrganisation } from '../../prisma/seed/index';
import { freePort } from '../../scripts/ports';
import { startTemporalDevServer } from '../../scripts/temporal-server';
import { createWorker } from '../../scripts/worker';
import { testSecrets, testDelivery } from '../support/delivery';
import { trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { bsnOf } from '../support/api';
import { capturingLogger } from '../support/logs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { bundleWorkflows, testTemporalCli } from '../support/temporal';

describe('API: a registration while Temporal is down', () => {
  const jwtSecret = 'an outage test secret, at least 32 characters';
  const dbFilename = path.join(mkdtempSync(path.join(os.tmpdir(), 'outage-')), 'temporal.db');
  const taskQueue = 'outage';
  let port: number;
  let temporal: TestWorkflowEnvironment | undefined;
  let db: TestDatabase;
  let bundle: WorkflowBundle;
  let connection: Connection;
  let starts: WorkflowStarts;

  const startTemporal = () => startTemporalDevServer({ cli: testTemporalCli(), port, dbFilename });

  beforeAll(async () => {
    port = await freePort();
    [temporal, db, bundle] = await Promise.all([startTemporal(), createTestDatabase(), bundleWorkflows()]);
    await seedCatalogue(db.prisma);
    await seedOrganisation(db.prisma);
    // The API's own connection (its bounded retry stops when a request gives up: test/api/temporal-connection).
    connection = await Connection.connect(temporalConnectionOptions(`127.0.0.1:${port}`));
  });
  afterAll(async () => {
    starts?.stop();
    await connection?.close();
    await temporal?.teardown();
    await db?.drop();
  });

  it('when Temporal is down, then 503 within 5 s, the record is kept, and the workflow starts once Temporal is back', async () => {
    const client = new Client({ connection });
    starts = new WorkflowStarts({ prisma: db.prisma, temporal: client, taskQueue, retryMs: 200, maxRetryMs: 1_000 });
    const app = createApp({
      prisma: db.prisma,
      temporal: client,
      temporalProbe: connection,
      taskQueue,
      jwtSecret,
      secrets: testSecrets,
      workflowStarts: starts,
      logger: capturingLogger().logger,
    });
    const token = await mintToken(jwtSecret, demoIds.consultant, '1h');

    await temporal!.teardown();
    temporal = undefined;
    const began = Date.now();
    const res = await request(app)
      .post('/trajectories')
      .set('Authorization', `Bearer ${token}`)
      .send({
        client: { bsn: bsnOf(90_001), fullName: 'Tijdens storing', dateOfBirth: '1960-06-30' },
        providerId: demoIds.providerA,
      });
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('TEMPORAL_UNAVAILABLE');
    const trajectoryId = res.body.error.details[0].message as string;
    expect(await db.prisma.trajectory.findUnique({ where: { id: trajectoryId } })).toMatchObject({
      phase: 'REGISTERED',
    });
    expect(starts.pending).toBe(1);

    // Temporal comes back on its own data; no worker or API restart is needed for the start.
    temporal = await startTemporal();
    const worker = await createWorker({
      connection: temporal.nativeConnection,
      namespace: 'default',
      taskQueue,
      prisma: db.prisma,
      workflowBundle: bundle,
      client: temporal.client,
      secrets: testSecrets,
      delivery: testDelivery(),
    });
    await worker.runUntil(async () => {
      await eventually(
        () => db.prisma.auditEvent.count({ where: { trajectoryId, action: 'TRAJECTORY_STARTED' } }),
        (n) => n === 1,
        30_000,
      );
      // The background start counts itself done once its call returns, which may be after the workflow's first write.
      await eventually(
        async () => starts.pending,
        (n) => n === 0,
        10_000,
      );
    });
    const { status } = await temporal.client.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).describe();
    expect(status.name).toBe('RUNNING');
  });
});
