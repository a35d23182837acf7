import { proxySinks, sleep, type Sinks } from '@temporalio/workflow';

/** Tells the benchmark that a workflow ran its first task (a sink call is no command). */
export interface BenchSinks extends Sinks {
  bench: { ran(): void };
}

const { bench } = proxySinks<BenchSinks>();

/**
 * The second limit `npm run bench:scale` holds a registration against: a workflow that a worker
 * starts and that then waits for a deadline two weeks on, and does nothing else.
 */
export async function benchRun(): Promise<void> {
  bench.ran();
  await sleep('14 days');
}
