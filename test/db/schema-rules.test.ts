import { randomUUID } from 'node:crypto';
import { closureReasons } from '../../domain/closure-reasons';
import { operationsAlertKinds } from '../../domain/operations-alerts';
import { AccessKind, ClosureReason, NoShowPolicy, TrajectoryPhase, ZrmDomain } from '../../prisma/client';
import { accessKinds } from '../../domain/client-access';
import { trajectoryPhases } from '../../domain/lifecycle';
import { zrmDomains } from '../../domain/zrm';
import type { NoShowPolicy as NoShowPolicyInDomain } from '../../domain/no-shows';
import { seedCatalogue, seedDemo } from '../../prisma/seed/index';
import { demoIds, demoTrajectories } from '../../prisma/seed/demo';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('rules the database enforces itself', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCatalogue(db.prisma);
    await seedDemo(db.prisma, new Date('2026-11-02T09:00:00Z'));
  });
  afterAll(() => db?.drop());

  const trajectoryId = demoTrajectories[0].id;

  it('when an audit event is updated or deleted, then the database refuses and the row stays', async () => {
    const event = await db.prisma.auditEvent.create({
      data: { trajectoryId, actorType: 'SYSTEM', action: 'PROBE', data: { n: 1 } },
    });
    await expect(
      db.prisma.auditEvent.update({ where: { id: event.id }, data: { action: 'REWRITTEN' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEvent.findUnique({ where: { id: event.id } })).toMatchObject({ action: 'PROBE' });
  });

  it('when a line of the access log is updated or deleted, then the database refuses and the line stays', async () => {
    const { clientId } = await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } });
    const seen = await db.prisma.clientAccess.create({
      data: { clientId, trajectoryId, userId: demoIds.consultant, role: 'CONSULTANT', kind: 'TRAJECTORY_VIEWED' },
    });
    await expect(
      db.prisma.clientAccess.update({ where: { id: seen.id }, data: { userId: demoIds.operations } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.clientAccess.deleteMany({ where: { clientId } })).rejects.toThrow(/append-only/);
    expect(await db.prisma.clientAccess.findUnique({ where: { id: seen.id } })).toMatchObject({
      userId: demoIds.consultant,
    });
  });

  it('when two outbox rows share an idempotency key, then the second is refused', async () => {
    const row = {
      idempotencyKey: `probe-${randomUUID()}`,
      recipientRole: 'PROVIDER' as const,
      providerId: demoIds.providerA,
      kind: 'PROBE',
      payload: { trajectoryId },
    };
    await db.prisma.notification.create({ data: row });
    await expect(db.prisma.notification.create({ data: row })).rejects.toThrow(/Unique constraint/);
    expect(await db.prisma.notification.count({ where: { idempotencyKey: row.idempotencyKey } })).toBe(1);
  });

  it.each([
    ['a ZRM score of 6', () => zrmScore(6)],
    ['a ZRM score of 0', () => zrmScore(0)],
    ['digital minutes above direct minutes', () => declaration({ directMinutes: 60, digitalMinutes: 61 })],
    ['negative group contact minutes', () => declaration({ groupMinutes: -1 })],
    ['a declaration month that is not the first day', () => declaration({ month: new Date('2026-11-15T00:00:00Z') })],
    [
      'an indication that ends before it starts',
      () => indication({ startDate: day('2026-12-01'), endDate: day('2026-11-30') }),
    ],
    ['an hourly indication without hours', () => indication({ hoursPerWeek: null })],
    [
      'a consultant without a team',
      () =>
        db.prisma.user.create({ data: { email: `${randomUUID()}@x.example`, displayName: 'x', role: 'CONSULTANT' } }),
    ],
  ])('when writing %s, then a check constraint refuses it', async (_name, write) => {
    await expect(write()).rejects.toThrow(/check constraint|violates/i);
  });

  it('when the domain lists closure reasons, ZRM domains and no-show policies, then the database enums match', () => {
    expect([...closureReasons].sort()).toEqual(Object.values(ClosureReason).sort());
    expect([...zrmDomains].sort()).toEqual(Object.values(ZrmDomain).sort());
    expect([...trajectoryPhases].sort()).toEqual(Object.values(TrajectoryPhase).sort());
    expect([...accessKinds].sort()).toEqual(Object.values(AccessKind).sort());
    const policies: Record<NoShowPolicyInDomain, true> = {
      NOT_DECLARABLE: true,
      ALWAYS_DECLARABLE: true,
      CAPPED_PER_ALLOCATION: true,
      NOT_APPLICABLE: true,
    };
    expect(Object.keys(policies).sort()).toEqual(Object.values(NoShowPolicy).sort());
  });

  it('when the domain lists operations alert kinds, then the check constraint allows exactly those', async () => {
    const [row] = await db.prisma.$queryRaw<{ definition: string }[]>`
      SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'OperationsAlert_kind_check'`;
    const allowed = [...row!.definition.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect(allowed.sort()).toEqual([...operationsAlertKinds].sort());
  });

  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  async function indication(overrides: Record<string, unknown> = {}) {
    return db.prisma.indication.create({
      data: {
        trajectoryId,
        sequence: Math.floor(Math.random() * 1e6) + 1,
        productCode: '02B05',
        startDate: day('2026-11-01'),
        endDate: day('2027-10-31'),
        volumeUnit: 'HOURS_PER_WEEK',
        hoursPerWeek: 4,
        decidedAt: new Date(),
        ...overrides,
      },
    });
  }

  async function declaration(overrides: Record<string, unknown>) {
    const { id } = await indication();
    return db.prisma.hourDeclaration.create({
      data: {
        indicationId: id,
        month: day('2026-11-01'),
        directMinutes: 600,
        indirectMinutes: 120,
        digitalMinutes: 60,
        declaredAt: new Date(),
        ...overrides,
      },
    });
  }

  async function zrmScore(score: number) {
    const assessment = await db.prisma.zrmAssessment.create({ data: { trajectoryId, assessedOn: day('2026-11-02') } });
    return db.prisma.zrmScore.create({ data: { assessmentId: assessment.id, domain: 'HOUSING', score } });
  }
});
