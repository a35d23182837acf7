import { randomUUID } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import { enqueueNotification } from '../../activities/notifications';
import { sendDailyDigests } from '../../activities/delivery/digest';
import { dismissDelivery, reopenForRetry } from '../../api/dead-letters';
import { deliveryStarter } from '../../activities/delivery/starter';
import { demoIds, demoTrajectories } from '../../prisma/seed/demo';
import { ensureDigestSchedule } from '../../scripts/delivery';
import { deliveryWorkflowId, DIGEST_SCHEDULE_ID, type DigestOutcome } from '../../workflows/delivery/contracts';
import type { dailyDigest } from '../../workflows/delivery/workflow';
import { testDelivery, testSecrets } from '../support/delivery';
import { eventually } from '../support/eventually';
import { useLifecycle } from '../support/lifecycle';
import { useSmtpReceiver } from '../support/smtp';
import { startTestTemporal } from '../support/temporal';

const zeistMailbox = 'wmo-team@zeist.test';
const dordrechtMailbox = 'wmo-team@dordrecht.test';
const consultantZeist = 'consulent@zeist.example';
const trajectoryId = demoTrajectories[0]?.id ?? '';
const zeist = { teamId: demoIds.teamZeist, trajectoryId };
const dordrecht = { teamId: demoIds.teamDordrecht, trajectoryId: demoTrajectories[2]?.id ?? '' };

