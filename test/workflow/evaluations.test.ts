import { dateOf } from '../../domain/calendar';
import { allocationEndsAt, lastAllowedDay, supportPlanReviewDueAt } from '../../domain/deadlines';
import { demoIds } from '../../prisma/seed/demo';
import { recordEndEvaluation } from '../../workflows/trajectory/contracts';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { useLifecycle } from '../support/lifecycle';

// On Temporal's time-skipping test server: months of timers in well under a second.
describe('trajectory workflow: evaluations and closure at the maximum', () => {
  const { env, db, consultant, withWorker, startTrajectory, notifications, tasks, intakeAndDecide } = useLifecycle();

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
      const raised = await eventually(
        () => tasks(trajectoryId),
        (rows) => rows.some((x) => x.kind === 'END_EVALUATION'),
      );
      // Raised 8 weeks before the maximum, due by the end itself.
      expect(raised.find((x) => x.kind === 'END_EVALUATION')?.dueAt).toEqual(
        allocationEndsAt(lastAllowedDay(start, 12)),
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
      // Raised 8 weeks before the end, due by the end itself.
      expect(await tasks(ib2.trajectoryId)).toMatchObject([
        {
          kind: 'IB2_REEVALUATION',
          assigneeRole: 'CONSULTANT',
          dueAt: allocationEndsAt(lastAllowedDay(ib2Start, 6)),
        },
      ]);
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
});
