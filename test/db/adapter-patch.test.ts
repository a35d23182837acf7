import { PrismaPg } from '@prisma/adapter-pg';
import { createTestDatabase, type TestDatabase } from '../support/database';

// patches/@prisma+adapter-pg+6.19.3.patch fixes two upstream bugs the JS schema engine hits.
// These tests fail as soon as `npm ci` stops applying it.
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
});
