import { Client, Connection } from '@temporalio/client';
import { demoIds, demoTrajectories } from '../../prisma/seed/demo';
import { seedCatalogue, seedDemo } from '../../prisma/seed/index';
import { toDateColumn as day } from '../../prisma/records/dates';
import { sealPlainHealthData } from '../../prisma/records/health-sealing';
import { requestReportsOf } from '../../prisma/records/request-reports';
import { supportPlanOf } from '../../prisma/records/support-plan';
import { zrmAssessmentsOf } from '../../prisma/records/zrm-assessments';
import { serveApi } from '../../scripts/api-server';
import { Shutdown } from '../../scripts/lifecycle';
import { freePort } from '../../scripts/ports';
import { testSecrets } from '../support/delivery';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { capturingLogger } from '../support/logs';

/** What an older version stored in plain text is sealed when the API starts: webhook secrets (before stop 21), health data (before stop 32). */
describe('start-up: values stored in plain text', () => {
  let db: TestDatabase;
  const plain = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  const other = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCatalogue(db.prisma);
    await seedDemo(db.prisma, new Date());
  });
  afterAll(() => db?.drop());

  /** The API as run-api and npm start serve it (Temporal is not needed to start: the connection is lazy). */
  async function startAndStopApi(): Promise<void> {
    const shutdown = new Shutdown(5_000, () => undefined);
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    shutdown.add('connection', () => connection.close());
    await serveApi(
      shutdown,
      {
        prisma: db.prisma,
        temporal: new Client({ connection }),
        temporalProbe: connection,
        taskQueue: 'sealing',
        jwtSecret: 'a start-up test secret, at least 32 characters',
        secrets: testSecrets,
        logger: capturingLogger().logger,
      },
      '127.0.0.1',
      0,
    );
    await shutdown.run();
  }
  const stored = async (providerId: string) =>
    (await db.prisma.provider.findUniqueOrThrow({ where: { id: providerId } })).webhookSecret;
  const sealings = () => db.prisma.auditEvent.findMany({ where: { action: 'PROVIDER_WEBHOOK_SECRET_SEALED' } });

  it('when the API starts, then a plain secret is sealed (audited) and still signs the same, a sealed one is left as it is, and a second start changes nothing', async () => {
    const alreadySealed = testSecrets.seal(other);
    const webhookUrl = 'https://hooks.example/wmo';
    await db.prisma.provider.update({ where: { id: demoIds.providerA }, data: { webhookUrl, webhookSecret: plain } });
    await db.prisma.provider.update({
      where: { id: demoIds.providerB },
      data: { webhookUrl, webhookSecret: alreadySealed },
    });

    await startAndStopApi();
    const sealed = await stored(demoIds.providerA);
    expect(sealed).toMatch(/^sealed:test:/);
    expect(sealed).not.toContain(plain.slice(6, 20));
    expect(testSecrets.open(sealed!)).toBe(plain);
    expect(await stored(demoIds.providerB)).toBe(alreadySealed);
    expect(await sealings()).toEqual([
      expect.objectContaining({ actorType: 'SYSTEM', data: { providerId: demoIds.providerA } }),
    ]);

    await startAndStopApi();
    expect(await stored(demoIds.providerA)).toBe(sealed);
    expect(await sealings()).toHaveLength(1);
  });

  /** A measurement and a support plan as versions before stop 32 wrote them: plain score rows, a plain result. */
  async function plainHealthData(trajectoryId: string, sequence: number) {
    const indication = await db.prisma.indication.create({
      data: {
        trajectoryId,
        sequence,
        productCode: '02B05',
        startDate: day('2026-10-01'),
        endDate: day('2027-03-31'),
        volumeUnit: 'HOURS_PER_WEEK',
        hoursPerWeek: 3,
        decidedAt: new Date('2026-09-30T10:00:00Z'),
      },
    });
    for (const [assessedOn, scores] of [
      ['2026-10-01', { FINANCES: 2, HOUSING: 3 }],
      ['2026-11-02', { FINANCES: 3, HOUSING: 3 }],
    ] as const)
      await db.prisma.zrmAssessment.create({
        data: {
          trajectoryId,
          indicationId: indication.id,
          assessedOn: day(assessedOn),
          scores: { create: Object.entries(scores).map(([domain, score]) => ({ domain: domain as 'HOUSING', score })) },
        },
      });
    await db.prisma.supportPlan.create({
      data: {
        trajectoryId,
        indicationId: indication.id,
        agreedOn: day('2026-10-05'),
        recordedById: demoIds.providerUserA,
        goals: { create: [{ domain: 'FINANCES', expected: 'INCREASE', result: 'Rekeningen op tijd betalen.' }] },
      },
    });
    await db.prisma.requestReport.create({
      data: {
        kind: 'EXTENSION',
        trajectoryId,
        authorId: demoIds.providerUserA,
        goalsReached: 'Dagritme staat.',
        stillNeeded: 'Hulp bij de post.',
        intendedOutflow: 'Over een half jaar.',
      },
    });
    await db.prisma.task.create({
      data: {
        idempotencyKey: `plain-${trajectoryId}`,
        trajectoryId,
        kind: 'RISK_ANALYSIS',
        assigneeRole: 'CONSULTANT',
        teamId: demoIds.teamZeist,
        dueAt: new Date('2026-11-01T23:00:00Z'),
        status: 'DONE',
        completedAt: new Date('2026-11-02T10:00:00Z'),
        completedById: demoIds.consultant,
        outcome: 'Met de wijkagent besproken.',
      },
    });
    await db.prisma.correction.create({
      data: { kind: 'INTAKE', trajectoryId, reason: 'Verkeerde dag ingevuld.', authorId: demoIds.providerUserA },
    });
  }
  const readBack = (trajectoryId: string) =>
    Promise.all([
      zrmAssessmentsOf(db.prisma, testSecrets, trajectoryId),
      supportPlanOf(db.prisma, testSecrets, trajectoryId),
      requestReportsOf(db.prisma, testSecrets, trajectoryId),
    ]);
  const inPlain = async (trajectoryId: string) => ({
    scoreRows: await db.prisma.zrmScore.count({ where: { assessment: { trajectoryId } } }),
    unsealed: await db.prisma.zrmAssessment.count({ where: { trajectoryId, sealedScores: null } }),
    results: (await db.prisma.supportPlanGoal.findMany({ where: { plan: { trajectoryId } } })).map((g) => g.result),
    reports: await db.prisma.requestReport.findMany({
      where: { trajectoryId },
      select: { goalsReached: true, stillNeeded: true, intendedOutflow: true },
    }),
    notes: [
      ...(await db.prisma.task.findMany({ where: { trajectoryId }, select: { outcome: true } })).map((t) => t.outcome),
      ...(await db.prisma.correction.findMany({ where: { trajectoryId }, select: { reason: true } })).map(
        (c) => c.reason,
      ),
    ],
  });
  const healthSealings = () => db.prisma.auditEvent.findMany({ where: { action: 'HEALTH_DATA_SEALED' } });

  it('when the API starts, then plain ZRM scores, plan results, request reports, task outcomes and correction reasons are sealed (the plain rows gone), read back the same, audited once by their counts; a second start changes nothing', async () => {
    const trajectoryId = demoTrajectories[0].id;
    await plainHealthData(trajectoryId, 1);
    const before = await readBack(trajectoryId);
    expect(before[0]).toEqual([
      { assessedOn: '2026-10-01', scores: { FINANCES: 2, HOUSING: 3 } },
      { assessedOn: '2026-11-02', scores: { FINANCES: 3, HOUSING: 3 } },
    ]);

    await startAndStopApi();
    expect(await readBack(trajectoryId)).toEqual(before);
    const stored = await inPlain(trajectoryId);
    const sealed = expect.stringMatching(/^sealed:test:/);
    expect(stored).toEqual({
      scoreRows: 0,
      unsealed: 0,
      results: [sealed],
      reports: [{ goalsReached: sealed, stillNeeded: sealed, intendedOutflow: sealed }],
      notes: [sealed, sealed],
    });
    expect(stored.notes.map((n) => testSecrets.open(n ?? ''))).toEqual([
      'Met de wijkagent besproken.',
      'Verkeerde dag ingevuld.',
    ]);
    expect(await healthSealings()).toEqual([
      expect.objectContaining({
        actorType: 'SYSTEM',
        data: { measurements: 2, goals: 1, reports: 1, outcomes: 1, reasons: 1 },
      }),
    ]);

    await startAndStopApi();
    expect(await inPlain(trajectoryId)).toEqual(stored);
    expect(await healthSealings()).toHaveLength(1);
  });

  it('when two APIs start at once, then every plain measurement is sealed once between them and reads back the same', async () => {
    const trajectoryIds = demoTrajectories.slice(1, 4).map((t) => t.id);
    for (const id of trajectoryIds) await plainHealthData(id, 1);
    const before = await Promise.all(trajectoryIds.map(readBack));

    const [a, b] = await Promise.all([
      sealPlainHealthData(db.prisma, testSecrets),
      sealPlainHealthData(db.prisma, testSecrets),
    ]);
    expect(a.measurements + b.measurements).toBe(2 * trajectoryIds.length);
    expect(a.goals + b.goals).toBe(trajectoryIds.length);
    expect(a.reports + b.reports).toBe(trajectoryIds.length);
    expect(a.outcomes + b.outcomes).toBe(trajectoryIds.length);
    expect(a.reasons + b.reasons).toBe(trajectoryIds.length);
    expect(await Promise.all(trajectoryIds.map(readBack))).toEqual(before);
    for (const id of trajectoryIds) expect(await inPlain(id)).toMatchObject({ scoreRows: 0, unsealed: 0 });
  });
});