/** Issue 10: the consultants' daily digest, on Dutch working days only, once per recipient per day. */
describe('the daily digest', () => {
  const smtp = useSmtpReceiver();
  const world = useLifecycle(startTestTemporal);
  const taskQueue = `digest-${randomUUID()}`;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const prisma = () => world.db.prisma;

  const task = (kind: string, dueAt: string, extra: object = {}) => ({
    idempotencyKey: `test:${randomUUID()}`,
    trajectoryId,
    kind,
    assigneeRole: 'CONSULTANT' as const,
    teamId: demoIds.teamZeist,
    dueAt: new Date(dueAt),
    createdAt: new Date('2026-12-01T08:00:00Z'), // raised ahead of its due date, unless `extra` says otherwise
    ...extra,
  });

  beforeAll(async () => {
    worker = await world.newWorker(taskQueue, { delivery: testDelivery(smtp.mailer()) });
    running = worker.run();
    await prisma().team.update({ where: { id: demoIds.teamZeist }, data: { mailbox: zeistMailbox } });
    await prisma().team.update({ where: { id: demoIds.teamDordrecht }, data: { mailbox: dordrechtMailbox } });
    await prisma().task.createMany({
      data: [
        task('DECIDE_EXTENSION', '2026-12-20T10:00:00Z'), // overdue on the 28th
        task('INTAKE_OVERDUE', '2026-12-15T10:00:00Z'), // overdue, longer
        // Raised at its own moment (a third no-show): to be done at once, not late.
        task('RECONTACT_AFTER_NO_SHOWS', '2026-12-23T09:15:00Z', { createdAt: new Date('2026-12-23T09:15:00Z') }),
        task('INTERIM_EVALUATION', '2027-01-05T12:00:00Z'), // the fifth working day after the 28th (1 January is a holiday)
        task('END_EVALUATION', '2027-01-06T12:00:00Z'), // beyond five working days
        task('RISK_ANALYSIS', '2026-12-10T10:00:00Z', {
          status: 'DONE',
          completedAt: new Date('2026-12-11T10:00:00Z'),
        }), // done: not listed
        task('SUPPORT_PLAN_REVIEW', '2026-12-10T10:00:00Z', {
          assigneeRole: 'PROVIDER',
          teamId: null,
          providerId: demoIds.providerA,
        }), // the provider's: not in a consultant digest
      ],
    });
    // The Zeist consultant reads doubled months in the digest; the team mailbox gets them at once.
    await prisma().notificationPreference.create({
      data: { userId: demoIds.consultant, kind: 'MONTH_DOUBLED', mode: 'DIGEST' },
    });
    await monthDoubled('2026-11-01');
  });
  world.beforeTeardown(async () => {
    worker?.shutdown();
    await running;
  });

  const startDeliveries = () => deliveryStarter(world.env.client, taskQueue, testDelivery().retry);
  const monthDoubled = (month: string, team: { teamId: string; trajectoryId: string } = zeist) =>
    enqueueNotification(
      prisma(),
      { ...testDelivery(), startDeliveries: startDeliveries() },
      testSecrets,
    )({
      idempotencyKey: `test:doubled:${randomUUID()}`,
      trajectoryId: team.trajectoryId,
      recipientRole: 'CONSULTANT',
      teamId: team.teamId,
      kind: 'MONTH_DOUBLED',
      payload: { trajectoryId: team.trajectoryId, month },
    });
  /** The consultant's own copies of notifications they read in the digest. */
  const heldForConsultant = () =>
    prisma().delivery.findMany({
      where: { userId: demoIds.consultant, notification: { kind: 'MONTH_DOUBLED' } },
      select: { id: true, state: true, digestDay: true, sentAt: true },
    });
  const digestOn = (day: string) =>
    world.env.client.workflow.execute<typeof dailyDigest>('dailyDigest', {
      workflowId: `digest-test-${day}-${randomUUID()}`,
      taskQueue,
      args: [{ day }],
    });
  /** Where the Zeist consultant's digest of a day is. */
  const digestOf = (day: string) => ({
    notification: {
      kind: 'DAILY_DIGEST' as const,
      idempotencyKey: `digest:${day}:${demoIds.teamZeist}:${demoIds.consultant}`,
    },
  });
  /** The day's digest, run while the SMTP server refuses for good: the consultant's is dead-lettered. */
  async function refusedDigest(day: string) {
    smtp.refuse(550, 'No such mailbox');
    try {
      await digestOn(day);
      await eventually(
        () => prisma().delivery.findFirst({ where: digestOf(day), select: { id: true, state: true } }),
        (d) => d?.state === 'DEAD',
      );
    } finally {
      smtp.accept();
    }
  }
  const digestsTo = (address: string) =>
    smtp.received.filter((m) => m.to.includes(address) && m.subject.startsWith('Dagoverzicht'));

  it('when the day is a Saturday, Christmas or Koningsdag, then no digest is sent', async () => {
    await expect(digestOn('2026-12-26')).resolves.toEqual<DigestOutcome>({ skipped: 'WEEKEND', day: '2026-12-26' });
    await expect(digestOn('2026-12-25')).resolves.toEqual<DigestOutcome>({ skipped: 'HOLIDAY', day: '2026-12-25' });
    await expect(digestOn('2027-04-27')).resolves.toEqual<DigestOutcome>({ skipped: 'HOLIDAY', day: '2027-04-27' });
    expect(smtp.received.filter((m) => m.subject.startsWith('Dagoverzicht'))).toEqual([]);
  });

  it('when it is Monday 28 December 2026, then the team mailbox and the consultant each get one digest: overdue first, then the next five working days, in Dutch', async () => {
    await expect(digestOn('2026-12-28')).resolves.toEqual<DigestOutcome>({ sent: 2, day: '2026-12-28' });
    const [mailbox] = await eventually(
      async () => digestsTo(zeistMailbox),
      (m) => m.length === 1,
    );
    expect(mailbox?.subject).toBe('Dagoverzicht 28 december 2026: 2 te laat, 1 zo snel mogelijk, 1 binnenkort');
    const text = mailbox?.text ?? '';
    const order = [
      'Te laat:',
      'Intake te laat, uiterlijk dinsdag 15 december 2026',
      'Besluit over verlenging, uiterlijk zondag 20 december 2026',
      'Zo snel mogelijk:',
      'Contact na niet verschijnen, zo snel mogelijk (sinds woensdag 23 december 2026)',
      'In de komende vijf werkdagen:',
      'Tussenevaluatie bemoeizorg, uiterlijk dinsdag 5 januari 2027',
    ].map((line) => text.indexOf(line));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const absent of ['Eindevaluatie', 'Risicoanalyse', 'ondersteuningsplan', 'Meldingen'])
      expect(text).not.toContain(absent);

    const [personal] = await eventually(
      async () => digestsTo(consultantZeist),
      (m) => m.length === 1,
    );
    expect(personal?.text).toContain('Meldingen:');
    expect(personal?.text).toContain('Verbruik in een maand verdubbeld');
    // Sent with the digest that took it along, once that digest is.
    const [held] = await eventually(heldForConsultant, (d) => d.every((h) => h.state === 'SENT'));
    expect(held?.digestDay?.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    // Nothing is due for Dordrecht: no digest there.
    expect(digestsTo(dordrechtMailbox)).toEqual([]);
  });

  it('when the digest runs twice on the same day, then nobody gets a second one', async () => {
    await digestOn('2026-12-28');
    await eventually(
      () => prisma().delivery.count({ where: { state: 'PENDING', notification: { kind: 'DAILY_DIGEST' } } }),
      (n) => n === 0,
    );
    expect(digestsTo(zeistMailbox)).toHaveLength(1);
    expect(digestsTo(consultantZeist)).toHaveLength(1);
  });

  it('when a digest is refused for good, then the notifications it took along are held for it (not sent, not in the next digest) until operations send it again', async () => {
    await monthDoubled('2026-12-01');
    await refusedDigest('2026-12-29');
    const waiting = (await heldForConsultant()).filter((h) => h.state !== 'SENT');
    expect(waiting).toEqual([expect.objectContaining({ state: 'HELD', sentAt: null })]);
    expect(waiting[0]?.digestDay?.toISOString()).toBe('2026-12-29T00:00:00.000Z');

    // The next day's digest lists the tasks but not what the refused one took along.
    await digestOn('2026-12-30');
    const [next] = await eventually(
      async () => digestsTo(consultantZeist).filter((m) => m.subject.startsWith('Dagoverzicht 30 december 2026')),
      (m) => m.length === 1,
    );
    expect(next?.text).not.toContain('Meldingen');

    // Operations send the refused digest again (POST /deliveries/{id}/retry does these two steps).
    const dead = await prisma().delivery.findFirstOrThrow({ where: digestOf('2026-12-29') });
    await prisma().delivery.update({ where: { id: dead.id }, data: { state: 'PENDING', retries: 1 } });
    await startDeliveries()(deliveryWorkflowId(dead.notificationId, { deliveryId: dead.id, retries: 1 }), [dead.id]);
    const sent = await eventually(heldForConsultant, (d) => d.every((h) => h.state === 'SENT'));
    expect(sent.find((h) => h.id === waiting[0]?.id)?.sentAt).toBeInstanceOf(Date);
    expect(
      digestsTo(consultantZeist).filter((m) => m.subject.startsWith('Dagoverzicht 29 december 2026')),
    ).toHaveLength(1);
  });

  it("when operations close a refused digest without sending it, then the notifications it took along go with the next working day's digest", async () => {
    await monthDoubled('2027-01-01');
    await refusedDigest('2027-01-04'); // Monday: 1 January is a holiday, then a weekend
    const [waiting] = (await heldForConsultant()).filter((h) => h.state === 'HELD');
    expect(waiting?.digestDay?.toISOString()).toBe('2027-01-04T00:00:00.000Z');

    const dead = await prisma().delivery.findFirstOrThrow({ where: digestOf('2027-01-04') });
    await expect(dismissDelivery(prisma(), dead.id, demoIds.operations)).resolves.toEqual({
      id: dead.id,
      state: 'DISMISSED',
    });
    const audited = await prisma().auditEvent.findFirstOrThrow({
      where: { action: 'DELIVERY_DISMISSED', data: { path: ['deliveryId'], equals: dead.id } },
    });
    expect(audited.data).toMatchObject({ released: 1 });
    // Closed, a day's overview is of that day: it is not sent after all.
    await expect(reopenForRetry(prisma(), dead.id, demoIds.operations)).rejects.toMatchObject({
      status: 409,
      code: 'WRONG_STATE',
    });

    await digestOn('2027-01-05');
    const [next] = await eventually(
      async () => digestsTo(consultantZeist).filter((m) => m.subject.startsWith('Dagoverzicht 5 januari 2027')),
      (m) => m.length === 1,
    );
    expect(next?.text).toContain('Verbruik in een maand verdubbeld');
    const sent = await eventually(heldForConsultant, (d) => d.every((h) => h.state === 'SENT'));
    expect(sent.find((h) => h.id === waiting?.id)?.digestDay?.toISOString()).toBe('2027-01-05T00:00:00.000Z');
    expect(digestsTo(consultantZeist).filter((m) => m.subject.startsWith('Dagoverzicht 4 januari 2027'))).toEqual([]);
  });

  it("when the digest's run fails after a consultant's digest is in the outbox, then its retry starts that same digest", async () => {
    // Dordrecht has no tasks: the consultant's digest holds only the notice it takes along.
    await prisma().notificationPreference.create({
      data: { userId: demoIds.consultantDordrecht, kind: 'MONTH_DOUBLED', mode: 'DIGEST' },
    });
    await monthDoubled('2026-12-01', dordrecht);
    const run = (start: (workflowId: string, deliveryIds: string[]) => Promise<void>) =>
      sendDailyDigests(prisma(), { ...testDelivery(), startDeliveries: start })({ day: '2026-12-31' });
    const isTheirs = async (ids: string[]) =>
      (await prisma().delivery.count({ where: { id: { in: ids }, userId: demoIds.consultantDordrecht } })) > 0;
    await expect(
      run(async (_workflowId, ids) => {
        if (await isTheirs(ids)) throw new Error('the worker stopped before the e-mail was started');
      }),
    ).rejects.toThrow('stopped');
    const started: string[] = [];
    await run(async (_workflowId, ids) => void started.push(...ids));
    const digest = await prisma().delivery.findFirstOrThrow({
      where: { userId: demoIds.consultantDordrecht, notification: { kind: 'DAILY_DIGEST' } },
      include: { notification: true },
    });
    expect(started).toContain(digest.id);
    expect(digest.notification.payload).toMatchObject({ day: '2026-12-31', held: [expect.any(String)] });
  });

  it("when a provider has open tasks, then each of its contact addresses gets the provider's own digest (not the consultants' tasks), once a day", async () => {
    const [planning, office] = ['planning@a.test', 'kantoor@a.test'];
    await prisma().provider.update({ where: { id: demoIds.providerA }, data: { contactEmails: [planning, office] } });
    // Seed 003: the intake to hold, on the provider's list since the registration.
    await prisma().task.create({
      data: task('HOLD_INTAKE', '2027-01-08T22:59:00Z', {
        assigneeRole: 'PROVIDER',
        teamId: null,
        providerId: demoIds.providerA,
        createdAt: new Date('2026-12-28T09:00:00Z'),
      }),
    });
    const settled = () =>
      eventually(
        () =>
          prisma().delivery.findMany({
            where: { notification: { idempotencyKey: `digest:2027-01-07:provider:${demoIds.providerA}` } },
          }),
        (ds) => ds.length === 2 && ds.every((d) => d.state === 'SENT'),
      );
    await digestOn('2027-01-07');
    await settled();
    await digestOn('2027-01-07');
    await settled();
    for (const address of [planning, office]) {
      const received = digestsTo(address);
      expect(received.map((m) => m.subject)).toEqual(['Dagoverzicht 7 januari 2027: 1 te laat, 1 binnenkort']);
      const text = received[0]?.text ?? '';
      const late = text.indexOf('Bespreking ondersteuningsplan, uiterlijk donderdag 10 december 2026');
      expect(late).toBeGreaterThan(text.indexOf('Te laat:'));
      expect(text.indexOf('Intake houden, uiterlijk vrijdag 8 januari 2027')).toBeGreaterThan(late);
      for (const absent of ['Besluit over verlenging', 'Intake te laat', 'Meldingen'])
        expect(text).not.toContain(absent);
    }
  });

  it('when the schedule is ensured (twice), then it runs the digest at 07:30 Europe/Amsterdam', async () => {
    await ensureDigestSchedule(world.env.client, taskQueue);
    await ensureDigestSchedule(world.env.client, taskQueue);
    const handle = world.env.client.schedule.getHandle(DIGEST_SCHEDULE_ID);
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Amsterdam');
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({ hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] }),
    ]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'dailyDigest', taskQueue });
    await handle.delete();
  });
});
