import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { messageIdOf } from '../../activities/delivery/mailer';
import { addDays, dateOf } from '../../domain/calendar';
import { dutchDateWithWeekday } from '../../domain/dutch-dates';
import { demoIds } from '../../prisma/seed/demo';
import { assignmentNotices } from '../../api/assignment-notice';
import { deliveryWorkflowId } from '../../workflows/delivery/contracts';
import { byRecipientRole, putInOutbox } from '../../prisma/records/outbox';
import { useApi } from '../support/api';
import { at, intakeNotice as notice, outboxFor, quickRetry, TEST_APP_URL, testDelivery } from '../support/delivery';
import { eventually } from '../support/eventually';
import { useSmtpReceiver } from '../support/smtp';

/** Issue 10: notifications leave the outbox by e-mail, at least once and never lost (webhooks: webhooks.test.ts). */
describe('delivery over SMTP', () => {
  const smtp = useSmtpReceiver();
  const api = useApi({ delivery: () => testDelivery(smtp.mailer(), quickRetry) });
  const { operations, providerA } = api;
  const prisma = () => api.db.prisma;

  const enqueue = outboxFor(api, () => testDelivery(smtp.mailer(), quickRetry));

  const contactsOfA = ['planning@a.test', 'teamleider@a.test'] as const;
  const [planning] = contactsOfA;
  beforeAll(async () => {
    await operations
      .post(`/providers/${demoIds.providerA}/notification-settings`, { contactEmails: contactsOfA })
      .expect(200);
  });
  beforeEach(() => smtp.accept());

  // Every registration tells its provider (the first test reads that e-mail); the others count the notices they send.
  const registration = (m: { subject: string }) => m.subject.startsWith('Cliënt aangemeld');
  const allMailsTo = (address: string, trajectoryId: string) =>
    smtp.received.filter((m) => m.to.includes(address) && m.text.includes(trajectoryId));
  const mailsTo = (address: string, trajectoryId: string) =>
    allMailsTo(address, trajectoryId).filter((m) => !registration(m));
  const deliveriesOf = (trajectoryId: string) =>
    prisma().delivery.findMany({
      where: { notification: { trajectoryId, kind: { not: 'CLIENT_REGISTERED' } } },
      orderBy: { address: 'asc' },
    });

  it('when a trajectory is registered 13 days late, then each contact address of its provider gets the registration and the intake reminder in Dutch, with the intake deadline and a link, and nothing personal', async () => {
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
        async () => allMailsTo(address, id),
        (m) => m.length === 2,
      );
    const mail = at(mailsTo(planning, id), 0);
    const due = dutchDateWithWeekday(addDays(dateOf(registeredAt), 14)); // within two weeks: the 14th day is the last
    expect(mail.subject).toContain('Intake binnenkort verwacht');
    expect(mail.text).toContain(`uiterlijk ${due}`);
    const told = at(allMailsTo(planning, id).filter(registration), 0);
    expect(told.text).toContain('Er is een cliënt bij u aangemeld');
    expect(told.text).toContain(`Dit moet uiterlijk ${due}.`);
    expect(mail.text).toContain(`${TEST_APP_URL}/trajecten/${id}`);
    expect(mail.html).toContain(`href="${TEST_APP_URL}/trajecten/${id}"`);
    const { idempotencyKey } = await prisma().notification.findFirstOrThrow({
      where: { trajectoryId: id, kind: 'INTAKE_DUE_SOON' },
    });
    expect(mail.idempotencyKey).toBe(idempotencyKey);
    expect(mail.messageId).toBe(messageIdOf(idempotencyKey, 'wmo.test'));
    for (const m of allMailsTo(contactsOfA[1], id).concat(allMailsTo(planning, id))) {
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

  it('when a notice is written and the server accepts it, then it has gone before the activity returns, without a delivery workflow', async () => {
    const trajectoryId = await api.register();
    await enqueue(notice(trajectoryId));
    for (const address of contactsOfA) expect(mailsTo(address, trajectoryId)).toHaveLength(1);
    const sent = await deliveriesOf(trajectoryId);
    expect(sent).toMatchObject(contactsOfA.map((address) => ({ address, state: 'SENT', attempts: 1 })));
    const workflow = api.env.client.workflow.getHandle(deliveryWorkflowId(at(sent, 0).notificationId));
    await expect(workflow.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('when the activity died after writing a notice and is retried, then the retry hands its deliveries to the delivery workflow, which sends each once', async () => {
    const trajectoryId = await api.register();
    const n = { ...notice(trajectoryId), idempotencyKey: `test:crashed:${trajectoryId}` };
    const { notificationId } = await putInOutbox(prisma(), n, byRecipientRole); // what the first run left
    await enqueue(n);
    expect(mailsTo(planning, trajectoryId)).toEqual([]); // no first attempt here: the rows were not this run's
    await api.env.client.workflow.getHandle(deliveryWorkflowId(notificationId)).result();
    for (const address of contactsOfA) expect(mailsTo(address, trajectoryId)).toHaveLength(1);
    const sent = await deliveriesOf(trajectoryId);
    expect(sent).toMatchObject(contactsOfA.map((address) => ({ address, state: 'SENT', attempts: 1 })));
  });

  it('when the SMTP server refuses for a while and comes back, then the message arrives once, later', async () => {
    const trajectoryId = await api.register();
    smtp.refuse(451);
    await enqueue(notice(trajectoryId));
    // The first attempt failed at once; the delivery workflow retries.
    const [first] = await deliveriesOf(trajectoryId);
    expect(first).toMatchObject({ state: 'PENDING', attempts: 1, lastError: expect.stringContaining('451') });
    const workflow = api.env.client.workflow.getHandle(deliveryWorkflowId(String(first?.notificationId)));
    expect((await workflow.describe()).status.name).toBe('RUNNING');
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
    expect(first).toMatchObject({ attempts: quickRetry.maximumAttempts, lastError: expect.stringContaining('451') });

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

  it('when a delivery was closed without sending by mistake, then operations send it after all, once, audited from where it was', async () => {
    const { trajectoryId, dead } = await deadLettered();
    const closedByMistake = at(dead, 0);
    smtp.accept();
    await operations.post(`/deliveries/${closedByMistake.id}/dismiss`).expect(200);
    const again = await operations.post(`/deliveries/${closedByMistake.id}/retry`).expect(200);
    expect(again.body).toMatchObject({ state: 'PENDING', retries: 1, address: closedByMistake.address });
    await operations.post(`/deliveries/${closedByMistake.id}/retry`).expect(409);
    await sent(closedByMistake.id);
    expect(mailsTo(closedByMistake.address, trajectoryId)).toHaveLength(1);
    const audit = await prisma().auditEvent.findFirstOrThrow({
      where: { action: 'DELIVERY_RETRIED', data: { path: ['deliveryId'], equals: closedByMistake.id } },
    });
    expect(audit.data).toMatchObject({ from: 'DISMISSED', addressChanged: false });
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

  it('when a consultant chooses the inbox only, or leaves the team, after their e-mail was dead-lettered, then a retry to them is refused (409, nothing sent); once they want it by e-mail again it goes out once', async () => {
    const trajectoryId = await api.register();
    smtp.refuse(451);
    await enqueue({
      trajectoryId,
      recipientRole: 'CONSULTANT',
      teamId: demoIds.teamZeist,
      kind: 'MONTH_DOUBLED',
      payload: { trajectoryId, month: '2026-11-01' },
    });
    const own = await eventually(
      () => prisma().delivery.findFirst({ where: { notification: { trajectoryId }, userId: demoIds.consultant } }),
      (d) => d?.state === 'DEAD',
    );
    if (!own) throw new Error('no delivery to the consultant');
    smtp.accept();
    const choose = (mode: string) =>
      api.consultant
        .post('/me/notification-preferences', { preferences: [{ kind: 'MONTH_DOUBLED', mode }] })
        .expect(200);
    const moveTo = (teamId: string) => prisma().user.update({ where: { id: demoIds.consultant }, data: { teamId } });
    const refused = async () => {
      const res = await operations.post(`/deliveries/${own.id}/retry`).expect(409);
      expect(res.body.error.code).toBe('NOT_A_RECIPIENT');
      expect(await prisma().delivery.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({
        state: 'DEAD',
        retries: 0,
      });
    };
    try {
      await choose('INBOX_ONLY');
      await refused();
      await choose('DIGEST'); // still by e-mail: a retry of what failed goes now
      await moveTo(demoIds.teamDordrecht);
      await refused();
      await moveTo(demoIds.teamZeist);
      const again = await operations.post(`/deliveries/${own.id}/retry`).expect(200);
      expect(again.body).toMatchObject({ address: own.address, addressChanged: false });
      await sent(own.id);
      expect(mailsTo(own.address, trajectoryId)).toHaveLength(1);
    } finally {
      await moveTo(demoIds.teamZeist);
      await choose('IMMEDIATE');
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

  it('when a consultant gives a task to a colleague, then the colleague alone gets one Dutch e-mail naming the task and its last day, with nothing personal', async () => {
    const colleague = await api.colleague('Collega Zeist', 'collega@zeist.test', { teamId: demoIds.teamZeist });
    const trajectoryId = await api.register();
    const task = await api.openTask(trajectoryId, 'FOLLOW_UP_PLAN', { dueInDays: 3 });
    await api.consultant.post(`/tasks/${task.id}/assignee`, { userId: colleague }).expect(200);
    const mail = at(
      await eventually(
        async () => mailsTo('collega@zeist.test', trajectoryId),
        (m) => m.length === 1,
      ),
      0,
    );
    expect(mail.subject).toMatch(
      /^Taak aan u toegewezen: Vervolgplan \(uiterlijk [a-z]+ \d{1,2} [a-z]+ \d{4}\) – T-[0-9A-F]{8}$/,
    );
    expect(mail.text).toContain('Een collega heeft u de taak Vervolgplan gegeven.');
    expect(mail.text).toContain(`${TEST_APP_URL}/trajecten/${trajectoryId}`);
    const identity = await prisma().clientIdentity.findFirstOrThrow({
      where: { client: { trajectories: { some: { id: trajectoryId } } } },
    });
    for (const secret of [identity.bsn, identity.fullName, 'Collega Zeist'])
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(secret);
    // Nobody else: not the team's mailbox, not the one who gave it.
    const told = smtp.received.filter(
      (m) => m.subject.startsWith('Taak aan u toegewezen') && m.text.includes(trajectoryId),
    );
    expect(told).toHaveLength(1);
    await eventually(
      () => prisma().delivery.findMany({ where: { notification: { trajectoryId, kind: 'TASK_ASSIGNED' } } }),
      (ds) => ds.length === 1 && ds[0]?.state === 'SENT',
    );
  });

  it("when the API stopped between a task assignment's commit and the start of its e-mail, then its next start sends it, once", async () => {
    const colleague = await api.colleague('Collega Twee', 'collega2@zeist.test', { teamId: demoIds.teamZeist });
    const trajectoryId = await api.register();
    const task = await api.openTask(trajectoryId, 'RISK_ANALYSIS');
    const notices = assignmentNotices({
      prisma: prisma(),
      temporal: api.env.client,
      taskQueue: api.taskQueue,
      deliveryRetry: quickRetry,
    });
    // The assignment and its notification committed; the process died before starting the sending.
    await prisma().$transaction(async (tx) => {
      await tx.task.update({ where: { id: task.id }, data: { assigneeUserId: colleague } });
      await notices.write(tx, task, colleague, `stranded-${task.id}`);
    });
    expect(await notices.resume()).toBe(1);
    await eventually(
      async () => mailsTo('collega2@zeist.test', trajectoryId),
      (m) => m.length === 1,
    );
    await eventually(
      () => prisma().delivery.findMany({ where: { notification: { trajectoryId, kind: 'TASK_ASSIGNED' } } }),
      (ds) => ds.length === 1 && ds[0]?.state === 'SENT',
    );
    // Sent: a later start finds nothing to resume.
    expect(await notices.resume()).toBe(0);
  });
});
