import { testEmbeddedPostgres } from './embedded-postgres';

/**
 * Without TEST_DATABASE_URL (a machine with nothing installed), the whole run shares one embedded
 * PostgreSQL server, on which each suite creates its own database, as it would on a real server.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const pg = await (await testEmbeddedPostgres()).start();
  process.env.TEST_DATABASE_URL = pg.url;
  (globalThis as { embeddedPostgres?: typeof pg }).embeddedPostgres = pg;
}
