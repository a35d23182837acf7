import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import { startEmbeddedPostgres, stopLeftover } from './embedded-postgres';
import { keptSecret } from './kept-secret';
import { assertPortFree } from './ports';

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATA_DIR itself: its owner may write, others (the embedded PostgreSQL's unprivileged user among
 * them) may only pass through to the folder they own.
 */
export function prepareDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
}

/**
 * DATABASE_URL selects a real PostgreSQL; without it, an embedded PostgreSQL server keeps its cluster
 * in DATA_DIR/postgres, with a password generated once into DATA_DIR/postgres-password.
 */
export async function openDatabase(config: Config, log: (message: string) => void): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  prepareDataFolder(config.dataDir);
  const dataDir = path.join(config.dataDir, 'postgres');
  // A server that an earlier, killed start left on this folder holds the port: stop it first.
  await stopLeftover(dataDir, log);
  await assertPortFree('127.0.0.1', config.EMBEDDED_DB_PORT, 'the embedded PostgreSQL', 'EMBEDDED_DB_PORT');
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: config.EMBEDDED_DB_PORT,
    password: keptSecret(path.join(config.dataDir, 'postgres-password')),
    log,
  });
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}
