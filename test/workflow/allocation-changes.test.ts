import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { allocationEndsAt, extensionRequestDueAt, lastAllowedDay } from '../../domain/deadlines';
import {
  changeEndDate,
  changeProduct,
  close,
  decideExtension,
  getState,
  requestExtension,
} from '../../workflows/trajectory/contracts';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { useLifecycle } from '../support/lifecycle';

// On Temporal's time-skipping test server: months of timers in well under a second.
describe('trajectory workflow: extension, a moved end date and a product change', () => {
  const {
    env,
    db,
    consultant,
    provider,
    withWorker,
    startTrajectory,
    notifications,
    decisionNotices,
    tasks,
    intakeAndDecide,
  } = useLifecycle();

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
      const granted = await handle.executeUpdate(decideExtension, {
        args: [{ granted: true, newEndDate: newEnd, actorId: consultant }],
      });
      expect(await tasks(trajectoryId)).toMatchObject([{ kind: 'DECIDE_EXTENSION', status: 'DONE' }]);
      // Planned, not active, until the current period ends; its deadlines are shown ahead.
      const statuses = () =>
        db.prisma.indication
          .findMany({ where: { trajectoryId }, orderBy: { sequence: 'asc' } })
          .then((rows) => rows.map((i) => [i.sequence, i.status]));
      expect(await statuses()).toEqual([
        [1, 'ACTIVE'],
        [2, 'PLANNED'],
      ]);
      expect(granted.pendingDeadlines.map((d) => [d.kind, d.dueAt, d.upcoming ?? false])).toEqual([
        ['ALLOCATION_END', allocationEndsAt(end).toISOString(), false],
        ['EXTENSION_REQUEST_DUE', extensionRequestDueAt(newEnd).toISOString(), true],
        ['ALLOCATION_END', allocationEndsAt(newEnd).toISOString(), true],
      ]);

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
      expect(await statuses()).toEqual([
        [1, 'ENDED'],
        [2, 'ACTIVE'],
      ]);

      // Period 2 (a run of its own, counting its changes from 0 again): another request, refused.
      const running = env.client.workflow.getHandle(handle.workflowId);
      await running.executeUpdate(requestExtension, { args: [{ reportId: 'report-2', actorId: provider }] });
      await running.executeUpdate(decideExtension, { args: [{ granted: false, actorId: consultant }] });
      await running.executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: consultant }] });
      expect(await db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
        phase: 'CLOSED',
        closureReason: 'PER_PLAN',
      });
      // The provider heard each decision once, in both periods.
      const told = await decisionNotices(trajectoryId);
      expect(told.map((n) => [n.kind, (n.payload as { outcome?: string }).outcome ?? null])).toEqual([
        ['INDICATION_DECIDED', null],
        ['EXTENSION_DECIDED', 'GRANTED'],
        ['EXTENSION_DECIDED', 'REFUSED'],
        ['TRAJECTORY_CLOSED', null],
      ]);
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
      // The provider heard of the indication and of its change (the refused change told no one).
      const told = await decisionNotices(trajectoryId);
      expect(told.map((n) => [n.kind, (n.payload as { productCode: string }).productCode])).toEqual([
        ['INDICATION_DECIDED', '02B05'],
        ['ALLOCATION_CHANGED', '02B03'],
      ]);
      await env.client.workflow.getHandle(handle.workflowId).terminate('done');
    });
  });
});
