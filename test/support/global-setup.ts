import { createMigratedDatabase } from './database';
import { testEmbeddedPostgres } from './embedded-postgres';

/**
 * Without TEST_DATABASE_URL (a machine with nothing installed), the whole run shares one embedded
 * PostgreSQL server, on which each suite creates its own database, as it would on a real server.
 * Either way the committed migrations are applied once, to a template database each suite's
 * database is copied from (TEST_TEMPLATE_DATABASE): `prisma migrate deploy` takes about 12 s, which
 * every suite paid before. The migrations suite still applies them to a blank database of its own.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    const pg = await (await testEmbeddedPostgres()).start();
    process.env.TEST_DATABASE_URL = pg.url;
    (globalThis as { embeddedPostgres?: typeof pg }).embeddedPostgres = pg;
  }
  const template = await createMigratedDatabase(process.env.TEST_DATABASE_URL);
  process.env.TEST_TEMPLATE_DATABASE = template.name;
  (globalThis as { migratedTemplate?: typeof template }).migratedTemplate = template;
}
