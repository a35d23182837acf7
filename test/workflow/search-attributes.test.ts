import { addMonths, dateOf } from '../../domain/calendar';
import { demoIds } from '../../prisma/seed/demo';
import { changeProduct, close, getState } from '../../workflows/trajectory/contracts';
import {
  NextDeadlineKey,
  PhaseKey,
  ProductKey,
  ProviderKey,
  TeamKey,
  trajectorySearchAttributeKeys,
} from '../../workflows/trajectory/search-attributes';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { useLifecycle } from '../support/lifecycle';
import { startTestTemporal } from '../support/temporal';

// On the real dev server: the time-skipping test server keeps search attributes but cannot list by them.
describe('trajectory workflow: search attributes for operations', () => {
  const { env, consultant, withWorker, startTrajectory, intakeAndDecide } = useLifecycle(startTestTemporal);

  /** Workflow ids Temporal's visibility lists for a query, once the list shows `expected` (it is indexed shortly after). */
  async function listed(query: string, expected: string): Promise<string[]> {
    const ids = async () => {
      const found: string[] = [];
      for await (const w of env.client.workflow.list({ query })) found.push(w.workflowId);
      return found;
    };
    return eventually(ids, (found) => found.includes(expected));
  }

  it('when a trajectory moves from registration to care to closure, then operations can list it by phase, product, provider, team and next deadline', async () => {
    await withWorker(async (taskQueue) => {
      const { handle, registeredAt } = await startTrajectory(taskQueue);
      const id = handle.workflowId;
      const mine = `WorkflowId = '${id}'`;

      expect(await listed(`TrajectoryPhase = 'REGISTERED' AND ${mine}`, id)).toEqual([id]);
      const registered = (await handle.describe()).typedSearchAttributes;
      const firstDue = (await handle.query(getState)).pendingDeadlines[0]!.dueAt;
      expect(registered.get(NextDeadlineKey)?.toISOString()).toBe(firstDue);
      expect(registered.get(ProviderKey)).toBe(demoIds.providerA);
      expect(registered.get(TeamKey)).toBe(demoIds.teamZeist);
      expect(registered.get(ProductKey)).toBeUndefined();

      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, addMonths(start, 6));
      const inCare = `TrajectoryPhase = 'ACTIVE' AND TrajectoryProduct = '02B05' AND TrajectoryProvider = '${demoIds.providerA}'`;
      expect(await listed(`${inCare} AND ${mine}`, id)).toEqual([id]);
      const within = new Date(Date.parse(firstDue) + 400 * 86_400_000).toISOString();
      expect(await listed(`TrajectoryNextDeadline < '${within}' AND ${mine}`, id)).toEqual([id]);

      await handle.executeUpdate(close, { args: [{ reason: 'BY_AGREEMENT', actorId: consultant }] });
      await handle.result();
      expect(await listed(`TrajectoryPhase = 'CLOSED' AND ${mine}`, id)).toEqual([id]);
      const closed = (await handle.describe()).typedSearchAttributes;
      expect(closed.get(PhaseKey)).toBe('CLOSED');
      expect(closed.get(ProductKey)).toBe('02B05');
      expect(closed.get(NextDeadlineKey)).toBeUndefined();
      await recordHistory(handle, 'closed-with-search-attributes');
    });
  });

  it('when a trajectory runs, then it shows only its own attributes and those Temporal sets itself (no personal data)', async () => {
    await withWorker(async (taskQueue) => {
      const { handle } = await startTrajectory(taskQueue);
      // Temporal's own: the worker build and the patch ids of patched().
      const ours = [...trajectorySearchAttributeKeys.map((k) => k.name), 'BuildIds', 'TemporalChangeVersion'];
      const shown = await eventually(
        async () => (await handle.describe()).typedSearchAttributes.getAll().map((p) => p.key.name),
        (names) => names.includes(PhaseKey.name),
      );
      expect(shown.filter((name) => !ours.includes(name))).toEqual([]);
      await handle.terminate('done');
    });
  });

  it('when a trajectory continues as new at a product change, then a query by phase finds it once: only the running run is listed', async () => {
    await withWorker(async (taskQueue) => {
      const { handle, registeredAt } = await startTrajectory(taskQueue);
      const id = handle.workflowId;
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, addMonths(start, 6));
      const firstRun = (await handle.describe()).runId;
      await handle.executeUpdate(changeProduct, {
        args: [
          {
            productCode: '02B04',
            startDate: addMonths(start, 1),
            endDate: addMonths(start, 7),
            hoursPerWeek: 3,
            zrm: {},
            actorId: consultant,
          },
        ],
      });
      const latest = env.client.workflow.getHandle(id);
      const secondRun = await eventually(
        async () => (await latest.describe()).runId,
        (runId) => runId !== firstRun,
      );
      const runsListed = async (query: string) => {
        const runs: string[] = [];
        for await (const w of env.client.workflow.list({ query })) runs.push(w.runId);
        return runs;
      };
      const active = `TrajectoryPhase = 'ACTIVE' AND WorkflowId = '${id}'`;
      expect(
        await eventually(
          () => runsListed(active),
          (runs) => runs.includes(secondRun) && runs.length === 1,
        ),
      ).toEqual([secondRun]);
      // The README's queries add the running status, which excludes every finished run as well.
      expect(await runsListed(`${active} AND ExecutionStatus = 'Running'`)).toEqual([secondRun]);
      expect(await runsListed(`WorkflowId = '${id}'`)).toHaveLength(2);
      await latest.executeUpdate(close, { args: [{ reason: 'BY_AGREEMENT', actorId: consultant }] });
      await recordHistory(env.client.workflow.getHandle(id, firstRun), 'product-changed-and-unlisted');
    });
  });
});
