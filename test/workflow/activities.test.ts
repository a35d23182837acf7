import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { seedDemo, seedCatalogue } from '../../prisma/seed/index';
import { demoTrajectories } from '../../prisma/seed/demo';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('activities are idempotent', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCatalogue(db.prisma);
    await seedDemo(db.prisma, new Date());
  });
  afterAll(() => db?.drop());

  const trajectoryId = demoTrajectories[1].id;

  it('when recordAuditEvent is retried with the same key, then one event exists', async () => {
    const { recordAuditEvent } = createActivities({ prisma: db.prisma });
    const event = {
      idempotencyKey: `trajectory-${trajectoryId}:probe`,
      trajectoryId,
      actor: { type: 'WORKFLOW' as const, id: `trajectory-${trajectoryId}` },
      action: 'PROBE',
      data: {},
    };
    const env = new MockActivityEnvironment();
    await env.run(recordAuditEvent, event);
    await env.run(recordAuditEvent, event);
    expect(await db.prisma.auditEvent.count({ where: { idempotencyKey: event.idempotencyKey } })).toBe(1);
  });

  it('when markTrajectoryClosed is retried, then the first closure stays', async () => {
    const { markTrajectoryClosed } = createActivities({ prisma: db.prisma });
    const env = new MockActivityEnvironment();
    await env.run(markTrajectoryClosed, {
      trajectoryId,
      closedAt: '2026-11-20T10:00:00.000Z',
      reason: 'PER_PLAN' as const,
    });
    await env.run(markTrajectoryClosed, {
      trajectoryId,
      closedAt: '2026-11-21T10:00:00.000Z',
      reason: 'MOVED' as const,
    });
    const row = await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } });
    expect(row).toMatchObject({
      phase: 'CLOSED',
      closureReason: 'PER_PLAN',
      closedAt: new Date('2026-11-20T10:00:00.000Z'),
    });
  });
});
