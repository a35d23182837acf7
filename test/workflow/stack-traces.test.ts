import { randomUUID } from 'node:crypto';
import { getState } from '../../workflows/trajectory/contracts';
import { useLifecycle } from '../support/lifecycle';

/**
 * Temporal's stack trace query (the Web UI's "Stack Trace", `temporal workflow stack`) shows where
 * each workflow waits. Its promise hook cost about a quarter of the worker's CPU per workflow task,
 * so `npm start` and run-worker leave it out unless WORKER_STACK_TRACES is set (our patch of the
 * SDK, patches/@temporalio+worker+1.24.0.patch).
 */
describe('the workflow stack trace query (WORKER_STACK_TRACES)', () => {
  const world = useLifecycle(undefined, { demoTrajectories: false });

  /** A new trajectory's workflow, waiting for its intake, asked where it waits. */
  async function stackTraceWith(stackTraces: boolean): Promise<string> {
    const taskQueue = `stacks-${randomUUID()}`;
    const worker = await world.newWorker(taskQueue, { stackTraces });
    return worker.runUntil(async () => {
      const { handle } = await world.startTrajectory(taskQueue);
      expect((await handle.query(getState)).phase).toBe('REGISTERED');
      return handle.query<string>('__stack_trace');
    });
  }

  it('when left out (the default of npm start), then the query answers that stack traces are not enabled', async () => {
    await expect(stackTraceWith(false)).rejects.toThrow('Workflow stack traces are not enabled on this worker');
  });

  it('when set, then the query shows the main loop of the workflow waiting', async () => {
    const stack = await stackTraceWith(true);
    expect(stack).toMatch(/at trajectoryWorkflow \(.*workflows\/trajectory\/workflow\.ts:\d+:\d+\)/);
  });
});
