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
 * How the dev server keeps its SQLite file: a write-ahead log, still synced on every commit (SQLite's
 * `synchronous=FULL`), so a committed start survives a crash of the process and of the machine alike.
 * SQLite's default rollback journal syncs the journal, the file and the folder for every commit: the
 * write-ahead log makes 1.4–1.8 times as many workflow starts per second here (README, Benchmark).
 */
export const sqliteArguments = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=full'];

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
        extraArgs: options.dbFilename ? sqliteArguments : [],
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
