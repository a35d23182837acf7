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

  type TestWorker = Awaited<ReturnType<typeof world.newWorker>>;

  /** A worker with or without stack traces, on a task queue of its own. */
  async function workerWith(stackTraces: boolean): Promise<{ worker: TestWorker; taskQueue: string }> {
    const taskQueue = `stacks-${randomUUID()}`;
    return { worker: await world.newWorker(taskQueue, { stackTraces }), taskQueue };
  }

  /** A new trajectory's workflow on that worker, waiting for its intake, asked where it waits. */
  function stackTraceOn({ worker, taskQueue }: { worker: TestWorker; taskQueue: string }): Promise<string> {
    return worker.runUntil(async () => {
      const { handle } = await world.startTrajectory(taskQueue);
      expect((await handle.query(getState)).phase).toBe('REGISTERED');
      return handle.query<string>('__stack_trace');
    });
  }

  const stackTraceWith = async (stackTraces: boolean) => stackTraceOn(await workerWith(stackTraces));

  it('when left out (the default of npm start), then the query answers that stack traces are not enabled', async () => {
    await expect(stackTraceWith(false)).rejects.toThrow('Workflow stack traces are not enabled on this worker');
  });

  it('when set, then the query shows the main loop of the workflow waiting', async () => {
    const stack = await stackTraceWith(true);
    expect(stack).toMatch(/at trajectoryWorkflow \(.*workflows\/trajectory\/workflow\.ts:\d+:\d+\)/);
  });

  it('when workers with and without are created at once, then each keeps its own setting', async () => {
    // The setting reaches the SDK through the environment while a worker starts; starts take turns.
    const [on, off] = await Promise.all([workerWith(true), workerWith(false)]);
    await expect(stackTraceOn(on)).resolves.toMatch(/at trajectoryWorkflow \(/);
    await expect(stackTraceOn(off)).rejects.toThrow('Workflow stack traces are not enabled on this worker');
  });
});
