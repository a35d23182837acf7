import { Client, type Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { createApp } from '../../api/app';
import { temporalProbeConnection } from '../../api/health';
import { createPrisma, type PrismaClient } from '../../prisma/client';
import type { EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { freePort } from '../../scripts/ports';
import { testEmbeddedPostgres, type TestEmbeddedPostgres } from '../support/embedded-postgres';
import { startTestTemporal } from '../support/temporal';

describe('GET /health', () => {
  let env: TestWorkflowEnvironment;
  let pg: EmbeddedPostgres;
  let prisma: PrismaClient;
  let server: TestEmbeddedPostgres;

  const app = (temporalProbe: Connection) =>
    createApp({
      prisma,
      temporalProbe,
      temporal: new Client({ connection: env.connection }),
      taskQueue: 'unused',
      jwtSecret: 'a test secret of at least 32 characters',
    });

  beforeAll(async () => {
    server = await testEmbeddedPostgres();
    [env, pg] = await Promise.all([startTestTemporal(), server.start()]);
    prisma = createPrisma(pg.url, 2);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await pg?.stop();
    await env?.teardown();
  });

  it('when database and Temporal answer, then 200 with both checks ok', async () => {
    const res = await request(app(env.connection)).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', down: [], checks: { database: { ok: true }, temporal: { ok: true } } });
  });

  it('when the database goes away, then 503 naming the database; when it is back, then 200 again', async () => {
    const served = app(env.connection);
    await pg.stop();
    const down = await request(served).get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', down: ['database'], checks: { temporal: { ok: true } } });
    expect(down.body.checks.database).toMatchObject({ ok: false, error: expect.any(String) });

    pg = await server.start();
    const up = await request(served).get('/health');
    expect(up.status).toBe(200);
    expect(up.body.down).toEqual([]);
  });

  it('when Temporal does not answer, then 503 naming temporal', async () => {
    const nowhere = temporalProbeConnection(`127.0.0.1:${await freePort()}`);
    try {
      const res = await request(app(nowhere)).get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        down: ['temporal'],
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
