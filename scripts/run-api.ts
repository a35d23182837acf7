import { Client, Connection } from '@temporalio/client';
import { temporalProbeConnection } from '../api/health';
import { createPrisma } from '../prisma/client';
import { lifetimeSeconds, loadConfig } from './config';
import { serveApi } from './api-server';
import { describeStartupFailure, Shutdown } from './lifecycle';

/** The API on its own (docker-compose): needs DATABASE_URL and TEMPORAL_ADDRESS. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !config.JWT_SECRET) {
    throw new Error(
      'A separate API needs DATABASE_URL, TEMPORAL_ADDRESS and JWT_SECRET (npm start runs everything embedded).',
    );
  }
  const shutdown = new Shutdown(config.SHUTDOWN_TIMEOUT_MS, console.log);
  shutdown.onSignals();
  const prisma = createPrisma(config.DATABASE_URL, config.DB_POOL_SIZE);
  shutdown.add('database pool', () => prisma.$disconnect());
  const temporalProbe = temporalProbeConnection(config.TEMPORAL_ADDRESS);
  shutdown.add('Temporal connection', () => temporalProbe.close());
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  shutdown.add('client connection', () => connection.close());
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const deps = {
    prisma,
    temporalProbe,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    jwtSecret: config.JWT_SECRET,
    maxTokenLifetimeSeconds: lifetimeSeconds(config.TOKEN_MAX_LIFETIME),
    authFailureLimit: config.AUTH_FAILURE_LIMIT,
  };
  await serveApi(shutdown, deps, config.API_HOST, config.API_PORT);
  console.log(`API listening on http://${config.API_HOST}:${config.API_PORT}`);
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
