import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addMonths, dateOf } from '../../domain/calendar';
import { intakeDueAt } from '../../domain/deadlines';
import { demoIds } from '../../prisma/seed/demo';
import { close, decideIndication, getState, recordIntake } from '../../workflows/trajectory/contracts';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { useLifecycle } from '../support/lifecycle';

// On Temporal's time-skipping test server: months of timers in well under a second.
describe('trajectory workflow: intake, escalation and the decision', () => {
  const {
    env,
    db,
    now,
    consultant,
    provider,
    withWorker,
    startTrajectory,
    notifications,
    registrationNotices,
    tasks,
    decisionTasks,
    intakeTasks,
  } = useLifecycle();

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
      // Seed 003: the provider hears of the registration at once, with the intake's last day.
      const told = await eventually(
        () => registrationNotices(trajectoryId),
        (rows) => rows.length === 1,
      );
      expect(told).toMatchObject([
        { recipientRole: 'PROVIDER', providerId: demoIds.providerA, payload: { trajectoryId, dueAt: due } },
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
      // The provider had the intake on its work list from the registration, due when it was; now late.
      expect(await intakeTasks(trajectoryId)).toEqual([
        expect.objectContaining({
          assigneeRole: 'PROVIDER',
          providerId: demoIds.providerA,
          status: 'OPEN',
          dueAt: new Date(due),
          createdAt: expect.any(Date),
        }),
      ]);
      const [held] = await intakeTasks(trajectoryId);
      expect(held!.createdAt.getTime()).toBeLessThan(new Date(due).getTime() - 13 * 86_400_000);
      await handle.terminate('done');
    });
  });

  it('when a trajectory is registered after its intake was already due, then no "intake due soon" reminder is sent; the consultant gets the escalation task', async () => {
    await withWorker(async (taskQueue) => {
      const registered = new Date((await now()).getTime() - 20 * 86_400_000);
      const { trajectoryId, handle } = await startTrajectory(taskQueue, registered);
      const opened = await eventually(
        () => tasks(trajectoryId),
        (rows) => rows.length === 1,
      );
      expect(opened).toMatchObject([{ kind: 'INTAKE_OVERDUE', dueAt: intakeDueAt(registered) }]);
      expect(await notifications(trajectoryId)).toEqual([]);
      await handle.executeUpdate(close, { args: [{ reason: 'BY_CLIENT', actorId: consultant }] });
      await recordHistory(handle, 'late-registration');
    });
  });

  it('when the intake is recorded in time, then no reminder or escalation fires afterwards; the consultant team is asked to decide', async () => {
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
      // Seed 003: the provider's task to hold the intake, opened at the registration, is done by recording it.
      expect(await intakeTasks(trajectoryId)).toEqual([
        expect.objectContaining({ kind: 'HOLD_INTAKE', status: 'DONE', completedById: provider }),
      ]);
      // Care starts only after the decision (seed 003): the team has it on its work list, once.
      expect(await decisionTasks(trajectoryId)).toEqual([
        expect.objectContaining({
          kind: 'DECIDE_INDICATION',
          status: 'OPEN',
          assigneeRole: 'CONSULTANT',
          teamId: demoIds.teamZeist,
        }),
      ]);
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'INTAKE_HELD',
      });
      await handle.terminate('done');
    });
  });

  it('when the intake finds that the client does not fit the provider, then the consultant is asked to find another, and closing for another provider does it', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const motivationId = randomUUID();
      const view = await handle.executeUpdate(recordIntake, {
        args: [{ heldOn: dateOf(registeredAt), suitable: false, motivationId, actorId: provider }],
      });
      expect(view.phase).toBe('INTAKE_HELD');
      expect(await decisionTasks(trajectoryId)).toEqual([
        expect.objectContaining({ kind: 'OTHER_PROVIDER_NEEDED', status: 'OPEN', teamId: demoIds.teamZeist }),
      ]);
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { trajectoryId, action: 'INTAKE_RECORDED' } });
      expect(audit.data).toEqual({ heldOn: dateOf(registeredAt), suitable: false, motivationId });

      await handle.executeUpdate(close, { args: [{ reason: 'OTHER_PROVIDER', actorId: consultant }] });
      expect(await decisionTasks(trajectoryId)).toEqual([
        expect.objectContaining({ kind: 'OTHER_PROVIDER_NEEDED', status: 'DONE', completedById: consultant }),
      ]);
      await recordHistory(handle, 'intake-not-suitable');
    });
  });

  it('when a decision breaks a product rule or comes before the intake, then it is refused with the rule named and nothing is stored; the decision that holds does the task', async () => {
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
      expect((await decisionTasks(trajectoryId)).map((t) => t.status)).toEqual(['OPEN']);

      await decision(addMonths(start, 3));
      expect(await decisionTasks(trajectoryId)).toEqual([
        expect.objectContaining({ status: 'DONE', completedById: consultant }),
      ]);
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
