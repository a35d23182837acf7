import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { demoIds } from '../../prisma/seed/demo';
import { projectRoot } from '../../scripts/config';
import { embeddedPostgresUrl } from '../../scripts/embedded-postgres';
import { assertPortFree, freePort } from '../../scripts/ports';
import { eventually } from '../support/eventually';
import { testTemporalCli } from '../support/temporal';

interface Stack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

interface Ports {
  api: number;
  temporal: number;
  ui: number;
  db: number;
  metrics: number;
  mailbox: number;
}

async function choosePorts(): Promise<Ports> {
  return {
    api: await freePort(),
    temporal: await freePort(),
    ui: await freePort(),
    db: await freePort(),
    metrics: await freePort(),
    mailbox: await freePort(),
  };
}

/** `npm start` as a newcomer runs it, with ports and data dir of this test's own. */
function startStack(dataDir: string, ports: Ports, extraEnv: Record<string, string> = {}): Stack {
  const cli = testTemporalCli();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    DATA_DIR: dataDir,
    API_PORT: String(ports.api),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    EMBEDDED_DB_PORT: String(ports.db),
    WORKER_METRICS_PORT: String(ports.metrics),
    MAILBOX_PORT: String(ports.mailbox),
    TEMPORAL_CLI_PATH: cli.source === 'SDK download' ? '' : cli.path,
    ...extraEnv,
  };
  // In-process loader, as `npm start` runs it: signals reach the stack itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(stack: Stack, pattern: RegExp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(stack.output())) {
    if (stack.child.exitCode !== null) throw new Error(`start exited (${stack.child.exitCode}):\n${stack.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${stack.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Reads the stack's embedded database as an operator would: with the password it keeps in its data folder. */
async function count(dataDir: string, dbPort: number, sql: string): Promise<number> {
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  const client = new Client({ connectionString: embeddedPostgresUrl(dbPort, password) });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Runs the token command as a user would, in a fresh process with the same data folder. */
function mintWithCli(dataDir: string, who: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/mint-token.ts', who], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: dataDir, JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`token exited ${code}`))));
  });
}

async function stopWithCtrlC(stack: Stack): Promise<number | null> {
  stack.child.kill('SIGINT');
  return stack.exited;
}

describe('npm start: the embedded stack as real processes', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stack-'));
  let ports: Ports;
  let running: Stack | undefined;

  beforeAll(async () => {
    ports = await choosePorts();
  });
  afterEach(async () => {
    // A failed test leaves its stack running: stop it as Ctrl-C would, so its children (Temporal,
    // PostgreSQL) do not outlive it and hold the ports of the next test; SIGKILL only if that hangs.
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGINT');
      const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000));
      if (!(await Promise.race([running.exited.then(() => true), timeout]))) running.child.kill('SIGKILL');
    }
    running = undefined;
  });

  it('when started from nothing, then Temporal, database, worker and API come up and /health is 200', async () => {
    running = startStack(dataDir, ports);
    await waitForOutput(running, /\[start\] ready/);

    expect(running.output()).toContain(`http://127.0.0.1:${ports.api}`);
    expect(running.output()).toContain(`Temporal UI    http://127.0.0.1:${ports.ui}`);
    expect(running.output()).toMatch(/Stop +Ctrl-C/);
    const health = await fetch(`http://127.0.0.1:${ports.api}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', down: [] });
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    // The worker's Temporal SDK metrics (workflow task and activity figures) are served for Prometheus.
    // (Activity figures appear once the demo trajectories' first activities have run; a trajectory's
    // short database writes are local activities, which the SDK counts under their own name.)
    await eventually(
      async () => (await fetch(`http://127.0.0.1:${ports.metrics}/metrics`)).text(),
      (text) =>
        text.includes('temporal_workflow_task_schedule_to_start_latency') &&
        text.includes('temporal_local_activity_execution_latency'),
    );
    expect((await fetch(`http://127.0.0.1:${ports.api}/metrics`)).status).toBe(200);

    expect(await count(dataDir, ports.db, 'SELECT count(*) AS n FROM "Product"')).toBe(12);
    // The database needs its password, kept for the owner only; nothing in the data folder is world-writable.
    expect(statSync(path.join(dataDir, 'postgres-password')).mode & 0o077).toBe(0);
    expect(statSync(path.join(dataDir, 'postgres')).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o022).toBe(0);
    // Temporal keeps its SQLite file with a write-ahead log (byte 18 of the header: 1 rollback journal, 2 WAL).
    expect(readFileSync(path.join(dataDir, 'temporal.db')).subarray(18, 20)).toEqual(Buffer.from([2, 2]));
    expect(existsSync(path.join(dataDir, 'temporal.db-wal'))).toBe(true);
    // The worker ran each demo trajectory's first activity.
    const started = `SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'TRAJECTORY_STARTED'`;
    await eventually(
      () => count(dataDir, ports.db, started),
      (n) => n === 3,
    );

    // `npm run token` signs with the key the stack generated in its data folder.
    const token = await mintWithCli(dataDir, 'contractmanagement@example');
    const list = await fetch(`http://127.0.0.1:${ports.api}/trajectories`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBe(3);

    // Notifications reach the local mailbox: a client registered 12 days ago is due for intake soon.
    const mailbox = path.join(dataDir, 'mailbox');
    expect(running.output()).toContain(`E-mail         local mailbox, every message as an .eml file in ${mailbox}`);
    const consultant = await mintWithCli(dataDir, 'consulent@zeist.example');
    const registered = await fetch(`http://127.0.0.1:${ports.api}/trajectories`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${consultant}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client: { bsn: '999042427', fullName: 'Stack Test', dateOfBirth: '1970-01-01' },
        providerId: demoIds.providerA,
        registeredAt: new Date(Date.now() - 12 * 86_400_000).toISOString(),
      }),
    });
    expect(registered.status).toBe(201);
    const { trajectoryId } = (await registered.json()) as { trajectoryId: string };
    // The provider hears of the registration and, its intake due in two days, of that too.
    const about = (what: string) =>
      eventually(
        async () =>
          (existsSync(mailbox) ? readdirSync(mailbox).filter((f) => f.endsWith('.eml')) : [])
            .map((f) => readFileSync(path.join(mailbox, f), 'utf8'))
            .filter((m) => m.includes(`trajectory-${trajectoryId}:${what}`)),
        (found) => found.length === 1,
      );
    const [reminder] = await about('INTAKE_REMINDER:');
    expect(reminder).toMatch(/^X-Envelope-To: planning@a\.example/);
    expect(reminder).toMatch(/^X-Idempotency-Key:\s+trajectory-[0-9a-f-]+:INTAKE_REMINDER:/m);
    const [told] = await about('REGISTERED');
    expect(told).toMatch(/^X-Envelope-To: planning@a\.example/);

    // The API's webhook test is guarded as the worker's deliveries: nothing inside this network by default.
    const operations = (method: string, route: string, body?: object) =>
      fetch(`http://127.0.0.1:${ports.api}${route}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body && JSON.stringify(body),
      });
    const settings = `/providers/${demoIds.providerB}/notification-settings`;
    expect((await operations('POST', settings, { webhookUrl: `http://127.0.0.1:${ports.api}/health` })).status).toBe(
      200,
    );
    const tested = await operations('POST', `/providers/${demoIds.providerB}/webhook-test`);
    expect(await tested.json()).toMatchObject({
      delivered: false,
      error: expect.stringContaining('127.0.0.1, an address inside this network'),
    });
    expect(await stopWithCtrlC(running)).toBe(0);
  });

  it('when Ctrl-C is pressed, then every child stops and every port is free again', async () => {
    running = startStack(dataDir, ports);
    await waitForOutput(running, /\[start\] ready/);
    expect(await stopWithCtrlC(running)).toBe(0);
    for (const [what, port] of Object.entries(ports)) {
      await expect(assertPortFree('127.0.0.1', port, what, what)).resolves.toBeUndefined();
    }
  });

  it('when started a second time, then it reuses the data: no workflow is started again', async () => {
    running = startStack(dataDir, ports);
    await waitForOutput(running, /\[start\] ready/);
    expect(running.output()).not.toMatch(/Started \d+ trajectory workflow/);
    // The three demo trajectories and the one the first test registered, each started once.
    expect(await count(dataDir, ports.db, 'SELECT count(*) AS n FROM "Trajectory"')).toBe(4);
    expect(
      await count(dataDir, ports.db, `SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'TRAJECTORY_STARTED'`),
    ).toBe(4);
    expect(await stopWithCtrlC(running)).toBe(0);
  });

  it('when the API port is taken, then one clear message and exit 1, no stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve, reject) => blocker.once('error', reject).listen(ports.api, '127.0.0.1', resolve));
    try {
      running = startStack(dataDir, ports);
      expect(await running.exited).toBe(1);
      expect(running.output()).toContain(
        `Port ${ports.api} for the API is already in use. Stop what uses it or set API_PORT.`,
      );
      expect(running.output()).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  });

  it('when the Temporal CLI cannot be found, then the message names all four ways and exit is 1', async () => {
    running = startStack(dataDir, ports, { TEMPORAL_CLI_PATH: path.join(dataDir, 'no-such-temporal') });
    expect(await running.exited).toBe(1);
    const output = running.output();
    expect(output).toMatch(/No Temporal CLI could be found/);
    expect(output).toMatch(/TEMPORAL_CLI_PATH/);
    expect(output).toMatch(/on PATH/);
    expect(output).toMatch(/python3/);
    expect(output).toMatch(/SDK/);
    expect(output).not.toMatch(/^\s+at /m);
  });
});
