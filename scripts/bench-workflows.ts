import { sleep } from '@temporalio/workflow';

/**
 * The second limit `npm run bench:scale` holds a registration against: a workflow that a worker
 * starts and that then waits for a deadline two weeks on, and does nothing else.
 */
export async function benchRun(): Promise<void> {
  await sleep('14 days');
}
