import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import { AppError } from './app-error';
import { withinTime } from './temporal-calls';
import { ensureTrajectoryWorkflow, type TrajectoryRecord } from './trajectory-workflow';

export interface WorkflowStartsOptions {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /** How long a request waits for Temporal before it answers 503. */
  timeoutMs?: number;
  /** First wait before starting again in the background; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  log?: (message: string) => void;
}

/**
 * Starts the workflows of new registrations. The record is committed first, so when Temporal is
 * away the caller gets 503 within a bounded time, and the start is tried again in the background,
 * with growing waits, until Temporal answers (a restart of the API or worker also starts what is
 * missing). Starting twice is harmless: the workflow id is the trajectory's.
 */
export class WorkflowStarts {
  private readonly waiting = new Map<string, TrajectoryRecord>();
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private stopped = false;

  constructor(private readonly options: WorkflowStartsOptions) {
    this.delayMs = options.retryMs ?? 500;
  }

  /** Starts the trajectory's workflow now, or answers 503 and keeps trying in the background. */
  async start(trajectory: TrajectoryRecord): Promise<void> {
    try {
      await this.attempt(trajectory);
    } catch {
      this.later(trajectory);
      throw new AppError(
        503,
        'TEMPORAL_UNAVAILABLE',
        'The registration is stored; its workflow starts as soon as the workflow engine answers again',
        [{ path: 'trajectoryId', message: trajectory.id }],
      );
    }
  }

  /**
   * Makes sure an existing open trajectory runs (a re-registration found it): within the time
   * limit, or in the background once Temporal is back; never holds up the caller's answer.
   */
  async ensure(trajectory: TrajectoryRecord): Promise<void> {
    await this.attempt(trajectory).catch(() => this.later(trajectory));
  }

  /** How many starts wait for Temporal to come back. */
  get pending(): number {
    return this.waiting.size;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private attempt(trajectory: TrajectoryRecord): Promise<boolean> {
    const { prisma, temporal, taskQueue, timeoutMs = 3_000 } = this.options;
    return withinTime(temporal, timeoutMs, () => ensureTrajectoryWorkflow(prisma, temporal, taskQueue, trajectory));
  }

  private later(trajectory: TrajectoryRecord): void {
    this.waiting.set(trajectory.id, trajectory);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.stopped || this.waiting.size === 0) return;
    this.timer = setTimeout(() => void this.retry(), this.delayMs);
    this.timer.unref();
  }

  private async retry(): Promise<void> {
    this.timer = undefined;
    for (const trajectory of [...this.waiting.values()]) {
      if (this.stopped) return;
      try {
        await this.attempt(trajectory);
        this.waiting.delete(trajectory.id);
        this.options.log?.(`started the workflow of trajectory ${trajectory.id} after Temporal came back`);
      } catch {
        // Still away: wait longer before the next round.
        this.delayMs = Math.min(this.delayMs * 2, this.options.maxRetryMs ?? 10_000);
        this.schedule();
        return;
      }
    }
    this.delayMs = this.options.retryMs ?? 500;
  }
}
