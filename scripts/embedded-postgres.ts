import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgres {
  url: string;
  /** Stops the server and waits until PGlite has closed its data directory. */
  stop(): Promise<void>;
  process: ChildProcess;
}

/** PGlite serves one session per connection slot; the app's pool needs several (default is 1). */
const MAX_CONNECTIONS = 20;

export function embeddedPostgresUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
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
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Runs real PostgreSQL (PGlite, compiled to WASM) in a child process on a loopback port,
 * keeping its files in `dataDir`; `dataDir` undefined keeps it in memory.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // The package exports no subpath for its CLI; it sits next to the main entry.
  const server = path.join(path.dirname(require.resolve('@electric-sql/pglite-socket')), 'scripts', 'server.js');
  const args = [server, `--port=${options.port}`, '--host=127.0.0.1', `--max-connections=${MAX_CONNECTIONS}`];
  if (options.dataDir) args.push(`--db=${path.resolve(options.dataDir)}`);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Keep only the tail: the server logs every connection.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = embeddedPostgresUrl(options.port);
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
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
