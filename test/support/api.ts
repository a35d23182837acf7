import { randomUUID } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/auth';
import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import type { DeliverySettings } from '../../scripts/delivery';
import type { OidcSettings } from '../../web/oidc';
import type { TestDatabase } from './database';
import { useLifecycle } from './lifecycle';
import { capturingLogger } from './logs';
import { startTestTemporal } from './temporal';

const jwtSecret = 'an API test secret, at least 32 characters long';

import { bsnOf } from '../../domain/bsn';
import { testSecrets } from './delivery';

export { bsnOf };

/**
 * The API over the real stack: a Temporal dev server, a migrated and seeded PostgreSQL, a worker
 * polling for the whole suite, and the app served by supertest. Call once inside a describe block.
 */
export function useApi({
  database,
  delivery,
  oidc,
}: {
  database?: () => Promise<TestDatabase>;
  /** How the suite's worker delivers (read after the suite's earlier beforeAll, e.g. a started SMTP receiver). */
  delivery?: () => DeliverySettings;
  /** People sign in at this identity provider (read after the suite's earlier beforeAll). */
  oidc?: () => OidcSettings;
} = {}) {
  // No demo trajectories: list tests count exactly what they registered.
  const world = useLifecycle(startTestTemporal, { demoTrajectories: false, database });
  const taskQueue = `api-${randomUUID()}`;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  const logs = capturingLogger();

  beforeAll(async () => {
    worker = await world.newWorker(taskQueue, { delivery: delivery?.() });
    running = worker.run();
    app = createApp({
      prisma: world.db.prisma,
      temporalProbe: world.env.connection,
      temporal: world.env.client,
      taskQueue,
      jwtSecret,
      secrets: testSecrets,
      logger: logs.logger,
      deliveryRetry: delivery?.().retry,
      allowInternalWebhooks: delivery?.().allowInternalWebhooks,
      devSignIn: true,
      oidc: oidc?.(),
      temporalUiUrl: 'http://temporal-ui.test',
      trustProxy: 'loopback', // as behind a TLS-terminating proxy on this machine
      checkResponses: true, // every answer in every suite must match /openapi.json
    });
  });
  world.beforeTeardown(async () => {
    worker?.shutdown();
    await running;
  });

  const tokens = new Map<string, string>();
  beforeAll(async () => {
    for (const userId of Object.values(demoIds)) tokens.set(userId, await mintToken(jwtSecret, userId, '1h'));
  });

  /** Requests as a seeded user; the token is looked up when the request is made (after beforeAll). */
  function as(userId: string) {
    const auth = () => ({ Authorization: `Bearer ${tokens.get(userId) ?? 'unknown-user'}` });
    return {
      get: (path: string) => request(app!).get(path).set(auth()),
      post: (path: string, body: object = {}, headers: Record<string, string> = {}) =>
        request(app!).post(path).set(auth()).set(headers).send(body),
    };
  }

  /** Requests as a user the test made (a colleague, say): their token is minted first. */
  async function asNew(userId: string) {
    tokens.set(userId, await mintToken(jwtSecret, userId, '1h'));
    return as(userId);
  }

  /**
   * A second person of a team (a consultant) or of a provider (the demo data have one each), with
   * their preferences for some kinds; returns their id.
   */
  async function colleague(
    name: string,
    email: string,
    of: { teamId: string } | { providerId: string },
    preferences: { kind: string; mode: 'IMMEDIATE' | 'DIGEST' | 'INBOX_ONLY' }[] = [],
  ): Promise<string> {
    const role = 'teamId' in of ? ('CONSULTANT' as const) : ('PROVIDER' as const);
    const user = await world.db.prisma.user.create({
      data: { email, displayName: name, role, ...of, preferences: { create: preferences } },
    });
    return user.id;
  }

  let clients = 0;
  /** Registers a trajectory as the Zeist consultant (or another) for provider A (or another), returning its id. */
  async function register(
    providerId: string = demoIds.providerA,
    by: ReturnType<typeof as> = as(demoIds.consultant),
  ): Promise<string> {
    clients += 1;
    const res = await by.post('/trajectories', {
      client: { bsn: bsnOf(clients), fullName: `Test Client ${clients}`, dateOfBirth: '1980-02-29' },
      providerId,
    });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { trajectoryId: string }).trajectoryId;
  }

  /** An hourly, extendable indication (02B05, 3 hours a week, every ZRM domain at 4) in force since a month ago. */
  async function inCare(
    productCode = '02B05',
    hoursPerWeek: number | null = 3,
    startDate = addDays(dateOf(new Date()), -30),
  ): Promise<string> {
    const today = dateOf(new Date());
    const id = await register(demoIds.providerA);
    await as(demoIds.providerUserA).post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
    const indication = { productCode, startDate, endDate: addMonths(today, 3), hoursPerWeek, zrm };
    await as(demoIds.consultant).post(`/trajectories/${id}/indication`, indication).expect(200);
    return id;
  }

  /**
   * An open task of a trajectory, as the workflow raises it, for the Zeist team (or provider A): due
   * `dueInDays` from now, raised `raisedDaysAgo` days ago (a month unless said).
   */
  const openTask = (
    trajectoryId: string,
    kind: string,
    { dueInDays = 7, raisedDaysAgo = 30, forProvider = false } = {},
  ) =>
    world.db.prisma.task.create({
      data: {
        idempotencyKey: `test:${kind}:${trajectoryId}`,
        trajectoryId,
        kind,
        ...(forProvider
          ? { assigneeRole: 'PROVIDER' as const, providerId: demoIds.providerA }
          : { assigneeRole: 'CONSULTANT' as const, teamId: demoIds.teamZeist }),
        dueAt: new Date(Date.now() + dueInDays * 86_400_000),
        createdAt: new Date(Date.now() - raisedDaysAgo * 86_400_000),
      },
    });

  return {
    ...world,
    inCare,
    openTask,
    app: () => app!,
    logs,
    taskQueue,
    jwtSecret,
    as,
    asNew,
    colleague,
    register,
    consultant: as(demoIds.consultant),
    otherConsultant: as(demoIds.consultantDordrecht),
    providerA: as(demoIds.providerUserA),
    providerB: as(demoIds.providerUserB),
    operations: as(demoIds.operations),
  };
}
