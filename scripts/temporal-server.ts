import { TestWorkflowEnvironment } from '@temporalio/testing';
import { boundedRetryPlugin } from '../api/temporal-connection';
import { TemporalCliNotFoundError, type TemporalCli } from './temporal-cli';

export interface DevServerOptions {
  cli: TemporalCli;
  /** SQLite file that keeps workflows across restarts; undefined keeps everything in memory (tests). */
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
}

/**
 * Starts `temporal server start-dev` through the SDK's launcher, so one code path serves a found
 * binary and the SDK's own download. Teardown of the returned environment stops the server.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<TestWorkflowEnvironment> {
  const executable =
    options.cli.source === 'SDK download'
      ? { type: 'cached-download' as const }
      : { type: 'existing-path' as const, path: options.cli.path };
  try {
    return await TestWorkflowEnvironment.createLocal({
      plugins: [boundedRetryPlugin],
      server: {
        executable,
        ip: '127.0.0.1',
        port: options.port,
        uiPort: options.uiPort,
        ui: options.uiPort !== undefined,
        dbFilename: options.dbFilename,
        namespace: options.namespace,
        log: { format: 'pretty', level: 'warn' },
      },
    });
  } catch (error) {
    if (options.cli.source !== 'SDK download') throw error;
    throw new TemporalCliNotFoundError([
      ...options.cli.triedBefore,
      `the SDK download failed: ${(error as Error).message}`,
    ]);
  }
}
