import type { Server } from 'node:http';
import { createApp, type AppDependencies } from '../api/app';
import { sealPlainWebhookSecrets } from '../prisma/records/provider-secrets';
import type { Shutdown } from './lifecycle';

/**
 * Serves the API and registers closing it with the shutdown; resolves with the port it listens on.
 * Webhook secrets stored in plain text by an older version are sealed first.
 */
export async function serveApi(shutdown: Shutdown, deps: AppDependencies, host: string, port: number): Promise<number> {
  const sealed = await sealPlainWebhookSecrets(deps.prisma, deps.secrets);
  if (sealed) console.log(`Sealed ${sealed} webhook secret(s) stored in plain text by an older version`);
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s)).once('error', reject);
  });
  shutdown.add('API', () => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}
