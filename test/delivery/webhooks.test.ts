import { createServer, type Server } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { webhookHeaders } from '../../activities/delivery/webhook';
import { testWebhook } from '../../api/webhook-test';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { at, intakeNotice as notice, outboxFor, quickRetry, testDelivery, testSecrets } from '../support/delivery';
import { eventually } from '../support/eventually';

/** Issue 10: notifications leave the outbox by webhook (Standard Webhooks), at least once and never lost. */
describe('delivery over webhooks', () => {
  const api = useApi({ delivery: () => testDelivery(undefined, quickRetry) });
  const { operations } = api;
  const prisma = () => api.db.prisma;
  const enqueue = outboxFor(api, () => testDelivery(undefined, quickRetry));
  const storedSecretOf = async (providerId: string) =>
    (await prisma().provider.findUniqueOrThrow({ where: { id: providerId } })).webhookSecret;

  const hits: { headers: Record<string, string>; body: string }[] = [];
  /** Every registration is told to its provider's webhook too (the first webhook test reads it); the tests count the notices they send. */
  const isRegistration = (h: { body: string }) => h.body.includes('"type":"CLIENT_REGISTERED"');
  const notices = () => hits.filter((h) => !isRegistration(h));
  let failNext = 0;
  /** The next notice whose body contains this is not answered until the test releases it. */
  let holdNext: string | undefined;
  const held: (() => void)[] = [];
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const hit = { headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString() };
        hits.push(hit);
        if (holdNext && hit.body.includes(holdNext)) {
          holdNext = undefined;
          held.push(() => res.end());
          return;
        }
        // A registration's notice may arrive late, in the next test: it leaves that test's failure for its own.
        res.statusCode = !isRegistration(hit) && failNext-- > 0 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  });
  afterAll(() => {
    for (const release of held) release();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('when operations set a provider webhook, then the secret is shown once and never again', async () => {
    const set = await operations
      .post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url })
      .expect(200);
    expect(set.body).toMatchObject({
      webhookUrl: url,
      webhookSecretSet: true,
      webhookSecret: expect.stringMatching(/^whsec_/),
    });
    const read = await operations.get(`/providers/${demoIds.providerB}/notification-settings`).expect(200);
    expect(read.body).toEqual({
      providerId: demoIds.providerB,
      name: 'Demo Zorg B',
      contactEmails: [],
      webhookUrl: url,
      webhookSecretSet: true,
    });
    await operations
      .post(`/providers/${demoIds.providerB}/notification-settings`, { webhookSecret: 'not-a-secret' })
      .expect(400);
    await api.providerB.get(`/providers/${demoIds.providerB}/notification-settings`).expect(403);
    const every = await operations.get('/providers/notification-settings').expect(200);
    expect(every.body.items).toContainEqual(read.body);
    expect(every.body.items.map((p: { providerId: string }) => p.providerId)).toEqual(
      expect.arrayContaining([demoIds.providerA, demoIds.providerB]),
    );
    expect(JSON.stringify(every.body)).not.toContain('whsec_');
    await api.providerB.get('/providers/notification-settings').expect(403);
    const stored = await storedSecretOf(demoIds.providerB);
    expect(stored).toMatch(/^sealed:test:/);
    expect(stored).not.toContain(String(set.body.webhookSecret).slice(6));
  });

  it('when a notice goes to a provider with a webhook, then an independent Standard Webhooks verifier accepts it (after a failed attempt, with the same id), and rejects a tampered body or an old timestamp', async () => {
    const secret = 'whsec_' + Buffer.from('a webhook secret of 32 bytes!!!!').toString('base64');
    await operations
      .post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url, webhookSecret: secret })
      .expect(200);
    expect(await storedSecretOf(demoIds.providerB)).not.toContain(secret.slice(6)); // the worker opens it to sign
    const trajectoryId = await api.register(demoIds.providerB);
    const verifier = new Webhook(secret);
    // The registration goes to the provider's system first: an event it can plan the intake from.
    const [registered] = await eventually(
      async () => hits.filter((h) => isRegistration(h) && h.body.includes(trajectoryId)),
      (h) => h.length === 1,
    );
    expect(verifier.verify(registered!.body, registered!.headers)).toMatchObject({
      type: 'CLIENT_REGISTERED',
      data: { trajectoryId, dueAt: expect.any(String), notificationId: expect.any(String) },
    });
    failNext = 1;
    await enqueue({ ...notice(trajectoryId), providerId: demoIds.providerB });
    const mine = () => notices().filter((h) => h.body.includes(trajectoryId));
    await eventually(
      async () => mine(),
      (h) => h.length === 2,
    );
    const [failed, delivered] = [at(mine(), 0), at(mine(), 1)];
    expect(delivered.headers['webhook-id']).toBe(failed.headers['webhook-id']);
    const payload = verifier.verify(delivered.body, delivered.headers) as {
      type: string;
      data: Record<string, string>;
    };
    expect(payload).toMatchObject({
      type: 'INTAKE_DUE_SOON',
      data: { trajectoryId, dueAt: '2026-12-07T23:00:00.000Z' },
    });
    expect(Object.keys(payload.data).sort()).toEqual(['dueAt', 'notificationId', 'trajectoryId']);
    expect(() => verifier.verify(delivered.body.replace(trajectoryId, randomUUID()), delivered.headers)).toThrow();
    const old = webhookHeaders(
      secret,
      String(delivered.headers['webhook-id']),
      delivered.body,
      new Date(Date.now() - 3_600_000),
    );
    expect(() => verifier.verify(delivered.body, old)).toThrow(/too old/i);
    await eventually(
      () =>
        prisma().delivery.findFirstOrThrow({
          where: { channel: 'WEBHOOK', notification: { trajectoryId, kind: 'INTAKE_DUE_SOON' } },
        }),
      (d) => d.state === 'SENT' && d.attempts === 2,
    );
    // The same secret again: sealed anew (under the first key, so a rotated one can retire), audited as unchanged.
    const before = await storedSecretOf(demoIds.providerB);
    await operations
      .post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url, webhookSecret: secret })
      .expect(200);
    const after = await storedSecretOf(demoIds.providerB);
    expect(after).not.toBe(before);
    expect(testSecrets.open(String(after))).toBe(secret);
    const audited = await prisma().auditEvent.findFirstOrThrow({
      where: { action: 'PROVIDER_NOTIFICATION_SETTINGS_CHANGED' },
      orderBy: { id: 'desc' },
    });
    expect(audited.data).toMatchObject({ providerId: demoIds.providerB, secretChanged: false });
  });

  it("when the key that sealed a provider's webhook secret is no longer configured, then its delivery goes to the dead letters at once, saying which key", async () => {
    const { webhookSecret } = await prisma().provider.findUniqueOrThrow({ where: { id: demoIds.providerB } });
    const rotatedOut = `sealed:retired:${randomBytes(48).toString('base64')}`;
    await prisma().provider.update({ where: { id: demoIds.providerB }, data: { webhookSecret: rotatedOut } });
    try {
      const trajectoryId = await api.register(demoIds.providerB);
      const before = notices().length;
      await enqueue({ ...notice(trajectoryId), providerId: demoIds.providerB });
      const dead = await eventually(
        () =>
          prisma().delivery.findFirstOrThrow({
            where: { channel: 'WEBHOOK', notification: { trajectoryId, kind: 'INTAKE_DUE_SOON' } },
          }),
        (d) => d.state === 'DEAD',
      );
      expect(dead).toMatchObject({ attempts: 1, lastError: expect.stringContaining('key "retired"') });
      expect(notices().length).toBe(before);
    } finally {
      await prisma().provider.update({ where: { id: demoIds.providerB }, data: { webhookSecret } });
    }
  });

  it("when operations test a provider's webhook, then a signed test message arrives that an independent verifier accepts, a refusing receiver is reported, and none is sent inside the network unless allowed", async () => {
    const secret = 'whsec_' + Buffer.from('the test webhook secret, 32 b!!!').toString('base64');
    await operations
      .post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url, webhookSecret: secret })
      .expect(200);
    const tested = await operations.post(`/providers/${demoIds.providerB}/webhook-test`).expect(200);
    expect(tested.body).toEqual({
      providerId: demoIds.providerB,
      webhookId: expect.stringMatching(/^test_/),
      delivered: true,
      status: 204,
    });
    const hit = hits.find((h) => h.headers['webhook-id'] === tested.body.webhookId);
    expect(new Webhook(secret).verify(String(hit?.body), hit?.headers ?? {})).toMatchObject({
      type: 'WEBHOOK_TEST',
      data: { providerId: demoIds.providerB },
    });

    failNext = 1;
    const refused = await operations.post(`/providers/${demoIds.providerB}/webhook-test`).expect(200);
    expect(refused.body).toMatchObject({ delivered: false, error: 'The webhook answered 500' });
    expect(
      await prisma().auditEvent.count({
        where: { action: 'PROVIDER_WEBHOOK_TESTED', data: { path: ['providerId'], equals: demoIds.providerB } },
      }),
    ).toBe(2);

    // The API's own setting, as the worker's: by default nothing inside this network is reached.
    const before = notices().length;
    const guarded = await testWebhook(
      { prisma: prisma(), secrets: testSecrets },
      demoIds.providerB,
      demoIds.operations,
    );
    expect(guarded).toMatchObject({
      delivered: false,
      error: expect.stringContaining('127.0.0.1, an address inside'),
    });
    expect(notices().length).toBe(before);

    await api.consultant.post(`/providers/${demoIds.providerB}/webhook-test`).expect(403);
    await operations.post(`/providers/${randomUUID()}/webhook-test`).expect(404);
    const none = await operations.post(`/providers/${demoIds.providerA}/webhook-test`).expect(409);
    expect(none.body.error.code).toBe('NO_WEBHOOK');
  });

  it('when operations correct a webhook address after its delivery was dead-lettered, then the retry goes to the address set now', async () => {
    const unreachable = 'http://127.0.0.1:1/hook';
    await operations
      .post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: unreachable })
      .expect(200);
    const trajectoryId = await api.register(demoIds.providerB);
    await enqueue({ ...notice(trajectoryId), providerId: demoIds.providerB });
    const dead = await eventually(
      () =>
        prisma().delivery.findFirstOrThrow({
          where: { channel: 'WEBHOOK', notification: { trajectoryId, kind: 'INTAKE_DUE_SOON' } },
        }),
      (d) => d.state === 'DEAD',
    );
    expect(dead.address).toBe(unreachable);
    await operations.post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url }).expect(200);
    const again = await operations.post(`/deliveries/${dead.id}/retry`).expect(200);
    expect(again.body).toMatchObject({ address: url, addressChanged: true, retries: 1 });
    await eventually(
      async () => notices().filter((h) => h.body.includes(trajectoryId)),
      (h) => h.length === 1,
    );
    expect(await prisma().delivery.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      state: 'SENT',
      address: url,
    });
    const audited = await prisma().auditEvent.findFirstOrThrow({
      where: { action: 'DELIVERY_RETRIED', data: { path: ['deliveryId'], equals: dead.id } },
    });
    expect(audited.data).toMatchObject({ addressChanged: true });
  });

  it('when a webhook points into this network and the worker may not reach it there, then the delivery goes to the dead letters at once, naming the address, and nothing is sent', async () => {
    await operations.post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url }).expect(200);
    const trajectoryId = await api.register(demoIds.providerB);
    const taskQueue = `internal-${randomUUID()}`;
    const delivery = { ...testDelivery(undefined, quickRetry), allowInternalWebhooks: false };
    const before = notices().length;
    const worker = await api.newWorker(taskQueue, { delivery });
    await worker.runUntil(async () => {
      // The notice is written, and first sent, by the worker: with its settings.
      await outboxFor(api, () => delivery)({ ...notice(trajectoryId), providerId: demoIds.providerB }, taskQueue);
      const dead = await eventually(
        () =>
          prisma().delivery.findFirstOrThrow({
            where: { channel: 'WEBHOOK', notification: { trajectoryId, kind: 'INTAKE_DUE_SOON' } },
          }),
        (d) => d.state === 'DEAD',
      );
      expect(dead).toMatchObject({
        attempts: 1,
        lastError: expect.stringContaining('127.0.0.1, an address inside this network'),
      });
    });
    expect(notices().length).toBe(before);
  });
  it('when a receiver does not answer, then the notice waits at most five seconds for its first attempt (the trajectory goes on) and its delivery workflow sends it, with the same id', async () => {
    await operations.post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url }).expect(200);
    const trajectoryId = await api.register(demoIds.providerB);
    holdNext = trajectoryId;
    await enqueue({ ...notice(trajectoryId), providerId: demoIds.providerB });
    expect(held).toHaveLength(1); // the first attempt still waits for its answer
    const mine = () => notices().filter((h) => h.body.includes(trajectoryId));
    const [first, second] = await eventually(
      async () => mine(),
      (h) => h.length === 2,
    );
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    await eventually(
      () =>
        prisma().delivery.findFirstOrThrow({
          where: { channel: 'WEBHOOK', notification: { trajectoryId, kind: 'INTAKE_DUE_SOON' } },
        }),
      (d) => d.state === 'SENT',
    );
    held.shift()?.();
  });
});
