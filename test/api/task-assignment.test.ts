import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';

/** A team shares its work list: who picked a task up (opgepakt) is there for everyone to see. */
describe('API: picking up a task', () => {
  const api = useApi();
  const { consultant, providerA } = api;
  let trajectoryId = '';
  let colleague = '';

  beforeAll(async () => {
    trajectoryId = await api.register(demoIds.providerA);
    colleague = await api.colleague('Collega Zeist', 'collega@zeist.test', { teamId: demoIds.teamZeist });
  });

  const open = (kind: string) => api.openTask(trajectoryId, kind, { dueInDays: 1 });
  const listed = async (query = '') =>
    (await consultant.get(`/tasks?trajectoryId=${trajectoryId}${query}`).expect(200)).body.items.map(
      (t: { id: string; assignee: { name: string } | null }) => [t.id, t.assignee?.name ?? null],
    );
  const assign = (taskId: string, userId: string | null, who = consultant) =>
    who.post(`/tasks/${taskId}/assignee`, { userId });

  it('when a consultant picks one task up and gives another to a colleague, then the list says who has which, filters by me and by nobody, and the audit names the task and the person', async () => {
    const risk = await open('RISK_ANALYSIS');
    const plan = await open('FOLLOW_UP_PLAN');
    expect(await listed('&assignee=nobody')).toEqual([
      [risk.id, null],
      [plan.id, null],
    ]);
    const picked = await assign(risk.id, demoIds.consultant).expect(200);
    expect(picked.body).toEqual({ id: risk.id, assignee: { id: demoIds.consultant, name: 'Demo consulent' } });
    await assign(plan.id, colleague).expect(200);
    expect(await listed()).toEqual([
      [risk.id, 'Demo consulent'],
      [plan.id, 'Collega Zeist'],
    ]);
    expect(await listed('&assignee=me')).toEqual([[risk.id, 'Demo consulent']]);
    expect(await listed('&assignee=nobody')).toEqual([]);

    // Given back: nobody has it.
    await assign(plan.id, null).expect(200);
    expect(await listed('&assignee=nobody')).toEqual([[plan.id, null]]);
    const audit = await api.db.prisma.auditEvent.findMany({
      where: { trajectoryId, action: 'TASK_ASSIGNED' },
      orderBy: { occurredAt: 'asc' },
    });
    expect(audit.map((a) => [a.actorId, a.data])).toEqual([
      [demoIds.consultant, { taskId: risk.id, kind: 'RISK_ANALYSIS', assigneeUserId: demoIds.consultant }],
      [demoIds.consultant, { taskId: plan.id, kind: 'FOLLOW_UP_PLAN', assigneeUserId: colleague }],
      [demoIds.consultant, { taskId: plan.id, kind: 'FOLLOW_UP_PLAN', assigneeUserId: null }],
    ]);
    // The trajectory's timeline names the person a task was given to, and no one for the others.
    const { timeline } = (await consultant.get(`/trajectories/${trajectoryId}`).expect(200)).body;
    expect(
      timeline
        .filter((e: { action: string }) => e.action === 'TASK_ASSIGNED')
        .map((e: { actorName: string; assigneeName: string | null }) => [e.actorName, e.assigneeName]),
    ).toEqual([
      ['Demo consulent', 'Demo consulent'],
      ['Demo consulent', 'Collega Zeist'],
      ['Demo consulent', null],
    ]);
  });

  it('when a task would go to someone outside its team, or is not in scope, or is done, then it is refused and stays as it was', async () => {
    const task = await open('INTERIM_EVALUATION');
    for (const outsider of [demoIds.consultantDordrecht, demoIds.providerUserA, demoIds.operations]) {
      const refused = await assign(task.id, outsider).expect(422);
      expect(refused.body.error.details).toEqual([
        expect.objectContaining({ path: 'body.userId', rule: 'ASSIGNEE_OUT_OF_SCOPE' }),
      ]);
    }
    expect((await assign(task.id, demoIds.providerUserA, providerA)).status).toBe(404);
    expect((await assign(task.id, demoIds.consultant, api.otherConsultant)).status).toBe(404);
    const badId = await assign(task.id, 'someone').expect(400);
    expect(badId.body.error.details).toEqual([expect.objectContaining({ path: 'body.userId' })]);
    await consultant.post(`/tasks/${task.id}/complete`, {}).expect(200);
    expect((await assign(task.id, demoIds.consultant)).status).toBe(409);
    await expect(api.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).resolves.toMatchObject({
      assigneeUserId: null,
      status: 'DONE',
    });
  });

  it('when a consultant or provider asks who a task can go to, then they get the people of their own team or provider, by name, themselves included; operations have no colleagues here', async () => {
    const names = async (who: typeof consultant) =>
      (await who.get('/me/colleagues').expect(200)).body.items.map((p: { id: string; name: string }) => [p.id, p.name]);
    expect(await names(consultant)).toEqual([
      [colleague, 'Collega Zeist'],
      [demoIds.consultant, 'Demo consulent'],
    ]);
    expect(await names(api.otherConsultant)).toEqual([[demoIds.consultantDordrecht, 'Demo consulent Dordrecht']]);
    expect(await names(providerA)).toEqual([[demoIds.providerUserA, 'Demo begeleider A']]);
    expect((await api.operations.get('/me/colleagues')).status).toBe(403);
  });

  it('when a consultant gives a task to a colleague, then the colleague is told in their inbox and by e-mail as they prefer, with ids and dates only; picking up, giving back or giving it again to the one who has it tells nobody', async () => {
    const told = () =>
      api.db.prisma.notification.findMany({
        where: { trajectoryId, kind: 'TASK_ASSIGNED' },
        include: { deliveries: { select: { channel: true, address: true, userId: true } } },
        orderBy: { createdAt: 'asc' },
      });
    const before = (await told()).length;
    const task = await open('DECIDE_EXTENSION');
    await assign(task.id, demoIds.consultant).expect(200);
    await assign(task.id, null).expect(200);
    expect(await told()).toHaveLength(before);

    await assign(task.id, colleague).expect(200);
    await assign(task.id, colleague).expect(200); // again: she has it already
    const [notice, ...more] = (await told()).slice(before);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({
      recipientRole: 'CONSULTANT',
      teamId: demoIds.teamZeist,
      userId: colleague,
      payload: { trajectoryId, taskId: task.id, taskKind: 'DECIDE_EXTENSION', dueAt: task.dueAt.toISOString() },
      deliveries: [{ channel: 'EMAIL', address: 'collega@zeist.test', userId: colleague }],
    });
    // Her inbox has it; the one who gave it, and the rest of the team, do not.
    const herInbox = await (await api.asNew(colleague)).get('/notifications').expect(200);
    expect(herInbox.body.items.map((n: { id: string }) => n.id)).toContain(notice!.id);
    const ownInbox = await consultant.get('/notifications').expect(200);
    expect(ownInbox.body.items.map((n: { id: string }) => n.id)).not.toContain(notice!.id);

    // Who reads such news in the inbox only gets no e-mail.
    await (
      await api.asNew(colleague)
    )
      .post('/me/notification-preferences', { preferences: [{ kind: 'TASK_ASSIGNED', mode: 'INBOX_ONLY' }] })
      .expect(200);
    const next = await open('DECIDE_EXPANSION');
    await assign(next.id, colleague).expect(200);
    const quiet = (await told()).find((n) => (n.payload as { taskId: string }).taskId === next.id);
    expect(quiet?.deliveries).toEqual([]);
  });

  it('when a provider gives a task to a colleague who chose the daily overview, then the e-mail goes at once, since only consultants get that overview', async () => {
    const begeleider = await api.colleague('Collega A', 'collega@a.test', { providerId: demoIds.providerA }, [
      { kind: 'TASK_ASSIGNED', mode: 'DIGEST' },
    ]);
    const task = await api.openTask(trajectoryId, 'RECONTACT_AFTER_NO_SHOWS', { forProvider: true });
    await assign(task.id, begeleider, providerA).expect(200);
    const deliveries = await api.db.prisma.delivery.findMany({
      where: { notification: { kind: 'TASK_ASSIGNED', userId: begeleider } },
    });
    expect(deliveries.map((d) => [d.address, d.state === 'HELD'])).toEqual([['collega@a.test', false]]);
    // Her organisation's other people do not see it in their inbox.
    const inbox = await providerA.get('/notifications').expect(200);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).not.toContain('TASK_ASSIGNED');
  });
});
