import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { seedDemo, seedCatalogue } from '../../prisma/seed/index';
import { demoIds, demoTrajectories } from '../../prisma/seed/demo';
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

  it('when openTask and enqueueNotification are retried with the same key, then one task and one outbox row exist', async () => {
    const { openTask, enqueueNotification } = createActivities({ prisma: db.prisma });
    const trajectory = demoTrajectories[2].id;
    const env = new MockActivityEnvironment();
    const task = {
      idempotencyKey: `trajectory-${trajectory}:INTAKE_OVERDUE:0:2026-11-16T23:00:00.000Z`,
      trajectoryId: trajectory,
      kind: 'INTAKE_OVERDUE',
      assigneeRole: 'CONSULTANT' as const,
      teamId: demoIds.teamDordrecht,
      dueAt: '2026-11-16T23:00:00.000Z',
    };
    const note = {
      idempotencyKey: `trajectory-${trajectory}:INTAKE_REMINDER:0:2026-11-13T23:00:00.000Z`,
      trajectoryId: trajectory,
      recipientRole: 'PROVIDER' as const,
      providerId: demoIds.providerA,
      kind: 'INTAKE_DUE_SOON',
      payload: { trajectoryId: trajectory },
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await env.run(openTask, task);
      await env.run(enqueueNotification, note);
    }
    expect(await db.prisma.task.count({ where: { trajectoryId: trajectory } })).toBe(1);
    expect(await db.prisma.notification.findMany({ where: { trajectoryId: trajectory } })).toMatchObject([
      { kind: 'INTAKE_DUE_SOON', state: 'PENDING', attempts: 0, channel: 'EMAIL' },
    ]);
  });

  it('when saveIndication is retried, then one indication with its ZRM scores exists and the same id comes back', async () => {
    const { saveIndication } = createActivities({ prisma: db.prisma });
    const trajectory = demoTrajectories[0].id;
    const input = {
      trajectoryId: trajectory,
      sequence: 1,
      productCode: '02B05',
      startDate: '2026-11-23',
      endDate: '2027-11-22',
      hoursPerWeek: 4,
      decidedAt: '2026-11-22T10:00:00.000Z',
      decidedById: demoIds.consultant,
      zrm: { HOUSING: 2 as const, FINANCES: 3 as const },
    };
    const env = new MockActivityEnvironment();
    const first = String(await env.run(saveIndication, input));
    const second = await env.run(saveIndication, input);
    expect(second).toBe(first);
    expect(await db.prisma.indication.count({ where: { trajectoryId: trajectory } })).toBe(1);
    expect(await db.prisma.zrmScore.count({ where: { assessment: { indicationId: first } } })).toBe(2);
  });
});
