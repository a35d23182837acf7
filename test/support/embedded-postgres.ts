import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { freePort } from '../../scripts/ports';

export interface TestEmbeddedPostgres {
  dataDir: string;
  port: number;
  password: string;
  /** (Re)starts the server on the same folder, port and password. */
  start(): Promise<EmbeddedPostgres>;
}

/** An embedded PostgreSQL of a test's own: a temporary folder the server's user can reach, a free port, a random password. */
export async function testEmbeddedPostgres(): Promise<TestEmbeddedPostgres> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-'));
  chmodSync(parent, 0o711);
  const dataDir = path.join(parent, 'postgres');
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  return { dataDir, port, password, start: () => startEmbeddedPostgres({ dataDir, port, password }) };
}
