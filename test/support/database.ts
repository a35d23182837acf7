import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPrisma, type PrismaClient } from '../../prisma/client';
import { applyMigrations } from '../../scripts/migrate';
import { testEmbeddedPostgres } from './embedded-postgres';

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/**
 * Creates a database on the server TEST_DATABASE_URL points at (it must allow CREATE DATABASE):
 * empty, or a copy of `template`.
 */
export async function createBlankPostgresDatabase(
  adminUrl: string,
  template?: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** An empty database with the committed migrations applied (`prisma migrate deploy`: about 12 s here). */
export async function createMigratedDatabase(
  adminUrl: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const blank = await createBlankPostgresDatabase(adminUrl);
  await applyMigrations(blank.url).catch(async (error: unknown) => {
    await blank.drop();
    throw error;
  });
  return blank;
}

/**
 * A migrated, empty database for one suite, created on the PostgreSQL server TEST_DATABASE_URL names:
 * the machine's (CI) or, without it, the embedded server the run's global setup started. There it is
 * a copy of the run's migrated template (global-setup.ts: the migrations run once per run, not once
 * per suite); on another server, or with `applyMigrations`, the migrations are applied to it.
 */
export async function createTestDatabase(
  poolSize = 5,
  adminUrl: string | undefined = process.env.TEST_DATABASE_URL,
  options: { applyMigrations?: boolean } = {},
): Promise<TestDatabase> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is unset: run the tests with jest (its global setup sets it).');
  const template =
    adminUrl === process.env.TEST_DATABASE_URL && !options.applyMigrations
      ? process.env.TEST_TEMPLATE_DATABASE
      : undefined;
  const blank = template
    ? await createBlankPostgresDatabase(adminUrl, template)
    : await createMigratedDatabase(adminUrl);
  const prisma = createPrisma(blank.url, poolSize);
  return {
    url: blank.url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await blank.drop();
    },
  };
}

/** A database on an embedded PostgreSQL server of its own (the `npm start` default), whatever TEST_DATABASE_URL says. */
export async function createEmbeddedTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const server = await (await testEmbeddedPostgres()).start();
  const db = await createTestDatabase(poolSize, server.url).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return {
    ...db,
    drop: async () => {
      await db.drop();
      await server.stop();
    },
  };
}
