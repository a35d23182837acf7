import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { addDays, addMonths, dateOf, firstOfMonth } from '../../domain/calendar';
import { extensionRequestDueAt, intakeDueAt, lastAllowedDay, supportPlanReviewDueAt } from '../../domain/deadlines';
import { zrmDomains } from '../../domain/zrm';
import { seedCatalogue, seedDemo } from '../../prisma/seed/index';
import { demoIds } from '../../prisma/seed/demo';
import { createWorker } from '../../scripts/worker';
import {
  changeEndDate,
  changeProduct,
  close,
  decideExtension,
  decideIndication,
  declareHours,
  getState,
  recordEndEvaluation,
  recordIntake,
  recordNoShow,
  requestExtension,
  trajectoryWorkflowId,
} from '../../workflows/trajectory/contracts';
import { trajectoryWorkflow } from '../../workflows/trajectory/workflow';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { bundleWorkflows, startTimeSkippingTemporal } from '../support/temporal';

// Months-long lifecycles on Temporal's time-skipping test server: env.sleep('15 days') fires the
// real durable timers in order, in well under a second.
describe('trajectory lifecycle workflow', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let bundle: WorkflowBundle;
  const consultant = demoIds.consultant;
  const provider = demoIds.providerUserA;

  beforeAll(async () => {
    [env, db, bundle] = await Promise.all([startTimeSkippingTemporal(), createTestDatabase(), bundleWorkflows()]);
    await seedCatalogue(db.prisma);
    await seedDemo(db.prisma, new Date());
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.drop();
  });

  const now = async () => new Date(Number(await env.currentTimeMs()));

  async function newWorker(taskQueue: string, maxCachedWorkflows?: number) {
    return createWorker({
      maxCachedWorkflows,
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      prisma: db.prisma,
      workflowBundle: bundle,
    });
  }

  /** Runs `body` while a fresh worker polls a task queue of its own (one worker per test). */
  async function withWorker<T>(body: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `q-${randomUUID()}`;
    const worker = await newWorker(taskQueue);
    return worker.runUntil(body(taskQueue));
  }

  /** A trajectory of its own, registered now (server time), with its workflow started on `taskQueue`. */
  async function startTrajectory(taskQueue: string) {
    const registeredAt = await now();
    const client = await db.prisma.client.create({ data: {} });
    const { id: trajectoryId } = await db.prisma.trajectory.create({
      data: { clientId: client.id, providerId: demoIds.providerA, teamId: demoIds.teamZeist, registeredAt },
    });
    const handle = await env.client.workflow.start(trajectoryWorkflow, {
      workflowId: trajectoryWorkflowId(trajectoryId),
      taskQueue,
      args: [
        {
          trajectoryId,
          providerId: demoIds.providerA,
          teamId: demoIds.teamZeist,
          registeredAt: registeredAt.toISOString(),
        },
      ],
    });
    return { trajectoryId, registeredAt, handle };
  }

  const notifications = (trajectoryId: string) =>
    db.prisma.notification.findMany({ where: { trajectoryId }, orderBy: { createdAt: 'asc' } });
  const tasks = (trajectoryId: string) =>
    db.prisma.task.findMany({ where: { trajectoryId }, orderBy: { createdAt: 'asc' } });
  const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));

  async function intakeAndDecide(
    handle: WorkflowHandle<typeof trajectoryWorkflow>,
    productCode: string,
    startDate: string,
    endDate: string,
    hoursPerWeek: number | null = 4,
  ) {
    await handle.executeUpdate(recordIntake, { args: [{ heldOn: startDate, actorId: provider }] });
    return handle.executeUpdate(decideIndication, {
      args: [{ productCode, startDate, endDate, hoursPerWeek, zrm: stable, actorId: consultant }],
    });
  }

  it('when nobody records the intake, then the provider is reminded and the consultant gets an escalation task', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const due = intakeDueAt(registeredAt).toISOString();
      expect(
        (await handle.query(getState)).pendingDeadlines.map((d) => [
          d.kind,
          d.kind === 'INTAKE_OVERDUE' ? d.dueAt : '-',
        ]),
      ).toEqual([
        ['INTAKE_REMINDER', '-'],
        ['INTAKE_OVERDUE', due],
      ]);

      await env.sleep('16 days');
      const sent = await eventually(
        () => notifications(trajectoryId),
        (rows) => rows.length === 1,
      );
      expect(sent).toMatchObject([
        {
          kind: 'INTAKE_DUE_SOON',
          recipientRole: 'PROVIDER',
          providerId: demoIds.providerA,
          payload: { trajectoryId, dueAt: due },
        },
      ]);
      const opened = await eventually(
        () => tasks(trajectoryId),
        (rows) => rows.length === 1,
      );
      expect(opened).toMatchObject([
        {
          kind: 'INTAKE_OVERDUE',
          assigneeRole: 'CONSULTANT',
          teamId: demoIds.teamZeist,
          status: 'OPEN',
          dueAt: new Date(due),
        },
      ]);
      expect((await handle.query(getState)).pendingDeadlines).toEqual([]);
      await handle.terminate('done');
    });
  });

  it('when the intake is recorded in time, then no reminder or escalation fires afterwards', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      await env.sleep('2 days');
      const view = await handle.executeUpdate(recordIntake, {
        args: [{ heldOn: dateOf(registeredAt), actorId: provider }],
      });
      expect(view).toMatchObject({ phase: 'INTAKE_HELD', pendingDeadlines: [] });
      await env.sleep('20 days');
      expect((await handle.query(getState)).phase).toBe('INTAKE_HELD'); // the workflow ran past the old deadlines
      expect(await notifications(trajectoryId)).toEqual([]);
      expect(await tasks(trajectoryId)).toEqual([]);
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'INTAKE_HELD',
      });
      await handle.terminate('done');
    });
  });

  it('when a decision breaks a product rule or comes before the intake, then it is refused with the rule named and nothing is stored', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      const decision = (endDate: string) =>
        handle.executeUpdate(decideIndication, {
          args: [{ productCode: '02B03', startDate: start, endDate, hoursPerWeek: 4, zrm: {}, actorId: consultant }],
        });
      await expect(decision(addMonths(start, 3))).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });

      await handle.executeUpdate(recordIntake, { args: [{ heldOn: start, actorId: provider }] });
      const tooLong = decision(addMonths(start, 12)); // one day past 12 months
      await expect(tooLong).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(tooLong).rejects.toMatchObject({
        cause: { type: 'IndicationRuleViolated', message: expect.stringContaining('02B03.MAX_DURATION') },
      });
      expect(await db.prisma.indication.count({ where: { trajectoryId } })).toBe(0);
      expect((await handle.query(getState)).phase).toBe('INTAKE_HELD');
      await handle.terminate('done');
    });
  });

  it('when an extension is requested and granted, then a new period starts at the boundary with every timer recomputed', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      const end = addDays(addMonths(start, 3), -1);
      const decided = await intakeAndDecide(handle, '02B05', start, end);
      expect(decided.pendingDeadlines.map((d) => d.kind)).toEqual(['EXTENSION_REQUEST_DUE', 'ALLOCATION_END']);
      expect(decided.pendingDeadlines[0]!.dueAt).toBe(extensionRequestDueAt(end).toISOString());

      await env.sleep('40 days'); // past the extension window (8 weeks before the end of a 3-month allocation)
      await eventually(
        () => notifications(trajectoryId),
        (rows) => rows.some((n) => n.kind === 'EXTENSION_REQUEST_DUE'),
      );

      await handle.executeUpdate(requestExtension, { args: [{ reportId: 'report-1', actorId: provider }] });
      expect(await tasks(trajectoryId)).toMatchObject([
        { kind: 'DECIDE_EXTENSION', assigneeRole: 'CONSULTANT', status: 'OPEN' },
      ]);
      const newEnd = addDays(addMonths(addDays(end, 1), 6), -1);
      await handle.executeUpdate(decideExtension, {
        args: [{ granted: true, newEndDate: newEnd, actorId: consultant }],
      });
      expect(await tasks(trajectoryId)).toMatchObject([{ kind: 'DECIDE_EXTENSION', status: 'DONE' }]);

      const firstRun = (await handle.describe()).runId;
      await env.sleep('60 days'); // past the first end date: continue-as-new into period 2
      const period2 = await eventually(
        () => handle.query(getState),
        (v) => v.indication?.sequence === 2,
      );
      expect(period2.indication).toMatchObject({ startDate: addDays(end, 1), endDate: newEnd });
      expect(period2.pendingDeadlines.map((d) => [d.kind, d.dueAt])).toEqual([
        ['EXTENSION_REQUEST_DUE', extensionRequestDueAt(newEnd).toISOString()],
        ['ALLOCATION_END', expect.any(String)],
      ]);
      expect((await env.client.workflow.getHandle(handle.workflowId).describe()).runId).not.toBe(firstRun);
      const indications = await db.prisma.indication.findMany({
        where: { trajectoryId },
        orderBy: { sequence: 'asc' },
      });
      expect(indications.map((i) => [i.sequence, i.status])).toEqual([
        [1, 'ENDED'],
        [2, 'ACTIVE'],
      ]);

      await env.client.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: consultant }] });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'CLOSED',
        closureReason: 'PER_PLAN',
      });
    });
  });

  it('when bemoeizorg runs its full year, then the interim evaluation is tasked at 6 months and it closes at the maximum by itself', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B04', start, lastAllowedDay(start, 12));

      await env.sleep('190 days');
      const evaluation = await eventually(
        () => tasks(trajectoryId),
        (rows) => rows.length === 1,
      );
      expect(evaluation).toMatchObject([{ kind: 'INTERIM_EVALUATION', assigneeRole: 'CONSULTANT', status: 'OPEN' }]);
      expect(await notifications(trajectoryId)).toEqual([]); // bemoeizorg is not extendable: no extension reminder

      const result = await handle.result(); // time skips to the end date
      expect(result).toMatchObject({ phase: 'CLOSED', closureReason: 'MAXIMUM_DURATION', pendingDeadlines: [] });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'CLOSED',
        closureReason: 'MAXIMUM_DURATION',
      });
      expect((await tasks(trajectoryId)).map((x) => [x.kind, x.status])).toEqual([
        ['INTERIM_EVALUATION', 'CANCELLED'],
        ['END_EVALUATION', 'CANCELLED'],
      ]);
      expect(await db.prisma.indication.findFirstOrThrow({ where: { trajectoryId } })).toMatchObject({
        status: 'ENDED',
      });
      await recordHistory(handle, 'bemoeizorg-full-year');
    });
  });

  it('when bemoeizorg contact failed at the end evaluation, then risk analysis and follow-up plan tasks outlive the closure', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B04', start, lastAllowedDay(start, 12));
      await env.sleep('320 days'); // past the end evaluation, 8 weeks before the maximum
      await eventually(
        () => tasks(trajectoryId),
        (rows) => rows.some((x) => x.kind === 'END_EVALUATION'),
      );
      await handle.executeUpdate(recordEndEvaluation, { args: [{ outcome: 'CONTACT_FAILED', actorId: consultant }] });

      expect(await handle.result()).toMatchObject({ phase: 'CLOSED', closureReason: 'MAXIMUM_DURATION' });
      expect((await tasks(trajectoryId)).map((x) => [x.kind, x.status])).toEqual([
        ['INTERIM_EVALUATION', 'CANCELLED'],
        ['END_EVALUATION', 'DONE'],
        ['RISK_ANALYSIS', 'OPEN'],
        ['FOLLOW_UP_PLAN', 'OPEN'],
      ]);
      await recordHistory(handle, 'bemoeizorg-contact-failed');
    });
  });

  it('when bemoeizorg ends in a step-down, then the trajectory closes at once with that reason', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B04', start, lastAllowedDay(start, 12));
      const view = await handle.executeUpdate(recordEndEvaluation, {
        args: [{ outcome: 'STEPPED_DOWN', actorId: consultant }],
      });
      expect(view).toMatchObject({ phase: 'CLOSED', closureReason: 'STEP_DOWN' });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        closureReason: 'STEP_DOWN',
      });
    });
  });

  it('when IB2 nears its end, then the consultant re-evaluates it; a long IB1 gets its yearly support-plan review', async () => {
    await withWorker(async (taskQueue) => {
      const ib2 = await startTrajectory(taskQueue);
      const ib2Start = dateOf(ib2.registeredAt);
      await intakeAndDecide(ib2.handle, 'IB2', ib2Start, lastAllowedDay(ib2Start, 6), null);
      const ib1 = await startTrajectory(taskQueue);
      const ib1Start = dateOf(ib1.registeredAt);
      await intakeAndDecide(ib1.handle, 'IB1', ib1Start, lastAllowedDay(ib1Start, 18), null);

      await env.sleep('140 days'); // past IB2's re-evaluation (8 weeks before its 6-month end)
      await eventually(
        () => tasks(ib2.trajectoryId),
        (rows) => rows.length === 1,
      );
      expect(await tasks(ib2.trajectoryId)).toMatchObject([{ kind: 'IB2_REEVALUATION', assigneeRole: 'CONSULTANT' }]);
      expect(await tasks(ib1.trajectoryId)).toEqual([]); // its review is a year after the start

      await env.sleep('240 days');
      await eventually(
        () => tasks(ib1.trajectoryId),
        (rows) => rows.length === 1,
      );
      expect(await tasks(ib1.trajectoryId)).toMatchObject([
        {
          kind: 'SUPPORT_PLAN_REVIEW',
          assigneeRole: 'PROVIDER',
          providerId: demoIds.providerA,
          dueAt: supportPlanReviewDueAt(ib1Start),
        },
      ]);
      await ib1.handle.terminate('done');
    });
  });

  it('when the consultant moves the end date, then every pending timer moves and nothing fires at the old time', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, addDays(addMonths(start, 3), -1));
      const newEnd = addDays(addMonths(start, 9), -1);
      const moved = await handle.executeUpdate(changeEndDate, { args: [{ newEndDate: newEnd, actorId: consultant }] });
      expect(moved.pendingDeadlines.map((d) => [d.kind, d.dueAt])).toEqual([
        ['EXTENSION_REQUEST_DUE', extensionRequestDueAt(newEnd).toISOString()],
        ['ALLOCATION_END', expect.any(String)],
      ]);
      const tooLong = handle.executeUpdate(changeEndDate, {
        args: [{ newEndDate: addMonths(start, 12), actorId: consultant }],
      });
      await expect(tooLong).rejects.toMatchObject({
        cause: { type: 'IndicationRuleViolated', message: expect.stringContaining('02B05.MAX_DURATION') },
      });
      expect(
        (await db.prisma.indication.findFirstOrThrow({ where: { trajectoryId } })).endDate.toISOString().slice(0, 10),
      ).toBe(newEnd);

      await env.sleep('60 days'); // past the old extension window, before the new one
      expect((await handle.query(getState)).phase).toBe('ACTIVE');
      expect(await notifications(trajectoryId)).toEqual([]);
      await env.sleep('170 days'); // past the new window
      const sent = await eventually(
        () => notifications(trajectoryId),
        (rows) => rows.length > 0,
      );
      expect(sent).toMatchObject([{ kind: 'EXTENSION_REQUEST_DUE', payload: { endDate: newEnd } }]);
      await handle.terminate('done');
    });
  });

  it('when the consultant steps down to another product, then a new indication starts in the same trajectory with its own timers', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12));
      const change = (productCode: string, months: number) =>
        handle.executeUpdate(changeProduct, {
          args: [
            {
              productCode,
              startDate: addDays(start, 1),
              endDate: lastAllowedDay(addDays(start, 1), months),
              hoursPerWeek: 2,
              zrm: {},
              actorId: consultant,
            },
          ],
        });
      await expect(change('02B03', 13)).rejects.toMatchObject({
        cause: { type: 'IndicationRuleViolated', message: expect.stringContaining('02B03.MAX_DURATION') },
      });

      const firstRun = (await handle.describe()).runId;
      const view = await change('02B03', 6);
      expect(view.indication).toMatchObject({
        sequence: 2,
        productCode: '02B03',
        startDate: addDays(start, 1),
        extendable: false,
      });
      expect(view.pendingDeadlines.map((d) => d.kind)).toEqual(['ALLOCATION_END']); // 02B03: no extension window
      await eventually(
        () => env.client.workflow.getHandle(handle.workflowId).describe(),
        (d) => d.runId !== firstRun,
      );
      const indications = await db.prisma.indication.findMany({
        where: { trajectoryId },
        orderBy: { sequence: 'asc' },
      });
      expect(indications.map((i) => [i.productCode, i.status, i.endDate.toISOString().slice(0, 10)])).toEqual([
        ['02B05', 'SUPERSEDED', start],
        ['02B03', 'ACTIVE', lastAllowedDay(addDays(start, 1), 6)],
      ]);
      const after = await env.client.workflow.getHandle(handle.workflowId).query(getState);
      expect(after).toMatchObject({ phase: 'ACTIVE', indication: { productCode: '02B03' } });
      await env.client.workflow.getHandle(handle.workflowId).terminate('done');
    });
  });

  it('when the extension is refused, then the trajectory closes at the end date per plan', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, addDays(addMonths(start, 4), -1));
      await handle.executeUpdate(requestExtension, { args: [{ reportId: 'report-2', actorId: provider }] });
      await handle.executeUpdate(decideExtension, { args: [{ granted: false, actorId: consultant }] });
      const again = handle.executeUpdate(decideExtension, {
        args: [{ granted: true, newEndDate: addMonths(start, 8), actorId: consultant }],
      });
      await expect(again).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });

      expect(await handle.result()).toMatchObject({ phase: 'CLOSED', closureReason: 'PER_PLAN' });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        closureReason: 'PER_PLAN',
      });
      await recordHistory(handle, 'extension-refused');
    });
  });

  it('when monthly hours pass 80 % with a projected shortfall, then expansion is advised once; a doubled month and a high indirect share are flagged', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12)); // 4 h/week for a year
      const month1 = firstOfMonth(start);
      const declare = (month: string, directMinutes: number, indirectMinutes: number) =>
        handle.executeUpdate(declareHours, {
          args: [{ month, directMinutes, indirectMinutes, digitalMinutes: 0, actorId: provider }],
        });

      const first = await declare(month1, 9_000, 1_100); // about 81 % of 208 h in one month
      expect(first).toMatchObject({ warnings: [], expansionAdvised: true, monthDoubled: true });
      expect(first.usedShare).toBeGreaterThanOrEqual(0.8);
      const second = await declare(addMonths(month1, 1), 100, 4_000); // indirect now 36 % of the trajectory
      expect(second).toMatchObject({
        warnings: ['INDIRECT_ABOVE_30_PERCENT'],
        expansionAdvised: false,
        monthDoubled: true,
      });
      await expect(declare(month1, 60, 0)).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });

      const rows = await db.prisma.hourDeclaration.findMany({
        orderBy: { month: 'asc' },
        where: { indication: { trajectoryId } },
      });
      expect(rows.map((r) => [r.directMinutes, r.indirectMinutes, r.warnings])).toEqual([
        [9_000, 1_100, []],
        [100, 4_000, ['INDIRECT_ABOVE_30_PERCENT']],
      ]);
      expect((await notifications(trajectoryId)).map((n) => [n.kind, n.recipientRole])).toEqual([
        ['EXPANSION_ADVISED', 'PROVIDER'],
        ['MONTH_DOUBLED', 'CONSULTANT'],
        ['MONTH_DOUBLED', 'CONSULTANT'],
      ]);
      expect((await tasks(trajectoryId)).map((x) => x.kind)).toEqual(['DECIDE_EXPANSION']);
      await handle.executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: consultant }] });
      await recordHistory(handle, 'hours-and-expansion');
    });
  });

  it('when no-shows follow each other, then the team hears at the second and a re-contact task opens at the third; 02B05 declares at most 6', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12));
      const outcomes = [];
      for (let n = 1; n <= 7; n += 1) {
        const occurredAt = new Date(registeredAt.getTime() + n * 86_400_000).toISOString();
        // After the third in a row, appointments in between are kept again.
        const afterKeptAppointment = n > 3;
        outcomes.push(
          await handle.executeUpdate(recordNoShow, { args: [{ occurredAt, afterKeptAppointment, actorId: provider }] }),
        );
      }
      expect(outcomes.map((o) => [o.consecutive, o.action])).toEqual([
        [1, 'NONE'],
        [2, 'NOTIFY_LOCAL_TEAM'],
        [3, 'RECONTACT'],
        [1, 'NONE'],
        [1, 'NONE'],
        [1, 'NONE'],
        [1, 'NONE'],
      ]);
      const rows = await db.prisma.noShow.findMany({
        where: { indication: { trajectoryId } },
        orderBy: { occurredAt: 'asc' },
      });
      expect(rows.map((r) => r.declarable)).toEqual([true, true, true, true, true, true, false]);
      expect((await notifications(trajectoryId)).map((x) => x.kind)).toEqual(['CONSECUTIVE_NO_SHOWS']);
      expect(await tasks(trajectoryId)).toMatchObject([
        { kind: 'RECONTACT_AFTER_NO_SHOWS', assigneeRole: 'CONSULTANT', status: 'OPEN' },
      ]);
      await handle.executeUpdate(close, { args: [{ reason: 'BY_CLIENT', actorId: consultant }] });
      await recordHistory(handle, 'no-shows');
    });
  });

  it('when the worker is down while a deadline passes, then exactly one notification results after it is back', async () => {
    const taskQueue = `q-${randomUUID()}`;
    // No sticky cache: the Java test server does not hand a stopped worker's sticky tasks to another.
    const first = await newWorker(taskQueue, 0);
    const { trajectoryId, handle } = await first.runUntil(async () => {
      const started = await startTrajectory(taskQueue);
      // Parked on its timer: the record mirrors the next deadline only after the start activities ran.
      await eventually(
        () => db.prisma.trajectory.findUniqueOrThrow({ where: { id: started.trajectoryId } }),
        (t) => t.nextDeadlineAt !== null,
      );
      return started;
    });

    // The reminder (3 days before the intake deadline) comes due while no worker runs.
    const sleeping = env.sleep('13 days');
    const timerFired = (h: Awaited<ReturnType<typeof handle.fetchHistory>>) =>
      (h.events ?? []).some((e) => e.timerFiredEventAttributes);
    await eventually(() => handle.fetchHistory(), timerFired);
    expect(await notifications(trajectoryId)).toEqual([]);

    const second = await newWorker(taskQueue, 0);
    await second.runUntil(async () => {
      await eventually(
        () => notifications(trajectoryId),
        (rows) => rows.length > 0,
      );
      await sleeping;
      await eventually(
        () => handle.query(getState),
        (v) => v.pendingDeadlines.map((d) => d.kind).join() === 'INTAKE_OVERDUE',
      );
      expect(await notifications(trajectoryId)).toMatchObject([{ kind: 'INTAKE_DUE_SOON' }]);
      await handle.terminate('done');
    });
  });

  it('when a close names an unknown reason, then it is refused and nothing changes', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, handle } = await startTrajectory(taskQueue);
      const bogus = handle.executeUpdate(close, { args: [{ reason: 'BORED' as never, actorId: consultant }] });
      await expect(bogus).rejects.toMatchObject({ cause: { type: 'TrajectoryInvalidInput' } });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'REGISTERED',
      });
      const closed = await handle.executeUpdate(close, { args: [{ reason: 'MOVED', actorId: consultant }] });
      expect(closed).toMatchObject({ phase: 'CLOSED', closureReason: 'MOVED' });
      expect(await handle.result()).toMatchObject({ phase: 'CLOSED' });
      await recordHistory(handle, 'closed-by-consultant');
      const audit = await db.prisma.auditEvent.findMany({ where: { trajectoryId }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => [a.action, a.actorType])).toEqual([
        ['TRAJECTORY_STARTED', 'WORKFLOW'],
        ['TRAJECTORY_CLOSED', 'USER'],
      ]);
    });
  });
});
