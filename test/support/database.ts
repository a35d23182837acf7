import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPrisma, type PrismaClient } from '../../prisma/client';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { applyMigrations } from '../../scripts/migrate';
import { freePort } from '../../scripts/ports';

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  kind: 'postgresql' | 'embedded';
  drop(): Promise<void>;
}

/** Creates an empty database on the server TEST_DATABASE_URL points at (it must allow CREATE DATABASE). */
export async function createBlankPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A migrated, empty database for one suite: a fresh database on the real PostgreSQL named by
 * TEST_DATABASE_URL (CI), otherwise an in-memory embedded PostgreSQL (a machine with nothing installed).
 */
export async function createTestDatabase(poolSize = 5): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const blank = await createBlankPostgresDatabase(adminUrl);
    await applyMigrations(blank.url).catch(async (error: unknown) => {
      await blank.drop();
      throw error;
    });
    const prisma = createPrisma(blank.url, poolSize);
    return {
      url: blank.url,
      prisma,
      kind: 'postgresql',
      drop: async () => {
        await prisma.$disconnect();
        await blank.drop();
      },
    };
  }
  const pg = await startEmbeddedPostgres({ port: await freePort() });
  await applyMigrations(pg.url).catch(async (error: unknown) => {
    await pg.stop();
    throw error;
  });
  const prisma = createPrisma(pg.url, poolSize);
  return {
    url: pg.url,
    prisma,
    kind: 'embedded',
    drop: async () => {
      await prisma.$disconnect();
      await pg.stop();
    },
  };
}
