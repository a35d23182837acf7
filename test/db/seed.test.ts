import { demoIds } from '../../prisma/seed/demo';
import { seedCatalogue, seedDemo, seedDemoColleagues } from '../../prisma/seed/index';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Every product of ../shared/DOMAIN.md, written out here so a product dropped from the seed fails.
const domainProducts = [
  'IB0',
  'IB1',
  'IB2',
  'IB3',
  'OPSLAG1',
  'OPSLAG2',
  'OPSLAG3',
  'IB-MO',
  'IB4-MO',
  '02B03',
  '02B04',
  '02B05',
];

describe('seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCatalogue(db.prisma);
  });
  afterAll(() => db?.drop());

  it('when the catalogue is seeded, then every product of DOMAIN.md is there', async () => {
    const codes = (await db.prisma.product.findMany({ select: { code: true } })).map((p) => p.code);
    expect(codes.sort()).toEqual([...domainProducts].sort());
  });

  it('when the catalogue is seeded, then the product rules of the seeds are data', async () => {
    const byCode = Object.fromEntries((await db.prisma.product.findMany()).map((p) => [p.code, p]));
    expect(byCode['02B03']).toMatchObject({
      minDurationMonths: 1,
      maxDurationMonths: 12,
      noShowPolicy: 'NOT_DECLARABLE',
    });
    expect(byCode['02B04']).toMatchObject({
      maxDurationMonths: 12,
      interimEvaluationMonths: 6,
      noShowPolicy: 'ALWAYS_DECLARABLE',
    });
    expect(byCode['02B05']).toMatchObject({
      maxDurationMonths: 12,
      extendable: true,
      noShowPolicy: 'CAPPED_PER_ALLOCATION',
      noShowCap: 6,
    });
    expect(byCode['IB4-MO']).toMatchObject({ maxDurationMonths: 12, extendable: false, clientAgeBelow: 27 });
    // Seed 004: "uitsluitend indien" six conditions hold; no other product names any.
    expect(byCode['IB4-MO']?.conditions).toHaveLength(6);
    expect(
      Object.values(byCode)
        .filter((p) => p.conditions.length)
        .map((p) => p.code),
    ).toEqual(['IB4-MO']);
    expect(byCode['IB0']).toMatchObject({ requiresStableZrm: true });
    expect(byCode['IB2']).toMatchObject({ alwaysFinite: true });
    expect(byCode['OPSLAG3']).toMatchObject({ surchargeFor: ['IB3'] });
  });

  it('when the catalogue is seeded, then the 2016 tariffs of seed 001 are rows with their validity', async () => {
    const tariffs = await db.prisma.tariff.findMany({ orderBy: { productCode: 'asc' } });
    expect(
      tariffs.map((t) => [
        t.productCode,
        t.amountCents,
        t.unit,
        t.validFrom.toISOString().slice(0, 10),
        t.validTo?.toISOString().slice(0, 10),
      ]),
    ).toEqual([
      ['IB1', 31924, 'PER_CLIENT_PER_4_WEEKS', '2016-01-01', '2016-12-31'],
      ['IB2', 69221, 'PER_CLIENT_PER_4_WEEKS', '2016-01-01', '2016-12-31'],
      ['IB3', 106361, 'PER_CLIENT_PER_4_WEEKS', '2016-01-01', '2016-12-31'],
      ['OPSLAG1', 9001, 'PER_CLIENT_PER_4_WEEKS', '2016-01-01', '2016-12-31'],
      ['OPSLAG2', 19517, 'PER_CLIENT_PER_4_WEEKS', '2016-01-01', '2016-12-31'],
      ['OPSLAG3', 29989, 'PER_CLIENT_PER_4_WEEKS', '2016-01-01', '2016-12-31'],
    ]);
  });

  it('when catalogue and demo are loaded twice, then nothing is duplicated', async () => {
    const at = new Date('2026-11-02T09:00:00Z');
    await seedDemo(db.prisma, at);
    const count = () =>
      Promise.all([
        db.prisma.product.count(),
        db.prisma.tariff.count(),
        db.prisma.trajectory.count(),
        db.prisma.user.count(),
        db.prisma.clientIdentity.count(),
      ]);
    const first = await count();
    await seedCatalogue(db.prisma);
    await seedDemo(db.prisma, at);
    expect(await count()).toEqual(first);
    expect(first).toEqual([12, 6, 3, 5, 3]);
    // Demo trajectories carry their intake deadline like registered ones (14 days, end of day).
    expect(await db.prisma.trajectory.count({ where: { intakeDueAt: null } })).toBe(0);
  });

  it('when the demo colleagues are loaded (twice), then the Zeist team and provider A each have two people to give a task to', async () => {
    await seedDemo(db.prisma, new Date('2026-11-02T09:00:00Z'));
    await seedDemoColleagues(db.prisma);
    await seedDemoColleagues(db.prisma);
    const people = (where: { teamId?: string; providerId?: string }) =>
      db.prisma.user.findMany({ where, orderBy: { displayName: 'asc' }, select: { displayName: true } });
    await expect(people({ teamId: demoIds.teamZeist })).resolves.toEqual([
      { displayName: 'Demo collega Zeist' },
      { displayName: 'Demo consulent' },
    ]);
    await expect(people({ providerId: demoIds.providerA })).resolves.toEqual([
      { displayName: 'Demo begeleider A' },
      { displayName: 'Demo collega A' },
    ]);
  });
});
