import { statSync } from 'node:fs';
import { Client, Pool } from 'pg';
import { createPrisma } from '../../prisma/client';
import { seedCatalogue } from '../../prisma/seed/index';
import { embeddedPostgresUrl, type EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { applyMigrations } from '../../scripts/migrate';
import { testEmbeddedPostgres, type TestEmbeddedPostgres } from '../support/embedded-postgres';

// Always the embedded server, whatever TEST_DATABASE_URL says: this is the `npm start` default.
describe('embedded PostgreSQL (real server binaries from npm)', () => {
  let server: TestEmbeddedPostgres;
  let pg: EmbeddedPostgres;

  beforeAll(async () => {
    server = await testEmbeddedPostgres();
    pg = await server.start();
  });
  afterAll(() => pg?.stop());

  it('when the committed migrations are applied, then they all finish', async () => {
    await applyMigrations(pg.url);
    const prisma = createPrisma(pg.url, 2);
    const rows = await prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    await prisma.$disconnect();
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(2);
  });

  it('when connections run transactions at once, then each sees only its own (a session per connection)', async () => {
    const pool = new Pool({ connectionString: pg.url, max: 20 });
    try {
      await pool.query('CREATE TABLE probe (owner int, n int)');
      // Each caller writes in an open transaction, then reads back: a shared session would show others' rows.
      const seen = await Promise.all(
        Array.from({ length: 40 }, async (_, owner) => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query('INSERT INTO probe SELECT $1, g FROM generate_series(1, $1 + 1) g', [owner]);
            await new Promise((resolve) => setImmediate(resolve));
            const { rows } = await client.query<{ owner: number }>('SELECT DISTINCT owner FROM probe');
            await client.query(owner % 2 ? 'ROLLBACK' : 'COMMIT');
            return { owner, owners: rows.map((r) => r.owner) };
          } finally {
            client.release();
          }
        }),
      );
      for (const { owner, owners } of seen) expect(owners).toContain(owner);
      // No caller saw another's uncommitted rows; rolled-back ones left nothing.
      for (const { owner, owners } of seen) {
        for (const other of owners) if (other !== owner) expect(other % 2).toBe(0);
      }
      const { rows } = await pool.query<{ owner: number; n: string }>(
        'SELECT owner, count(*) AS n FROM probe GROUP BY owner ORDER BY owner',
      );
      expect(rows).toEqual(Array.from({ length: 20 }, (_, i) => ({ owner: 2 * i, n: String(2 * i + 1) })));
    } finally {
      await pool.end();
    }
  });

  it('when the app pool runs 2,000 inserts and reads at once, then every row is there', async () => {
    const prisma = createPrisma(pg.url, 20);
    try {
      await seedCatalogue(prisma);
      const created = await Promise.all(
        Array.from({ length: 2_000 }, (_, i) => prisma.provider.create({ data: { name: `concurrent provider ${i}` } })),
      );
      expect(created.map((p) => p.name)).toEqual(Array.from({ length: 2_000 }, (_, i) => `concurrent provider ${i}`));
      expect(await prisma.provider.count({ where: { name: { startsWith: 'concurrent provider' } } })).toBe(2_000);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('when a client has no or the wrong password, then it is refused', async () => {
    for (const url of [
      embeddedPostgresUrl(server.port, 'wrong'),
      `postgresql://postgres@127.0.0.1:${server.port}/postgres`,
    ]) {
      const client = new Client({ connectionString: url });
      await expect(client.connect()).rejects.toThrow(/password/);
      await client.end().catch(() => undefined);
    }
  });

  it('when its folder is inspected, then only the unprivileged server user may enter it', () => {
    const { mode, uid } = statSync(server.dataDir);
    expect(mode & 0o777).toBe(0o700);
    if (process.getuid?.() === 0) expect(uid).not.toBe(0);
  });

  it('when the server restarts on the same data directory, then the data is still there', async () => {
    await pg.stop();
    pg = await server.start();
    const prisma = createPrisma(pg.url, 2);
    try {
      expect(await prisma.product.count()).toBe(12);
      expect(await prisma.provider.count({ where: { name: { startsWith: 'concurrent provider' } } })).toBe(2_000);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('when a killed start left its server running, then the next start stops it and takes over', async () => {
    // As after `kill -9` of npm start: the server runs on, nobody will stop it, and it holds folder and port.
    const leftover = pg;
    const leftoverExit = new Promise((resolve) => leftover.process.once('exit', resolve));
    pg = await server.start();
    await leftoverExit;
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    expect((await client.query('SELECT count(*)::int AS n FROM "Product"')).rows).toEqual([{ n: 12 }]);
    await client.end();
  });
});
