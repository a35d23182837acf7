import { randomUUID } from 'node:crypto';
import { getState } from '../../workflows/trajectory/contracts';
import { eventually } from '../support/eventually';
import { useLifecycle } from '../support/lifecycle';

// On Temporal's time-skipping test server: months of timers in well under a second.
describe('trajectory workflow: a worker outage while a deadline passes', () => {
  const { env, db, newWorker, startTrajectory, notifications } = useLifecycle();

  it('when the worker is down while a deadline passes, then exactly one notification results after it is back', async () => {
    const taskQueue = `q-${randomUUID()}`;
    // No sticky cache: the Java test server does not hand a stopped worker's sticky tasks to another.
    const first = await newWorker(taskQueue, { maxCachedWorkflows: 0 });
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

    const second = await newWorker(taskQueue, { maxCachedWorkflows: 0 });
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
});
