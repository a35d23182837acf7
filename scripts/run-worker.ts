import { Client, Connection } from '@temporalio/client';
import { temporalConnectionOptions } from '../api/temporal-connection';
import { createPrisma } from '../prisma/client';
import { AesGcmPayloadCodec } from '../api/payload-codec';
import { SecretBox } from '../activities/sealing';
import { ConfigError, loadConfig } from './config';
import { describeStartupFailure, installTemporalRuntime, Shutdown } from './lifecycle';
import { ensureTrajectoryWorkflows } from './trajectory-workflows';
import { runWorker } from './worker';
import { deliverySettings, ensureDigestSchedule, mailerFor, smtpSettings } from './delivery';

/** A worker on its own (docker-compose runs N of these): needs DATABASE_URL and TEMPORAL_ADDRESS. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !config.PAYLOAD_ENCRYPTION_KEYS) {
    throw new ConfigError(
      'A separate worker needs DATABASE_URL, TEMPORAL_ADDRESS and PAYLOAD_ENCRYPTION_KEYS (npm start runs everything embedded).',
    );
  }
  const smtp = smtpSettings(config);
  if (!smtp)
    throw new ConfigError('A separate worker needs SMTP_URL or SMTP_HOST: notifications are e-mailed through it.');
  const dataConverter = { payloadCodecs: [new AesGcmPayloadCodec(config.PAYLOAD_ENCRYPTION_KEYS)] };
  installTemporalRuntime(config.WORKER_METRICS_PORT, config.WORKER_METRICS_HOST);
  const shutdown = new Shutdown(config.SHUTDOWN_TIMEOUT_MS, console.log);
  shutdown.onSignals();
  const prisma = createPrisma(config.DATABASE_URL, config.DB_POOL_SIZE);
  shutdown.add('database pool', () => prisma.$disconnect());
  const connection = await Connection.connect(temporalConnectionOptions(config.TEMPORAL_ADDRESS));
  shutdown.add('client connection', () => connection.close());
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const mailer = mailerFor(smtp, config);
  shutdown.add('mail transport', async () => mailer.close());
  const { running } = await runWorker(shutdown, {
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    prisma,
    dataConverter,
    client,
    maxCachedWorkflows: config.WORKER_CACHE_SIZE,
    stackTraces: config.WORKER_STACK_TRACES,
    secrets: new SecretBox(config.PAYLOAD_ENCRYPTION_KEYS),
    delivery: deliverySettings(config, mailer),
  });
  console.log(`Worker polling ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  if (config.DIGEST_SCHEDULE) await ensureDigestSchedule(client, config.TEMPORAL_TASK_QUEUE);
  // A registration whose workflow start failed (Temporal was down) gets its workflow now.
  const started = await ensureTrajectoryWorkflows(prisma, client, config.TEMPORAL_TASK_QUEUE);
  if (started) console.log(`Started ${started} trajectory workflow(s) for open trajectories`);
  await running;
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
