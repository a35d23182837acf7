import { PrismaPg } from '@prisma/adapter-pg';
import { createPrisma } from '../../prisma/client';
import { createTestDatabase, type TestDatabase } from '../support/database';

// patches/@prisma+adapter-pg+6.19.3.patch fixes two upstream bugs the JS schema engine hits, and one
// that kept a dead connection out of the pool for good. These tests fail as soon as `npm ci` stops applying it.
describe('the @prisma/adapter-pg patch', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('when a query returns a PostgreSQL `name` column (OID 19), then it deserializes as text', async () => {
    const rows = await db.prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    expect(rows).toHaveLength(1);
    expect(typeof rows[0]!.db).toBe('string');
    expect(rows[0]!.db.length).toBeGreaterThan(0);
  });

  it('when a migration script has dollar-quoted bodies and ";" in comments, then it runs as one script', async () => {
    const adapter = await new PrismaPg({ connectionString: db.url }).connect();
    try {
      await adapter.executeScript(`
        -- a comment; with a semicolon
        CREATE FUNCTION patch_probe() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 41 + 1; END; $$;
        CREATE TABLE patch_probe_table (n int);
        INSERT INTO patch_probe_table SELECT patch_probe();`);
      const rows = await db.prisma.$queryRaw<{ n: number }[]>`SELECT n FROM patch_probe_table`;
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await adapter.dispose();
    }
  });

  it('when the connection of a transaction dies, then it leaves the pool and the next query gets a new one', async () => {
    const poolSize = 2;
    const prisma = createPrisma(db.url, poolSize);
    try {
      // More transactions than connections, each losing its connection (as in a database restart):
      // the ROLLBACK that follows fails too, and without the patch none of them gave it back.
      for (let i = 0; i <= poolSize; i++) {
        await expect(
          prisma.$transaction((tx) => tx.$executeRawUnsafe('SELECT pg_terminate_backend(pg_backend_pid())')),
        ).rejects.toThrow();
      }
      expect(await prisma.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    } finally {
      await prisma.$disconnect();
    }
  }, 30_000); // without the patch the last query waits for a connection that never comes
});
