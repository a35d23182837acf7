import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { DATABASE_REFUSED, SEALED_VALUE_UNREADABLE } from '../../activities/fail-fast';
import { SecretBox } from '../../activities/sealing';
import { createPrisma } from '../../prisma/client';
import { zrmAssessmentsOf } from '../../prisma/records/zrm-assessments';
import { activitiesFor, testSecrets } from '../support/delivery';
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

  /** A no-show row as the workflow hands it to the database. */
  const noShowRow = (indicationId: string, occurredAt: string, consecutive: number) => ({
    indicationId,
    occurredAt,
    declarable: consecutive === 1,
    consecutive,
    recordedAt: '2026-11-03T09:00:00.000Z',
    recordedById: demoIds.providerUserA,
  });

  it('when recordAuditEvent is retried with the same key, then one event exists', async () => {
    const { recordAuditEvent } = activitiesFor(db.prisma);
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

  it('when updateTrajectoryRecord is retried with its audit events, then the record follows and each event is there once, in order', async () => {
    const { updateTrajectoryRecord } = activitiesFor(db.prisma);
    const event = (n: number) => ({
      idempotencyKey: `trajectory-${trajectoryId}:batch:${n}`,
      trajectoryId,
      actor: { type: 'WORKFLOW' as const, id: `trajectory-${trajectoryId}` },
      action: `BATCH_${n}`,
      data: { n },
    });
    const update = {
      trajectoryId,
      phase: 'INTAKE_HELD' as const,
      intakeHeldOn: '2026-11-02',
      nextDeadlineAt: '2026-12-07T23:00:00.000Z',
      nextDeadlineKind: 'INTAKE_OVERDUE',
      auditEvents: [event(1), event(2), event(3)],
    };
    const env = new MockActivityEnvironment();
    await env.run(updateTrajectoryRecord, update);
    await env.run(updateTrajectoryRecord, update);
    const events = await db.prisma.auditEvent.findMany({
      where: { idempotencyKey: { startsWith: `trajectory-${trajectoryId}:batch:` } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.action, e.data])).toEqual([1, 2, 3].map((n) => [`BATCH_${n}`, { n }]));
    const record = await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } });
    expect(record).toMatchObject({
      phase: 'INTAKE_HELD',
      intakeHeldOn: new Date('2026-11-02T00:00:00Z'),
      nextDeadlineAt: new Date(update.nextDeadlineAt),
      nextDeadlineKind: 'INTAKE_OVERDUE',
      nextReminderAt: null,
    });
  });

  it('when updateTrajectoryRecord is retried with a no-show, then its row is there once, as the workflow assessed it, like saveNoShow writes it', async () => {
    const { updateTrajectoryRecord, saveNoShow, saveIndication } = activitiesFor(db.prisma);
    const indicationId = String(
      await new MockActivityEnvironment().run(saveIndication, {
        trajectoryId: demoTrajectories[2].id,
        sequence: 1,
        productCode: '02B05',
        startDate: '2026-10-01',
        endDate: '2027-09-30',
        hoursPerWeek: 4,
        decidedAt: '2026-09-30T10:00:00.000Z',
        decidedById: demoIds.consultant,
        zrm: { HOUSING: 2 as const },
      }),
    );
    const folded = noShowRow(indicationId, '2026-11-02T08:30:00.000Z', 2);
    const update = { trajectoryId, phase: 'ACTIVE' as const, nextDeadlineAt: null, noShows: [folded] };
    const env = new MockActivityEnvironment();
    await env.run(updateTrajectoryRecord, update);
    await env.run(updateTrajectoryRecord, update);
    const alone = noShowRow(indicationId, '2026-11-01T08:30:00.000Z', 1);
    await env.run(saveNoShow, alone);
    await env.run(saveNoShow, alone);
    const rows = await db.prisma.noShow.findMany({
      where: { indicationId },
      orderBy: { occurredAt: 'asc' },
    });
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual(
      [alone, folded].map((n) => ({ ...n, occurredAt: new Date(n.occurredAt), recordedAt: new Date(n.recordedAt) })),
    );
  });

  it("when updateTrajectoryRecord is retried with the provider's intake task, then the task is there once, as openTask writes it", async () => {
    const { updateTrajectoryRecord } = activitiesFor(db.prisma);
    const trajectory = demoTrajectories[1].id;
    const task = {
      idempotencyKey: `trajectory-${trajectory}:HOLD_INTAKE`,
      trajectoryId: trajectory,
      kind: 'HOLD_INTAKE' as const,
      assigneeRole: 'PROVIDER' as const,
      providerId: demoIds.providerA,
      dueAt: '2026-12-21T23:00:00.000Z',
    };
    const update = { trajectoryId: trajectory, phase: 'REGISTERED' as const, nextDeadlineAt: null, tasks: [task] };
    const env = new MockActivityEnvironment();
    await env.run(updateTrajectoryRecord, update);
    await env.run(updateTrajectoryRecord, update);
    expect(await db.prisma.task.findMany({ where: { trajectoryId: trajectory } })).toEqual([
      expect.objectContaining({
        ...task,
        dueAt: new Date(task.dueAt),
        teamId: null,
        status: 'OPEN',
        createdAt: expect.any(Date),
      }),
    ]);
  });

  it('when markTrajectoryClosed is retried, then the first closure stays', async () => {
    const { markTrajectoryClosed } = activitiesFor(db.prisma);
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
    const { openTask, enqueueNotification } = activitiesFor(db.prisma);
    const trajectory = demoTrajectories[2].id;
    const env = new MockActivityEnvironment();
    const task = {
      idempotencyKey: `trajectory-${trajectory}:INTAKE_OVERDUE:0:2026-11-16T23:00:00.000Z`,
      trajectoryId: trajectory,
      kind: 'INTAKE_OVERDUE' as const,
      assigneeRole: 'CONSULTANT' as const,
      teamId: demoIds.teamDordrecht,
      dueAt: '2026-11-16T23:00:00.000Z',
    };
    const note = {
      idempotencyKey: `trajectory-${trajectory}:INTAKE_REMINDER:0:2026-11-13T23:00:00.000Z`,
      trajectoryId: trajectory,
      recipientRole: 'PROVIDER' as const,
      providerId: demoIds.providerA,
      kind: 'INTAKE_DUE_SOON' as const,
      payload: { trajectoryId: trajectory },
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await env.run(openTask, task);
      await env.run(enqueueNotification, note);
    }
    expect(await db.prisma.task.count({ where: { trajectoryId: trajectory } })).toBe(1);
    expect(await db.prisma.notification.findMany({ where: { trajectoryId: trajectory } })).toMatchObject([
      { kind: 'INTAKE_DUE_SOON', providerId: demoIds.providerA },
    ]);
  });

  it('when saveIndication is retried, then one indication with its ZRM scores exists and the same id comes back', async () => {
    const { saveIndication } = activitiesFor(db.prisma);
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
    const measured = await zrmAssessmentsOf(db.prisma, testSecrets, trajectory);
    expect(measured).toEqual([{ assessedOn: '2026-11-23', scores: { HOUSING: 2, FINANCES: 3 } }]);
    const results = () =>
      db.prisma.trajectory.findUniqueOrThrow({
        where: { id: trajectory },
        select: { zrmImproved: true, zrmStable: true, zrmDeclined: true },
      });
    await expect(results()).resolves.toEqual({ zrmImproved: 0, zrmStable: 0, zrmDeclined: 0 }); // one measurement

    // A next period's decision measures again: the trajectory's ZRM results (the KPIs add them) follow, once.
    const next = { ...input, sequence: 2, startDate: '2027-11-23', endDate: '2028-05-22', planned: true };
    for (let retry = 0; retry < 2; retry++)
      await env.run(saveIndication, {
        ...next,
        zrm: { HOUSING: 3 as const, FINANCES: 3 as const, JUSTICE: 4 as const },
      });
    await expect(results()).resolves.toEqual({ zrmImproved: 1, zrmStable: 1, zrmDeclined: 0 });
  });

  describe('a value the database refuses fails the activity at once, not after endless retries', () => {
    const declaration = (indicationId: string, directMinutes: number, digitalMinutes: number) => ({
      indicationId,
      month: '2026-10-01',
      directMinutes,
      indirectMinutes: 0,
      digitalMinutes,
      groupMinutes: 0,
      declaredAt: '2026-11-01T10:00:00.000Z',
      declaredById: demoIds.providerUserA,
      warnings: [],
    });

    it('when a row breaks a check constraint or names a missing row, then a non-retryable DatabaseRefused failure', async () => {
      const { saveHourDeclaration } = activitiesFor(db.prisma);
      const indication = await db.prisma.indication.findFirstOrThrow();
      const env = new MockActivityEnvironment();
      for (const bad of [
        declaration(indication.id, 60, 120), // digital time is part of direct time
        declaration('00000000-0000-4000-8000-00000000beef', 60, 0), // no such indication
      ]) {
        const failure = await env.run(saveHourDeclaration, bad).then(
          () => undefined,
          (error: unknown) => error as ApplicationFailure,
        );
        expect(failure).toBeInstanceOf(ApplicationFailure);
        expect(failure).toMatchObject({ type: DATABASE_REFUSED, nonRetryable: true });
      }
      expect(await db.prisma.hourDeclaration.count({ where: { month: new Date('2026-10-01') } })).toBe(0);
    });

    it('when the single-statement record update is refused (a phase that does not exist, an event of no trajectory, a no-show of no indication), then the same failure and nothing written', async () => {
      const { updateTrajectoryRecord } = activitiesFor(db.prisma);
      const before = await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } });
      const stray = {
        idempotencyKey: `trajectory-${trajectoryId}:stray`,
        trajectoryId: '00000000-0000-4000-8000-00000000beef',
        actor: { type: 'WORKFLOW' as const, id: `trajectory-${trajectoryId}` },
        action: 'STRAY',
        data: {},
      };
      const base = { trajectoryId, phase: 'ACTIVE' as const, nextDeadlineAt: null };
      const strayNoShow = noShowRow('00000000-0000-4000-8000-00000000beef', '2026-11-02T08:30:00.000Z', 1);
      for (const bad of [
        { ...base, phase: 'NOT_A_PHASE' as 'ACTIVE' },
        { ...base, auditEvents: [stray] },
        { ...base, noShows: [strayNoShow] },
      ]) {
        const failure = await new MockActivityEnvironment().run(updateTrajectoryRecord, bad).then(
          () => undefined,
          (error: unknown) => error as ApplicationFailure,
        );
        expect(failure).toMatchObject({ type: DATABASE_REFUSED, nonRetryable: true });
      }
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toEqual(before);
      expect(await db.prisma.auditEvent.count({ where: { action: 'STRAY' } })).toBe(0);
      expect(await db.prisma.noShow.count({ where: { indicationId: strayNoShow.indicationId } })).toBe(0);
    });

    it('when a measurement was sealed under a key the worker does not have, then a decision that must read it fails at once (SealedValueUnreadable) and writes nothing', async () => {
      const client = await db.prisma.client.create({ data: {} });
      const { id: trajectory } = await db.prisma.trajectory.create({
        data: {
          clientId: client.id,
          providerId: demoIds.providerA,
          teamId: demoIds.teamZeist,
          registeredAt: new Date(),
        },
      });
      const strangers = new SecretBox([{ id: 'elsewhere', key: randomBytes(32) }]);
      const decision = {
        trajectoryId: trajectory,
        sequence: 1,
        productCode: '02B05',
        startDate: '2026-11-23',
        endDate: '2027-05-22',
        hoursPerWeek: 3,
        decidedAt: '2026-11-22T10:00:00.000Z',
        decidedById: demoIds.consultant,
        zrm: { HOUSING: 2 as const },
      };
      await new MockActivityEnvironment().run(activitiesFor(db.prisma, strangers).saveIndication, decision);
      const failure = await new MockActivityEnvironment()
        .run(activitiesFor(db.prisma).saveIndication, {
          ...decision,
          sequence: 2,
          startDate: '2027-05-23',
          endDate: '2027-11-22',
        })
        .then(
          () => undefined,
          (error: unknown) => error as ApplicationFailure,
        );
      expect(failure).toMatchObject({
        type: SEALED_VALUE_UNREADABLE,
        nonRetryable: true,
        message: 'The value was sealed with key "elsewhere", which is not configured',
      });
      expect(await db.prisma.indication.count({ where: { trajectoryId: trajectory } })).toBe(1);
    });

    it('when the database cannot be reached, then the error stays retryable', async () => {
      const unreachable = createPrisma('postgresql://nobody:x@127.0.0.1:1/none', 1);
      const { saveHourDeclaration } = activitiesFor(unreachable);
      const failure = await new MockActivityEnvironment()
        .run(saveHourDeclaration, declaration(demoIds.providerA, 60, 0))
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      await unreachable.$disconnect();
      expect(failure).toBeDefined();
      expect(failure).not.toBeInstanceOf(ApplicationFailure);
    });
  });
});
