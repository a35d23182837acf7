import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/auth';
import { temporalProbeConnection } from '../../api/health';
import { temporalConnectionOptions } from '../../api/temporal-connection';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../api/payload-codec';
import { addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { createPrisma, type PrismaClient } from '../../prisma/client';
import { demoIds } from '../../prisma/seed/demo';
import { seedCatalogue, seedOrganisation } from '../../prisma/seed/index';
import { projectRoot } from '../../scripts/config';
import type { EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { applyMigrations } from '../../scripts/migrate';
import { startMailbox, type Mailbox } from '../../scripts/mailbox';
import { freePort } from '../../scripts/ports';
import { startTemporalDevServer } from '../../scripts/temporal-server';
import { trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { bsnOf } from '../support/api';
import { testEmbeddedPostgres, type TestEmbeddedPostgres } from '../support/embedded-postgres';
import { eventually } from '../support/eventually';
import { capturingLogger } from '../support/logs';
import { testTemporalCli } from '../support/temporal';
import { testSecrets } from '../support/delivery';

const TRAJECTORIES = 20;
const taskQueue = 'chaos';
const jwtSecret = 'a chaos test secret, at least 32 characters';
const keys = `chaos=${randomBytes(32).toString('hex')}`;
/** Amsterdam's business day, read at each use: a suite may run across midnight. */
const today = () => dateOf(new Date());
const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));

/**
 * The real stack under faults: a worker process killed outright during 20 updates, Temporal killed
 * and restarted on its own data, the database cut for 20 seconds. Callers retry with their
 * Idempotency-Key as real clients do; afterwards every accepted change is applied exactly once,
 * nothing is doubled, /health went 503 and back, and every trajectory's workflow runs.
 */
describe('chaos: the stack recovers from a killed worker, a restarted Temporal and a cut database', () => {
  let pgServer: TestEmbeddedPostgres;
  let pg: EmbeddedPostgres;
  let prisma: PrismaClient;
  let temporalPort: number;
  let dbFilename: string;
  let temporal: TestWorkflowEnvironment | undefined;
  let worker: ChildProcess | undefined;
  let connection: Connection;
  let probe: Connection;
  let mailbox: Mailbox;
  let app: ReturnType<typeof createApp>;
  const healthSeen: number[] = [];
  const trajectories: string[] = [];

  const startTemporal = () => startTemporalDevServer({ cli: testTemporalCli(), port: temporalPort, dbFilename });

  /** `npm run worker` as production runs it: its own process, configured by environment only. */
  async function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-worker.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
        TEMPORAL_TASK_QUEUE: taskQueue,
        PAYLOAD_ENCRYPTION_KEYS: keys,
        WORKER_METRICS_PORT: '0',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mailbox.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (c: Buffer) => {
      output += c.toString();
      said.push(`[worker ${child.pid}] ${c.toString()}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}:\n${output}`);
        return output;
      },
      (text) => text.includes('Worker polling'),
      60_000,
    );
    return child;
  }

  function kill(child: ChildProcess | undefined): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    return exited;
  }

  // What the workers said and when each phase began: printed if the test does not finish, so a
  // stall can be placed beside the servers' own log of slow calls.
  const said: string[] = [];
  let finished = false;
  const phase = (name: string) => said.push(`[chaos] ${new Date().toISOString()} phase ${name}\n`);

  const token = (userId: string) => mintToken(jwtSecret, userId, '1h');
  const health = async () => {
    const { status } = await request(app).get('/health');
    healthSeen.push(status);
    return status;
  };

  /** A client that retries with the same Idempotency-Key until it gets a final answer, as a real one would. */
  async function untilAnswered(userId: string, path: string, body: object, key: string): Promise<request.Response> {
    const auth = `Bearer ${await token(userId)}`;
    return eventually(
      () => request(app).post(path).set('Authorization', auth).set('Idempotency-Key', key).send(body),
      (res) => res.status < 500 && !(res.status === 409 && res.body.error?.code === 'IDEMPOTENCY_IN_PROGRESS'),
      120_000,
    );
  }

  const count = (action: string) =>
    prisma.auditEvent.groupBy({ by: ['trajectoryId'], where: { action }, _count: { _all: true } });

  beforeAll(async () => {
    pgServer = await testEmbeddedPostgres();
    pg = await pgServer.start();
    await applyMigrations(pg.url);
    prisma = createPrisma(pg.url, 10);
    await seedCatalogue(prisma);
    await seedOrganisation(prisma);
    temporalPort = await freePort();
    dbFilename = path.join(path.dirname(pgServer.dataDir), 'temporal.db');
    temporal = await startTemporal();
    // A separate worker requires a mail server: the same local receiver npm start runs.
    mailbox = await startMailbox(path.join(path.dirname(pgServer.dataDir), 'mailbox'), 0);
    worker = await startWorker();
    const address = `127.0.0.1:${temporalPort}`;
    connection = Connection.lazy(temporalConnectionOptions(address));
    probe = temporalProbeConnection(address);
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(keys));
    app = createApp({
      prisma,
      temporal: new Client({ connection, dataConverter: { payloadCodecs: [codec] } }),
      temporalProbe: probe,
      taskQueue,
      jwtSecret,
      secrets: testSecrets,
      payloadCodec: codec,
      idempotencyClaimTimeoutMs: 5_000,
      logger: capturingLogger().logger,
    });
  });
  afterAll(async () => {
    if (!finished) process.stderr.write(said.join(''));
    await kill(worker);
    await mailbox?.close();
    await connection?.close();
    await probe?.close();
    await prisma?.$disconnect();
    await temporal?.teardown();
    await pg?.stop();
  });

  it('when faults strike during the work, then afterwards every change is applied exactly once', async () => {
    for (let i = 0; i < TRAJECTORIES; i++) {
      const res = await untilAnswered(
        demoIds.consultant,
        '/trajectories',
        {
          client: { bsn: bsnOf(50_000 + i), fullName: `Chaos ${i}`, dateOfBirth: '1970-07-07' },
          providerId: demoIds.providerA,
        },
        `register-${i}`,
      );
      expect(res.status).toBe(201);
      trajectories.push(res.body.trajectoryId);
    }
    await eventually(
      () => count('TRAJECTORY_STARTED'),
      (rows) => rows.length === TRAJECTORIES,
      60_000,
    );
    expect(await health()).toBe(200);

    // 1. The worker is killed outright while 20 intakes are under way; a new one takes over.
    phase('1: intakes, the worker killed');
    const intakes = trajectories.map((id, i) =>
      untilAnswered(demoIds.providerUserA, `/trajectories/${id}/intake`, { heldOn: today() }, `intake-${i}`),
    );
    await eventually(
      () => prisma.auditEvent.count({ where: { action: 'INTAKE_RECORDED' } }),
      (n) => n > 0,
      60_000,
    );
    await kill(worker);
    worker = await startWorker();
    for (const res of await Promise.all(intakes)) expect(res.status).toBe(200);

    // 2. Temporal is killed and comes back on its own data; decisions sent meanwhile wait for it.
    phase('2: five decisions, Temporal restarted');
    await temporal!.teardown();
    temporal = undefined;
    expect(await health()).toBe(503);
    const decide = (id: string, i: number) =>
      untilAnswered(
        demoIds.consultant,
        `/trajectories/${id}/indication`,
        { productCode: '02B05', startDate: today(), endDate: addMonths(today(), 6), hoursPerWeek: 2, zrm: stable },
        `decide-${i}`,
      );
    const firstDecisions = trajectories.slice(0, 5).map(decide);
    temporal = await startTemporal();
    if (worker.exitCode !== null) worker = await startWorker();
    await eventually(health, (status) => status === 200, 60_000);
    for (const res of await Promise.all(firstDecisions)) expect(res.status).toBe(200);

    // 3. The database is cut for 20 seconds while the other decisions are under way.
    phase('3: the other decisions, the database cut');
    const laterDecisions = trajectories.slice(5).map((id, i) => decide(id, i + 5));
    await eventually(
      () => prisma.auditEvent.count({ where: { action: 'INDICATION_DECIDED' } }),
      (n) => n > 5,
      60_000,
    );
    await pg.stop();
    expect(await health()).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 20_000)); // the outage itself, not a wait for a condition
    pg = await pgServer.start();
    await eventually(health, (status) => status === 200, 60_000);
    for (const res of await Promise.all(laterDecisions)) expect(res.status).toBe(200);

    // Afterwards: each change once, nothing doubled, every workflow running.
    for (const action of ['TRAJECTORY_STARTED', 'INTAKE_RECORDED', 'INDICATION_DECIDED']) {
      const rows = await count(action);
      expect([action, rows.length]).toEqual([action, TRAJECTORIES]);
      for (const row of rows) expect([action, row._count._all]).toEqual([action, 1]);
    }
    expect(await prisma.indication.count()).toBe(TRAJECTORIES);
    expect(await prisma.trajectory.count({ where: { phase: 'ACTIVE' } })).toBe(TRAJECTORIES);
    const statuses = await Promise.all(
      trajectories.map(
        async (id) => (await temporal!.client.workflow.getHandle(trajectoryWorkflowId(id)).describe()).status.name,
      ),
    );
    expect(new Set(statuses)).toEqual(new Set(['RUNNING']));
    expect(healthSeen).toContain(503);
    expect(healthSeen[healthSeen.length - 1]).toBe(200);
    finished = true;
  });
});
