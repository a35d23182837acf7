import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporalConnectionOptions } from '../api/temporal-connection';
import { temporalProbeConnection } from '../api/health';
import { createPrisma } from '../prisma/client';
import { seedCatalogue, seedDemo, seedDemoColleagues, seedDemoContacts } from '../prisma/seed/index';
import { lifetimeSeconds, loadConfig, oidcSettings, projectRoot, type Config } from './config';
import { openDatabase, prepareDataFolder } from './database';
import { describeStartupFailure, installTemporalRuntime, Shutdown } from './lifecycle';
import { applyMigrations } from './migrate';
import { assertPortFree } from './ports';
import { resolveTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-server';
import { ensureTrajectoryWorkflows } from './trajectory-workflows';
import { resolveJwtSecret } from './jwt-secret';
import { runWorker } from './worker';
import { resolvePayloadKeys } from './payload-keys';
import { createLogger } from '../api/observability';
import { AesGcmPayloadCodec } from '../api/payload-codec';
import { SecretBox } from '../activities/sealing';
import { serveApi } from './api-server';
import type { Mailer } from '../activities/delivery/mailer';
import { deliveryRetry, deliverySettings, ensureDigestSchedule, mailerFor, smtpSettings } from './delivery';
import { startMailbox } from './mailbox';

const log = (message: string) => console.log(`[start] ${message}`);

/** Either the configured Temporal server or a dev server with its SQLite file under DATA_DIR. */
async function startTemporal(config: Config, shutdown: Shutdown): Promise<{ address: string; uiUrl?: string }> {
  if (config.TEMPORAL_ADDRESS) return { address: config.TEMPORAL_ADDRESS };
  await assertPortFree('127.0.0.1', config.TEMPORAL_PORT, 'the Temporal dev server', 'TEMPORAL_PORT');
  await assertPortFree('127.0.0.1', config.TEMPORAL_UI_PORT, 'the Temporal Web UI', 'TEMPORAL_UI_PORT');
  const cli = resolveTemporalCli({
    cliPathFromEnv: config.TEMPORAL_CLI_PATH,
    pathEnv: process.env.PATH,
    venvDir: path.join(projectRoot, '.temporal', 'venv'),
    installVenv: true,
    allowSdkDownload: config.TEMPORAL_ALLOW_DOWNLOAD,
    log,
  });
  log(`Temporal CLI: ${cli.source === 'SDK download' ? 'downloaded by the SDK' : `${cli.path} (${cli.source})`}`);
  const env = await startTemporalDevServer({
    cli,
    dbFilename: path.join(config.dataDir, 'temporal.db'),
    port: config.TEMPORAL_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
  });
  shutdown.add('Temporal dev server', () => env.teardown());
  return { address: env.address, uiUrl: `http://127.0.0.1:${config.TEMPORAL_UI_PORT}` };
}

/** The configured SMTP server, or a local receiver keeping every message under DATA_DIR/mailbox. */
async function startMail(config: Config, shutdown: Shutdown): Promise<{ mailer: Mailer; shown: string }> {
  const configured = smtpSettings(config);
  if (configured) {
    const mailer = mailerFor(configured, config);
    shutdown.add('mail transport', async () => mailer.close());
    return { mailer, shown: 'url' in configured ? 'SMTP_URL' : `${configured.host}:${configured.port}` };
  }
  await assertPortFree('127.0.0.1', config.MAILBOX_PORT, 'the local mailbox', 'MAILBOX_PORT');
  const mailbox = await startMailbox(path.join(config.dataDir, 'mailbox'), config.MAILBOX_PORT);
  shutdown.add('local mailbox', () => mailbox.close());
  const mailer = mailerFor({ host: '127.0.0.1', port: mailbox.port, secure: false }, config);
  shutdown.add('mail transport', async () => mailer.close());
  return { mailer, shown: `local mailbox, every message as an .eml file in ${mailbox.dir}` };
}

async function start(config: Config, shutdown: Shutdown): Promise<void> {
  prepareDataFolder(config.dataDir);
  await assertPortFree(config.API_HOST, config.API_PORT, 'the API', 'API_PORT');
  const temporal = await startTemporal(config, shutdown);

  const db = await openDatabase(config, log);
  shutdown.add('database', () => db.stop());
  log(`Database: ${db.embedded ? `embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}` : 'DATABASE_URL'}`);
  await applyMigrations(db.url);
  const prisma = createPrisma(db.url, config.DB_POOL_SIZE);
  shutdown.add('database pool', () => prisma.$disconnect());
  await seedCatalogue(prisma);
  if (db.embedded) {
    await seedDemo(prisma, new Date());
    await seedDemoContacts(prisma);
    await seedDemoColleagues(prisma);
  }

  const keys = resolvePayloadKeys(config);
  const codec = new AesGcmPayloadCodec(keys);
  const secrets = new SecretBox(keys);
  const converter = { payloadCodecs: [codec] };
  const connection = await Connection.connect(temporalConnectionOptions(temporal.address));
  shutdown.add('client connection', () => connection.close());
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: converter });
  const mail = await startMail(config, shutdown);
  const { running } = await runWorker(shutdown, {
    address: temporal.address,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    prisma,
    dataConverter: converter,
    client,
    maxCachedWorkflows: config.WORKER_CACHE_SIZE,
    stackTraces: config.WORKER_STACK_TRACES,
    secrets,
    delivery: deliverySettings(config, mail.mailer),
  });
  // A worker that dies takes the stack down with it: an API without a worker would accept work nobody does.
  running.catch(async (error: unknown) => {
    console.error(`The worker stopped: ${(error as Error).message}`);
    await shutdown.run();
    process.exit(1);
  });

  const started = await ensureTrajectoryWorkflows(prisma, client, config.TEMPORAL_TASK_QUEUE);
  if (started) log(`Started ${started} trajectory workflow(s) for open trajectories`);
  if (config.DIGEST_SCHEDULE) await ensureDigestSchedule(client, config.TEMPORAL_TASK_QUEUE);

  const temporalProbe = temporalProbeConnection(temporal.address);
  shutdown.add('health connection', () => temporalProbe.close());
  const port = await serveApi(
    shutdown,
    {
      prisma,
      temporalProbe,
      temporal: client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      jwtSecret: resolveJwtSecret(config),
      maxTokenLifetimeSeconds: lifetimeSeconds(config.TOKEN_MAX_LIFETIME),
      sessionIdleSeconds: lifetimeSeconds(config.SESSION_IDLE),
      authFailureLimit: config.AUTH_FAILURE_LIMIT,
      payloadCodec: codec,
      secrets,
      codecCorsOrigins: config.CODEC_CORS_ORIGINS,
      deliveryRetry: deliveryRetry(config),
      allowInternalWebhooks: config.WEBHOOK_ALLOW_INTERNAL,
      // Without an identity provider, the development sign-in (never in production).
      oidc: oidcSettings(config),
      temporalUiUrl: config.TEMPORAL_UI_URL ?? temporal.uiUrl,
      trustProxy: config.TRUST_PROXY,
      devSignIn: config.NODE_ENV !== 'production',
      logger: createLogger(config.LOG_LEVEL),
    },
    config.API_HOST,
    config.API_PORT,
  );

  console.log(
    [
      '',
      `  API            http://${config.API_HOST}:${port}  (docs: /docs, health: /health)`,
      `  Web            http://${config.API_HOST}:${port}/  (${config.OIDC_ISSUER ? `sign-in at ${config.OIDC_ISSUER}` : 'development sign-in'})`,
      '  Token          npm run token -- consulent@zeist.example',
      temporal.uiUrl ? `  Temporal UI    ${temporal.uiUrl}` : `  Temporal       ${temporal.address}`,
      `  Metrics        http://${config.API_HOST}:${port}/metrics` +
        (config.WORKER_METRICS_PORT
          ? `, worker http://${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT}/metrics`
          : ''),
      `  E-mail         ${mail.shown}`,
      `  Data           ${config.dataDir}`,
      '  Stop           Ctrl-C',
      '',
    ].join('\n'),
  );
  log('ready');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const shutdown = new Shutdown(config.SHUTDOWN_TIMEOUT_MS, log);
  shutdown.onSignals();
  try {
    const { WORKER_METRICS_HOST: host, WORKER_METRICS_PORT: port } = config;
    await assertPortFree(host, port, "the worker's metrics", 'WORKER_METRICS_PORT');
    installTemporalRuntime(port, host);
    await start(config, shutdown);
  } catch (error) {
    console.error(`\n${describeStartupFailure(error)}\n`);
    await shutdown.run();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
