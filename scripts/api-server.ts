import type { Server } from 'node:http';
import { createApp, type AppDependencies } from '../api/app';
import { sealPlainHealthData } from '../prisma/records/health-sealing';
import { sealPlainWebhookSecrets } from '../prisma/records/provider-secrets';
import { assignmentNotices } from '../api/assignment-notice';
import type { Shutdown } from './lifecycle';

/**
 * Serves the API and registers closing it with the shutdown; resolves with the port it listens on.
 * Webhook secrets and health data stored in plain text by an older version are sealed first; the e-mails of task
 * assignments a stopped API left unsent are started.
 */
export async function serveApi(shutdown: Shutdown, deps: AppDependencies, host: string, port: number): Promise<number> {
  const sealed = await sealPlainWebhookSecrets(deps.prisma, deps.secrets);
  if (sealed) console.log(`Sealed ${sealed} webhook secret(s) stored in plain text by an older version`);
  const health = await sealPlainHealthData(deps.prisma, deps.secrets);
  if (Object.values(health).some((n) => n > 0))
    console.log(
      `Sealed what an older version stored in plain text: ${health.measurements} ZRM measurement(s), ${health.goals} support plan result(s), ${health.reports} request report(s), ${health.outcomes} task outcome(s), ${health.reasons} correction reason(s)`,
    );
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s)).once('error', reject);
  });
  shutdown.add('API', () => new Promise<void>((resolve) => server.close(() => resolve())));
  // Sent in the background: a slow Temporal must not hold the API's start up.
  void assignmentNotices(deps)
    .resume()
    .then((n) => n > 0 && console.log(`Started the e-mails of ${n} task assignment(s) left unsent by a stopped API`))
    .catch((error: unknown) => console.error(`Task assignments' e-mails not resumed: ${(error as Error).message}`));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}
