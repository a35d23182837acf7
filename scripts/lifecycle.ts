import { Runtime, DefaultLogger } from '@temporalio/worker';
import { ConfigError } from './config';
import { MigrationError } from './migrate';
import { PortInUseError } from './ports';
import { TemporalCliNotFoundError } from './temporal-cli';

/** Failures a user can fix; they are printed as one message, never as a stack trace. */
const expectedFailures = [ConfigError, PortInUseError, TemporalCliNotFoundError, MigrationError];

export function describeStartupFailure(error: unknown): string {
  if (expectedFailures.some((type) => error instanceof type)) return (error as Error).message;
  const message = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|connect|transport/i.test(message)) return `Could not connect: ${message}`;
  return `Start-up failed: ${message}`;
}

/**
 * The Temporal runtime must not install its own SIGINT/SIGTERM handlers: we stop the pieces in
 * order (API, worker, database, Temporal), which a runtime-initiated worker shutdown would race.
 * With a port, the SDK's own metrics (schedule-to-start latency, workflow task and activity
 * failures) are served for Prometheus on 127.0.0.1:<port>/metrics (WORKER_METRICS_PORT; 0 = off).
 */
export function installTemporalRuntime(metricsPort = 0, host = '127.0.0.1'): void {
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN'),
    ...(metricsPort > 0 && {
      telemetryOptions: {
        metrics: { prometheus: { bindAddress: `${host}:${metricsPort}`, countersTotalSuffix: true } },
      },
    }),
  });
}

type Stop = () => Promise<unknown>;

/** Collects stop steps as pieces start, and runs them newest first, once, within a bounded time. */
export class Shutdown {
  private readonly steps: { name: string; stop: Stop }[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly timeoutMs: number,
    private readonly log: (message: string) => void,
  ) {}

  add(name: string, stop: Stop): void {
    this.steps.push({ name, stop });
  }

  run(): Promise<void> {
    this.running ??= this.stopAll();
    return this.running;
  }

  private async stopAll(): Promise<void> {
    for (const { name, stop } of [...this.steps].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), this.timeoutMs)),
      );
      try {
        const outcome = await Promise.race([stop().then(() => 'stopped' as const), timeout]);
        if (outcome === 'timeout') this.log(`${name} did not stop within ${this.timeoutMs} ms; moving on`);
      } catch (error) {
        this.log(`${name} failed to stop cleanly: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** Runs the shutdown on SIGINT/SIGTERM, then exits; a second signal exits at once. */
  onSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) return exit(130);
      received = true;
      this.log(`${signal} received, stopping...`);
      void this.run().then(() => exit(0));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }
}
