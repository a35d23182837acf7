import type { EmbeddedPostgres } from '../../scripts/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis as { embeddedPostgres?: EmbeddedPostgres; migratedTemplate?: { drop(): Promise<void> } };
  await run.migratedTemplate?.drop();
  await run.embeddedPostgres?.stop();
}
