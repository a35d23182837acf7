import { Client, type Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../api/app';
import { temporalProbeConnection } from '../../api/health';
import { createPrisma, type PrismaClient } from '../../prisma/client';
import type { EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { applyMigrations } from '../../scripts/migrate';
import { freePort } from '../../scripts/ports';
import { createWorker } from '../../scripts/worker';
import { testSecrets, testDelivery } from '../support/delivery';
import { testEmbeddedPostgres, type TestEmbeddedPostgres } from '../support/embedded-postgres';
import { capturingLogger } from '../support/logs';
import { bundleWorkflows, startTestTemporal } from '../support/temporal';

describe('GET /health', () => {
  let env: TestWorkflowEnvironment;
  let server: TestEmbeddedPostgres;
  let pg: EmbeddedPostgres;
  let prisma: PrismaClient;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'health';
  const logs = capturingLogger();

  const app = (temporalProbe: Connection, queue = taskQueue) =>
    createApp({
      prisma,
      temporalProbe,
      temporal: new Client({ connection: env.connection }),
      taskQueue: queue,
      jwtSecret: 'a test secret of at least 32 characters',
      secrets: testSecrets,
      logger: logs.logger,
    });

  beforeAll(async () => {
    server = await testEmbeddedPostgres();
    let workflowBundle;
    [env, pg, workflowBundle] = await Promise.all([startTestTemporal(), server.start(), bundleWorkflows()]);
    await applyMigrations(pg.url);
    prisma = createPrisma(pg.url, 2);
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      prisma,
      workflowBundle,
      client: env.client,
      secrets: testSecrets,
      delivery: testDelivery(),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await prisma?.$disconnect();
    await pg?.stop();
    await env?.teardown();
  });

  it('when database, Temporal and a worker answer, then 200 with every check ok', async () => {
    const res = await request(app(env.connection)).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      down: [],
      checks: { database: { ok: true }, temporal: { ok: true }, worker: { ok: true } },
    });
  });

  it('when the database goes away, then 503 naming the database and no internal detail; when it is back, then 200 again', async () => {
    const served = app(env.connection);
    await pg.stop();
    const down = await request(served).get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({
      status: 'unavailable',
      down: ['database'],
      checks: { database: { ok: false }, temporal: { ok: true }, worker: { ok: true } },
    });
    // The reason is in the server's log, not in the anonymous answer.
    expect(logs.lines().some((line) => String(line.msg).startsWith('health: database is down:'))).toBe(true);

    pg = await server.start();
    const up = await request(served).get('/health');
    expect(up.status).toBe(200);
    expect(up.body.down).toEqual([]);
  });

  it('when no worker polls the task queue, then 503 naming the worker', async () => {
    const res = await request(app(env.connection, 'a-queue-without-workers')).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.down).toEqual(['worker']);
  });

  it('when Temporal does not answer, then 503 naming temporal (and so the worker)', async () => {
    const nowhere = temporalProbeConnection(`127.0.0.1:${await freePort()}`);
    try {
      const res = await request(app(nowhere)).get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        down: ['temporal', 'worker'],
        checks: { database: { ok: true }, temporal: { ok: false } },
      });
    } finally {
      await nowhere.close();
    }
  });

  it('when a route does not exist, then 404 in the documented error shape', async () => {
    const res = await request(app(env.connection)).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No route for GET /nope' } });
  });
});
