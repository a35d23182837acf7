import { addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { eventually } from '../support/eventually';

const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
/** Amsterdam's business day, read at each use: a suite may run across midnight. */
const today = () => dateOf(new Date());

describe('API: lists, filters, pagination and KPIs', () => {
  const api = useApi();
  const { consultant, providerA, providerB, operations } = api;
  const ids: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) ids.push(await api.register(i < 4 ? demoIds.providerA : demoIds.providerB));
    for (const id of ids.slice(0, 2)) {
      await providerA.post(`/trajectories/${id}/intake`, { heldOn: today() }).expect(200);
      const indication = {
        productCode: '02B04',
        startDate: today(),
        endDate: addMonths(today(), 6),
        hoursPerWeek: 3,
        zrm: stable,
      };
      await consultant.post(`/trajectories/${id}/indication`, indication).expect(200);
    }
    await consultant.post(`/trajectories/${ids[1]}/close`, { reason: 'STEP_DOWN' }).expect(200);
  });

  it('when operations page through trajectories, then pages do not overlap and together hold every one once', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 2) {
      const res = await operations.get(`/trajectories?limit=2&offset=${offset}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ limit: 2, offset, total: ids.length });
      if (res.body.items.length === 0) break;
      seen.push(...res.body.items.map((t: { id: string }) => t.id));
    }
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('when filtered by phase, product, provider and deadline window, then only matching trajectories come back', async () => {
    const ids0 = async (query: string) =>
      (await operations.get(`/trajectories?${query}`)).body.items.map((t: { id: string }) => t.id).sort();
    expect(await ids0('phase=ACTIVE&product=02B04')).toEqual([ids[0]]);
    expect(await ids0('phase=CLOSED')).toEqual([ids[1]]);
    expect(await ids0(`providerId=${demoIds.providerB}`)).toEqual([ids[4]]);
    // Registered today: the intake is due in 14 days (its reminder comes earlier), inside 15 days and outside 13.
    expect(await ids0('phase=REGISTERED&deadlineWithinDays=15')).toEqual([ids[2], ids[3], ids[4]].sort());
    expect(await ids0('phase=REGISTERED&deadlineWithinDays=13')).toEqual([]);
    expect(await ids0('tasks=late')).toEqual([]);
    expect(await ids0('tasks=atOnce')).toEqual([]);
    const providerView = await providerB.get('/trajectories');
    expect(providerView.body.items.map((t: { id: string }) => t.id)).toEqual([ids[4]]);
  });

  it('when someone searches by BSN, then only the trajectories in their scope come back, and a BSN that fails the 11-check is a 400', async () => {
    const bsnOfTrajectory = async (id: string) =>
      (
        await api.db.prisma.trajectory.findUniqueOrThrow({
          where: { id },
          select: { client: { select: { identity: { select: { bsn: true } } } } },
        })
      ).client.identity?.bsn ?? '';
    const found = async (who: typeof consultant, bsn: string) => {
      const res = await who.post('/trajectories/search', { bsn });
      expect(res.status).toBe(200);
      return res.body.items.map((t: { id: string }) => t.id);
    };
    const ofProviderB = await bsnOfTrajectory(ids[4]!);
    expect(await found(consultant, ofProviderB)).toEqual([ids[4]]);
    expect(await found(providerB, ofProviderB)).toEqual([ids[4]]);
    expect(await found(operations, ofProviderB)).toEqual([ids[4]]);
    // Another provider, another team: the same empty answer as for a BSN nobody knows.
    expect(await found(providerA, ofProviderB)).toEqual([]);
    expect(await found(api.otherConsultant, ofProviderB)).toEqual([]);
    expect(await found(consultant, '111222333')).toEqual([]);
    const refused = await consultant.post('/trajectories/search', { bsn: '123456789' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.bsn' })]);
  });

  it('when a consultant lists tasks, then those due before now (to do at once, or late) come first and then by due date, each with its timing; completing one takes it off the list', async () => {
    const open = (kind: string, trajectoryId: string, dueInDays: number) =>
      api.openTask(trajectoryId, kind, { dueInDays });
    const later = await open('INTERIM_EVALUATION', ids[0]!, 20);
    const overdue = await open('RISK_ANALYSIS', ids[2]!, -3);
    const soon = await open('FOLLOW_UP_PLAN', ids[3]!, 2);
    // Raised a day after it was due (as a missed intake is): to do at once, never late.
    const atOnce = await api.openTask(ids[3]!, 'INTAKE_OVERDUE', { dueInDays: -5, raisedDaysAgo: 4 });
    const res = await consultant.get('/tasks');
    const ours = [later.id, overdue.id, soon.id, atOnce.id];
    const mine = res.body.items.filter((t: { id: string }) => ours.includes(t.id));
    expect(mine.map((t: { id: string; timing: string }) => [t.id, t.timing])).toEqual([
      [atOnce.id, 'AT_ONCE'],
      [overdue.id, 'LATE'],
      [soon.id, 'AHEAD'],
      [later.id, 'AHEAD'],
    ]);
    expect((await providerA.get('/tasks')).body.items.map((t: { id: string }) => t.id)).not.toContain(overdue.id);
    // One trajectory's tasks (its page lists them): only that trajectory's, only in scope.
    const ofOne = (await consultant.get(`/tasks?trajectoryId=${ids[0]}`).expect(200)).body.items;
    expect(ofOne.map((t: { id: string }) => t.id)).toContain(later.id);
    expect(ofOne.every((t: { trajectoryId: string }) => t.trajectoryId === ids[0])).toBe(true);
    expect((await api.otherConsultant.get(`/tasks?trajectoryId=${ids[0]}`).expect(200)).body.items).toEqual([]);
    const wrongId = await consultant.get('/tasks?trajectoryId=12').expect(400);
    expect(wrongId.body.error.details).toEqual([expect.objectContaining({ path: 'query.trajectoryId' })]);
    const listed = async (tasks: string) =>
      (await operations.get(`/trajectories?tasks=${tasks}`).expect(200)).body.items.map((t: { id: string }) => t.id);
    expect(await listed('late')).toEqual([ids[2]]);
    expect(await listed('atOnce')).toEqual([ids[3]]);
    await api.db.prisma.task.delete({ where: { id: atOnce.id } });

    // Named under another trajectory (a page's form names both), the task is not found and stays open.
    const elsewhere = await consultant.post(`/tasks/${overdue.id}/complete`, { trajectoryId: ids[0] });
    expect(elsewhere.status).toBe(404);
    await expect(api.db.prisma.task.findUniqueOrThrow({ where: { id: overdue.id } })).resolves.toMatchObject({
      status: 'OPEN',
    });
    const done = await consultant.post(`/tasks/${overdue.id}/complete`, {
      outcome: 'Met partners besproken',
      trajectoryId: ids[2],
    });
    expect(done.status).toBe(200);
    expect((await consultant.post(`/tasks/${overdue.id}/complete`, {})).status).toBe(409);
    const after = (await consultant.get('/tasks')).body.items.map((t: { id: string }) => t.id);
    expect(after).not.toContain(overdue.id);
    const audit = await api.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'TASK_COMPLETED', trajectoryId: ids[2] },
    });
    expect(audit.actorId).toBe(demoIds.consultant);
    // The outcome shows in the timeline for the team whose task it was, not for the provider or operations.
    const completion = async (who: typeof consultant) =>
      (await who.get(`/trajectories/${ids[2]}`).expect(200)).body.timeline.find(
        (e: { action: string }) => e.action === 'TASK_COMPLETED',
      );
    await expect(completion(consultant)).resolves.toMatchObject({
      actorName: 'Demo consulent',
      note: 'Met partners besproken',
    });
    await expect(completion(providerA)).resolves.toMatchObject({ note: null }); // ids[2] is provider A's
    await expect(completion(operations)).resolves.toMatchObject({ note: null });
  });

  it('when a provider asks for its deadlines and notifications, then it gets its own only', async () => {
    const deadlines = await providerB.get('/deadlines?withinDays=30');
    expect(deadlines.status).toBe(200);
    expect(deadlines.body.items).toEqual([
      {
        trajectoryId: ids[4],
        phase: 'REGISTERED',
        kind: 'INTAKE_OVERDUE', // the deadline itself: the intake is due then
        dueAt: expect.any(String),
        reminderAt: expect.any(String),
      },
    ]);
    const [next] = deadlines.body.items;
    expect(Date.parse(next.reminderAt)).toBeLessThan(Date.parse(next.dueAt));
    // Provider A may have heard of its trajectories' decisions already: one notice more, newest first.
    const before = (await providerA.get('/notifications')).body.total as number;
    const notice = await api.db.prisma.notification.create({
      data: {
        idempotencyKey: 'test:n1',
        trajectoryId: ids[0],
        recipientRole: 'PROVIDER',
        providerId: demoIds.providerA,
        kind: 'INTAKE_DUE_SOON',
        payload: {},
      },
    });
    const inbox = (await providerA.get('/notifications')).body;
    expect(inbox.total).toBe(before + 1);
    expect(inbox.items[0]).toMatchObject({ id: notice.id, kind: 'INTAKE_DUE_SOON' });
    // Provider B hears of its own trajectory only: the registration told to it.
    const ownB = await eventually(
      async () => (await providerB.get('/notifications')).body,
      (body) => body.total >= 1,
    );
    expect(ownB.items).toEqual([expect.objectContaining({ trajectoryId: ids[4], kind: 'CLIENT_REGISTERED' })]);
  });

  it('when operations ask for KPIs, then each provider and product has its throughput, outflow, step-down and task counts', async () => {
    // One late and one to do at once, on a trajectory not decided yet: the latter is not counted late.
    await api.openTask(ids[3]!, 'RISK_ANALYSIS', { dueInDays: -1 });
    await api.openTask(ids[3]!, 'INTAKE_OVERDUE', { dueInDays: -2, raisedDaysAgo: 1 });
    // Closed as planned: outflow; the step-down closed before is not (seeds 000 and 002: "duurzame uitstroom").
    await consultant.post(`/trajectories/${ids[0]}/close`, { reason: 'PER_PLAN' }).expect(200);
    const res = await operations.get(`/kpis?providerId=${demoIds.providerA}`);
    expect(res.status).toBe(200);
    const row = res.body.items.find((r: { productCode: string | null }) => r.productCode === '02B04');
    expect(row).toMatchObject({
      providerId: demoIds.providerA,
      trajectories: 2,
      closed: 2,
      outflow: 1,
      steppedDown: 1,
    });
    expect(row.avgDaysToIntake).toBeGreaterThanOrEqual(0);
    expect(row.avgDaysToIntake).toBeLessThan(1);
    const undecided = res.body.items.find((r: { productCode: string | null }) => r.productCode === null);
    expect(undecided).toMatchObject({ trajectories: 2, closed: 0, outflow: 0, overdueTasks: 1, atOnceTasks: 1 });
    expect(undecided.openTasks).toBeGreaterThanOrEqual(2);
    expect((await consultant.get('/kpis')).status).toBe(403);
  });
});
