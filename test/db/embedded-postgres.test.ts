import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrisma } from '../../prisma/client';
import { seedCatalogue } from '../../prisma/seed/index';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { applyMigrations } from '../../scripts/migrate';
import { freePort } from '../../scripts/ports';

// Always the embedded server, whatever TEST_DATABASE_URL says: this is the `npm start` default.
describe('embedded PostgreSQL (PGlite on a loopback socket)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-'));
  let pg: EmbeddedPostgres;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    pg = await startEmbeddedPostgres({ dataDir, port });
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

  it('when the app pool runs many queries and a transaction at once, then all complete', async () => {
    const prisma = createPrisma(pg.url, 10);
    try {
      await seedCatalogue(prisma);
      const writes = Array.from({ length: 100 }, (_, i) =>
        prisma.provider.create({ data: { name: `concurrent provider ${i}` } }),
      );
      const reads = Array.from({ length: 30 }, () => prisma.product.count());
      const transaction = prisma.$transaction(async (tx) => {
        const team = await tx.team.create({ data: { name: 'tx team', municipality: 'Zeist', region: 'ZOU' } });
        return tx.team.findUniqueOrThrow({ where: { id: team.id } });
      });
      const [created, counts, team] = await Promise.all([Promise.all(writes), Promise.all(reads), transaction]);
      expect(created).toHaveLength(100);
      expect(new Set(counts)).toEqual(new Set([12]));
      expect(team.name).toBe('tx team');
      expect(await prisma.provider.count({ where: { name: { startsWith: 'concurrent provider' } } })).toBe(100);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('when the server restarts on the same data directory, then the data is still there', async () => {
    await pg.stop();
    pg = await startEmbeddedPostgres({ dataDir, port });
    const prisma = createPrisma(pg.url, 2);
    try {
      expect(await prisma.product.count()).toBe(12);
      expect(await prisma.provider.count({ where: { name: { startsWith: 'concurrent provider' } } })).toBe(100);
    } finally {
      await prisma.$disconnect();
    }
  });
});
