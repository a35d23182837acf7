import { Client, Connection } from '@temporalio/client';
import { temporalProbeConnection } from '../api/health';
import { temporalConnectionOptions } from '../api/temporal-connection';
import { createPrisma } from '../prisma/client';
import { createLogger } from '../api/observability';
import { AesGcmPayloadCodec } from '../api/payload-codec';
import { SecretBox } from '../activities/sealing';
import { ConfigError, lifetimeSeconds, loadConfig, oidcSettings } from './config';
import { serveApi } from './api-server';
import { deliveryRetry } from './delivery';
import { describeStartupFailure, Shutdown } from './lifecycle';

/** The API on its own (docker-compose): needs DATABASE_URL and TEMPORAL_ADDRESS. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !config.JWT_SECRET || !config.PAYLOAD_ENCRYPTION_KEYS) {
    throw new ConfigError(
      'A separate API needs DATABASE_URL, TEMPORAL_ADDRESS, JWT_SECRET and PAYLOAD_ENCRYPTION_KEYS (npm start runs everything embedded).',
    );
  }
  const codec = new AesGcmPayloadCodec(config.PAYLOAD_ENCRYPTION_KEYS);
  const shutdown = new Shutdown(config.SHUTDOWN_TIMEOUT_MS, console.log);
  shutdown.onSignals();
  const prisma = createPrisma(config.DATABASE_URL, config.DB_POOL_SIZE);
  shutdown.add('database pool', () => prisma.$disconnect());
  const temporalProbe = temporalProbeConnection(config.TEMPORAL_ADDRESS);
  shutdown.add('Temporal connection', () => temporalProbe.close());
  // Lazy: the API comes up while Temporal is away, answers 503 for changes, and starts what waits once it is back.
  const connection = Connection.lazy(temporalConnectionOptions(config.TEMPORAL_ADDRESS));
  shutdown.add('client connection', () => connection.close());
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: { payloadCodecs: [codec] },
  });
  const deps = {
    prisma,
    temporalProbe,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    jwtSecret: config.JWT_SECRET,
    maxTokenLifetimeSeconds: lifetimeSeconds(config.TOKEN_MAX_LIFETIME),
    sessionIdleSeconds: lifetimeSeconds(config.SESSION_IDLE),
    authFailureLimit: config.AUTH_FAILURE_LIMIT,
    payloadCodec: codec,
    secrets: new SecretBox(config.PAYLOAD_ENCRYPTION_KEYS),
    codecCorsOrigins: config.CODEC_CORS_ORIGINS,
    deliveryRetry: deliveryRetry(config),
    allowInternalWebhooks: config.WEBHOOK_ALLOW_INTERNAL,
    oidc: oidcSettings(config),
    temporalUiUrl: config.TEMPORAL_UI_URL,
    trustProxy: config.TRUST_PROXY,
    logger: createLogger(config.LOG_LEVEL),
  };
  await serveApi(shutdown, deps, config.API_HOST, config.API_PORT);
  console.log(`API listening on http://${config.API_HOST}:${config.API_PORT}`);
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
