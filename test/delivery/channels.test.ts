import { createServer, type Server } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { enqueueNotification, type EnqueueNotification } from '../../activities/notifications';
import { messageIdOf } from '../../activities/delivery/mailer';
import { deliveryStarter } from '../../activities/delivery/starter';
import { webhookHeaders } from '../../activities/delivery/webhook';
import { testWebhook } from '../../api/webhook-test';
import { intakeDueAt } from '../../domain/deadlines';
import { dutchDateWithWeekday } from '../../domain/dutch-dates';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { TEST_APP_URL, testDelivery, testSecrets } from '../support/delivery';
import { eventually } from '../support/eventually';
import { useSmtpReceiver } from '../support/smtp';

// Quick retries: six attempts within about four seconds, then the dead-letter state.
const retry = { maximumAttempts: 6, initialIntervalMs: 200, maximumIntervalMs: 1_000 };

/** Issue 10: notifications leave the outbox by e-mail and webhook, at least once and never lost. */
describe('delivery over SMTP and webhooks', () => {
  const smtp = useSmtpReceiver();
  const api = useApi({ delivery: () => testDelivery(smtp.mailer(), retry) });
  const { operations, providerA } = api;
  const prisma = () => api.db.prisma;

  /** What the worker's enqueueNotification activity does, on a queue a worker polls. */
  const enqueue = (
    n: Omit<EnqueueNotification, 'idempotencyKey'> & { idempotencyKey?: string },
    taskQueue = api.taskQueue,
  ) =>
    enqueueNotification(prisma(), {
      ...testDelivery(smtp.mailer(), retry),
      startDeliveries: deliveryStarter(api.env.client, taskQueue, retry),
    })({ idempotencyKey: `test:${randomUUID()}`, ...n });

  const contactsOfA = ['planning@a.test', 'teamleider@a.test'] as const;
  const [planning] = contactsOfA;
  beforeAll(async () => {
    await operations
      .post(`/providers/${demoIds.providerA}/notification-settings`, { contactEmails: contactsOfA })
      .expect(200);
  });
  beforeEach(() => smtp.accept());

  const mailsTo = (address: string, trajectoryId: string) =>
    smtp.received.filter((m) => m.to.includes(address) && m.text.includes(trajectoryId));
  const storedSecretOf = async (providerId: string) =>
    (await prisma().provider.findUniqueOrThrow({ where: { id: providerId } })).webhookSecret;
  const deliveriesOf = (trajectoryId: string) =>
    prisma().delivery.findMany({ where: { notification: { trajectoryId } }, orderBy: { address: 'asc' } });

  it('when a trajectory is registered 13 days late, then each contact address of its provider gets one Dutch e-mail with the intake deadline and a link, and nothing personal', async () => {
    const registeredAt = new Date(Date.now() - 13 * 86_400_000);
    const res = await api.consultant
      .post('/trajectories', {
        client: { bsn: '999990019', fullName: 'Jansen-de Vries', dateOfBirth: '1950-03-01' },
        providerId: demoIds.providerA,
        registeredAt: registeredAt.toISOString(),
      })
      .expect(201);
    const id = res.body.trajectoryId as string;
    for (const address of contactsOfA)
      await eventually(
        async () => mailsTo(address, id),
        (m) => m.length === 1,
      );
    const mail = at(mailsTo(planning, id), 0);
    const due = dutchDateWithWeekday(intakeDueAt(registeredAt));
    expect(mail.subject).toContain('Intake binnenkort verwacht');
    expect(mail.text).toContain(`uiterlijk ${due}`);
    expect(mail.text).toContain(`${TEST_APP_URL}/trajecten/${id}`);
    expect(mail.html).toContain(`href="${TEST_APP_URL}/trajecten/${id}"`);
    const { idempotencyKey } = await prisma().notification.findFirstOrThrow({ where: { trajectoryId: id } });
    expect(mail.idempotencyKey).toBe(idempotencyKey);
    expect(mail.messageId).toBe(messageIdOf(idempotencyKey, 'wmo.test'));
    for (const m of mailsTo(contactsOfA[1], id).concat([mail])) {
      for (const secret of ['999990019', 'Jansen', '1950'])
        expect(`${m.subject}${m.text}${m.html}`).not.toContain(secret);
    }
    // The row is marked SENT just after the mail has gone: wait for it, not only for the mail.
    const sent = await eventually(
      () => deliveriesOf(id),
      (ds) => ds.every((d) => d.state === 'SENT'),
    );
    expect(sent).toMatchObject(contactsOfA.map((address) => ({ address, state: 'SENT', attempts: 1 })));
    // The provider's inbox has it too, unread.
    const inbox = await providerA.get('/notifications?unread=true').expect(200);
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ trajectoryId: id, kind: 'INTAKE_DUE_SOON', readAt: null })]),
    );
  });

  it('when the SMTP server refuses for a while and comes back, then the message arrives once, later', async () => {
    const trajectoryId = await api.register();
    smtp.refuse(451);
    await enqueue(notice(trajectoryId));
    const failing = await eventually(
      () => deliveriesOf(trajectoryId),
      (ds) => ds.length === 2 && ds.every((d) => d.attempts >= 2),
    );
    expect(at(failing, 0)).toMatchObject({ state: 'PENDING', lastError: expect.stringContaining('451') });
    expect(mailsTo(planning, trajectoryId)).toEqual([]);
    smtp.accept();
    await eventually(
      () => deliveriesOf(trajectoryId),
      (ds) => ds.every((d) => d.state === 'SENT'),
    );
    for (const address of contactsOfA) expect(mailsTo(address, trajectoryId)).toHaveLength(1);
  });

  it('when the same notice is put in the outbox twice (a retried activity), then each address gets it once', async () => {
    const trajectoryId = await api.register();
    const key = `test:twice:${trajectoryId}`;
    await Promise.all([
      enqueue({ ...notice(trajectoryId), idempotencyKey: key }),
      enqueue({ ...notice(trajectoryId), idempotencyKey: key }),
    ]);
    await eventually(
      () => deliveriesOf(trajectoryId),
      (ds) => ds.length === 2 && ds.every((d) => d.state === 'SENT'),
    );
    await enqueue({ ...notice(trajectoryId), idempotencyKey: key });
    for (const address of contactsOfA) expect(mailsTo(address, trajectoryId)).toHaveLength(1);
  });

  /** A notice to provider A whose two e-mails were refused (451) until they were dead-lettered. */
  async function deadLettered() {
    const trajectoryId = await api.register();
    smtp.refuse(451);
    await enqueue(notice(trajectoryId));
    const dead = await eventually(
      () => deliveriesOf(trajectoryId),
      (ds) => ds.length === 2 && ds.every((d) => d.state === 'DEAD'),
    );
    return { trajectoryId, dead };
  }
  const sent = (id: string) =>
    eventually(
      () => prisma().delivery.findUniqueOrThrow({ where: { id } }),
      (d) => d.state === 'SENT',
    );

  it('when every attempt fails, then the delivery is dead-lettered with its error; operations list it and a retry delivers it once, audited', async () => {
    const { trajectoryId, dead } = await deadLettered();
    const [first, second] = [at(dead, 0), at(dead, 1)];
    expect(first).toMatchObject({ attempts: retry.maximumAttempts, lastError: expect.stringContaining('451') });

    await api.consultant.get('/deliveries').expect(403);
    const listed = await operations.get('/deliveries?state=DEAD&limit=100').expect(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(dead.map((d) => d.id)));

    smtp.accept();
    const again = await operations.post(`/deliveries/${first.id}/retry`).expect(200);
    expect(again.body).toMatchObject({ state: 'PENDING', retries: 1 });
    await operations.post(`/deliveries/${first.id}/retry`).expect(409);
    await sent(first.id);
    expect(mailsTo(first.address, trajectoryId)).toHaveLength(1);
    expect(mailsTo(second.address, trajectoryId)).toHaveLength(0); // not retried: still dead
    expect(
      await prisma().auditEvent.count({
        where: { action: 'DELIVERY_RETRIED', data: { path: ['deliveryId'], equals: first.id } },
      }),
    ).toBe(1);
    await operations.post(`/deliveries/${randomUUID()}/retry`).expect(404);
  });

  it('when a contact address is removed after its delivery was dead-lettered, then a retry to it is refused (409, nothing sent) while one to a remaining contact goes out, and operations can close it without sending', async () => {
    const { trajectoryId, dead } = await deadLettered();
    const [kept, removed] = [at(dead, 0), at(dead, 1)];
    expect([kept.address, removed.address]).toEqual([...contactsOfA]);
    smtp.accept();
    await operations
      .post(`/providers/${demoIds.providerA}/notification-settings`, { contactEmails: [planning, 'nieuw@a.test'] })
      .expect(200);
    try {
      const refused = await operations.post(`/deliveries/${removed.id}/retry`).expect(409);
      expect(refused.body.error.code).toBe('NOT_A_RECIPIENT');
      const again = await operations.post(`/deliveries/${kept.id}/retry`).expect(200);
      expect(again.body).toMatchObject({ address: planning, addressChanged: false });
      await sent(kept.id);
      expect(await prisma().delivery.findUniqueOrThrow({ where: { id: removed.id } })).toMatchObject({
        state: 'DEAD',
        retries: 0,
      });
      expect(mailsTo(removed.address, trajectoryId)).toHaveLength(0);

      // Operations close it without sending: out of the dead letters, kept, audited, once.
      await api.consultant.post(`/deliveries/${removed.id}/dismiss`).expect(403);
      const closed = await operations.post(`/deliveries/${removed.id}/dismiss`).expect(200);
      expect(closed.body).toEqual({ id: removed.id, state: 'DISMISSED' });
      await operations.post(`/deliveries/${removed.id}/dismiss`).expect(409);
      await operations.post(`/deliveries/${removed.id}/retry`).expect(409);
      const listed = async (state: string) =>
        (await operations.get(`/deliveries?state=${state}&limit=100`).expect(200)).body.items.map(
          (d: { id: string }) => d.id,
        );
      expect(await listed('DEAD')).not.toContain(removed.id);
      expect(await listed('DISMISSED')).toContain(removed.id);
      expect(
        await prisma().auditEvent.count({
          where: { action: 'DELIVERY_DISMISSED', data: { path: ['deliveryId'], equals: removed.id } },
        }),
      ).toBe(1);
      await operations.post(`/deliveries/${randomUUID()}/dismiss`).expect(404);
    } finally {
      await operations
        .post(`/providers/${demoIds.providerA}/notification-settings`, { contactEmails: contactsOfA })
        .expect(200);
    }
  });

  it('when the server refuses for good (550), then the delivery is dead-lettered after one attempt', async () => {
    const trajectoryId = await api.register();
    smtp.refuse(550, 'No such user');
    await enqueue(notice(trajectoryId));
    const dead = await eventually(
      () => deliveriesOf(trajectoryId),
      (ds) => ds.length === 2 && ds.every((d) => d.state === 'DEAD'),
    );
    expect(dead.map((d) => d.attempts)).toEqual([1, 1]);
  });

  it('when the worker stops during an outage and another takes over, then the message arrives exactly once', async () => {
    const trajectoryId = await api.register();
    const taskQueue = `restart-${randomUUID()}`;
    const delivery = testDelivery(smtp.mailer(), {
      maximumAttempts: 50,
      initialIntervalMs: 200,
      maximumIntervalMs: 500,
    });
    smtp.refuse(451);
    const first = await api.newWorker(taskQueue, { maxCachedWorkflows: 0, delivery });
    await first.runUntil(async () => {
      await enqueue(notice(trajectoryId), taskQueue);
      await eventually(
        () => deliveriesOf(trajectoryId),
        (ds) => ds.length === 2 && ds.every((d) => d.attempts >= 1),
      );
    });
    smtp.accept();
    const second = await api.newWorker(taskQueue, { maxCachedWorkflows: 0, delivery });
    await second.runUntil(() =>
      eventually(
        () => deliveriesOf(trajectoryId),
        (ds) => ds.every((d) => d.state === 'SENT'),
        30_000,
      ),
    );
    for (const address of contactsOfA) expect(mailsTo(address, trajectoryId)).toHaveLength(1);
  });

  describe('webhooks', () => {
    const hits: { headers: Record<string, string>; body: string }[] = [];
    let failNext = 0;
    let server: Server;
    let url = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          hits.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
          res.statusCode = failNext-- > 0 ? 500 : 204;
          res.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
      failNext = 1;
      await enqueue({ ...notice(trajectoryId), providerId: demoIds.providerB });
      const mine = () => hits.filter((h) => h.body.includes(trajectoryId));
      await eventually(
        async () => mine(),
        (h) => h.length === 2,
      );
      const [failed, delivered] = [at(mine(), 0), at(mine(), 1)];
      expect(delivered.headers['webhook-id']).toBe(failed.headers['webhook-id']);
      const verifier = new Webhook(secret);
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
        () => prisma().delivery.findFirstOrThrow({ where: { channel: 'WEBHOOK', notification: { trajectoryId } } }),
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
        const before = hits.length;
        await enqueue({ ...notice(trajectoryId), providerId: demoIds.providerB });
        const dead = await eventually(
          () => prisma().delivery.findFirstOrThrow({ where: { channel: 'WEBHOOK', notification: { trajectoryId } } }),
          (d) => d.state === 'DEAD',
        );
        expect(dead).toMatchObject({ attempts: 1, lastError: expect.stringContaining('key "retired"') });
        expect(hits.length).toBe(before);
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
      const before = hits.length;
      const guarded = await testWebhook(
        { prisma: prisma(), secrets: testSecrets },
        demoIds.providerB,
        demoIds.operations,
      );
      expect(guarded).toMatchObject({
        delivered: false,
        error: expect.stringContaining('127.0.0.1, an address inside'),
      });
      expect(hits.length).toBe(before);

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
        () => prisma().delivery.findFirstOrThrow({ where: { channel: 'WEBHOOK', notification: { trajectoryId } } }),
        (d) => d.state === 'DEAD',
      );
      expect(dead.address).toBe(unreachable);
      await operations.post(`/providers/${demoIds.providerB}/notification-settings`, { webhookUrl: url }).expect(200);
      const again = await operations.post(`/deliveries/${dead.id}/retry`).expect(200);
      expect(again.body).toMatchObject({ address: url, addressChanged: true, retries: 1 });
      await eventually(
        async () => hits.filter((h) => h.body.includes(trajectoryId)),
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
      const delivery = { ...testDelivery(smtp.mailer(), retry), allowInternalWebhooks: false };
      const before = hits.length;
      const worker = await api.newWorker(taskQueue, { delivery });
      await worker.runUntil(async () => {
        await enqueue({ ...notice(trajectoryId), providerId: demoIds.providerB }, taskQueue);
        const dead = await eventually(
          () => prisma().delivery.findFirstOrThrow({ where: { channel: 'WEBHOOK', notification: { trajectoryId } } }),
          (d) => d.state === 'DEAD',
        );
        expect(dead).toMatchObject({
          attempts: 1,
          lastError: expect.stringContaining('127.0.0.1, an address inside this network'),
        });
      });
      expect(hits.length).toBe(before);
    });
  });
});

function at<T>(items: T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index} among ${items.length}`);
  return item;
}

/** An intake reminder for provider A, as the workflow writes it: ids and dates only. */
function notice(trajectoryId: string): Omit<EnqueueNotification, 'idempotencyKey'> {
  return {
    trajectoryId,
    recipientRole: 'PROVIDER',
    providerId: demoIds.providerA,
    kind: 'INTAKE_DUE_SOON',
    payload: { trajectoryId, dueAt: '2026-12-07T23:00:00.000Z' },
  };
}
