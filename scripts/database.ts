import path from 'node:path';
import type { Config } from './config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { assertPortFree } from './ports';

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL selects a real PostgreSQL; without it, an embedded one keeps its files under DATA_DIR/pg. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  await assertPortFree('127.0.0.1', config.EMBEDDED_DB_PORT, 'the embedded PostgreSQL', 'EMBEDDED_DB_PORT');
  const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.EMBEDDED_DB_PORT });
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}
