import { addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';

const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));

describe('API: a trajectory from registration to closure, by consultant and provider', () => {
  const api = useApi();
  const { consultant, providerA, operations } = api;

  it('when each role does its part, then every change goes through the workflow and lands in the audit log with its actor', async () => {
    const id = await api.register();
    const today = dateOf(new Date());

    const intake = await providerA.post(`/trajectories/${id}/intake`, { heldOn: today });
    expect(intake.status).toBe(200);
    expect(intake.body.phase).toBe('INTAKE_HELD');

    const decided = await consultant.post(`/trajectories/${id}/indication`, {
      productCode: '02B05',
      startDate: today,
      endDate: addMonths(today, 6),
      hoursPerWeek: 3,
      zrm: stable,
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ phase: 'ACTIVE', indication: { productCode: '02B05' } });
    // Care starts only after the decision (seed 003): the provider is told it may start, with codes and dates only.
    const started = await api.db.prisma.notification.findMany({
      where: { trajectoryId: id, kind: 'INDICATION_DECIDED' },
    });
    expect(started.map((n) => [n.recipientRole, n.providerId, n.payload])).toEqual([
      [
        'PROVIDER',
        demoIds.providerA,
        { trajectoryId: id, productCode: '02B05', startDate: today, endDate: addMonths(today, 6), hoursPerWeek: 3 },
      ],
    ]);

    const hours = await providerA.post(`/trajectories/${id}/hour-declarations`, {
      month: `${today.slice(0, 7)}-01`,
      directMinutes: 600,
      indirectMinutes: 60,
      digitalMinutes: 0,
    });
    expect(hours.status).toBe(200);
    expect(hours.body).toMatchObject({ warnings: [], expansionAdvised: false });
    const noShow = await providerA.post(`/trajectories/${id}/no-shows`, { occurredAt: new Date().toISOString() });
    expect(noShow.status).toBe(200);
    expect(noShow.body).toMatchObject({ declarable: true, consecutive: 1, action: 'NONE' });

    const request = await providerA.post(`/trajectories/${id}/extension-request`, {
      report: { goalsReached: 'Dagritme staat', stillNeeded: 'Financiën', intendedOutflow: 'Na 6 maanden' },
    });
    expect(request.status).toBe(200);
    expect(request.body.extension).toMatchObject({ status: 'REQUESTED' });
    const tasks = await consultant.get('/tasks');
    const decideTask = tasks.body.items.find((t: { trajectoryId: string }) => t.trajectoryId === id);
    expect(decideTask).toMatchObject({ kind: 'DECIDE_EXTENSION', timing: 'AHEAD' });

    // The consultant decides on the provider's report (seed 003): read back as filed, by consultant and provider.
    const filed = {
      id: expect.any(String),
      kind: 'EXTENSION',
      filedAt: expect.any(String),
      authorName: 'Demo begeleider A',
      goalsReached: 'Dagritme staat',
      stillNeeded: 'Financiën',
      intendedOutflow: 'Na 6 maanden',
    };
    for (const who of [consultant, providerA])
      expect((await who.get(`/trajectories/${id}`).expect(200)).body.reports).toEqual([filed]);
    expect((await operations.get(`/trajectories/${id}`).expect(200)).body.reports).toBeUndefined();

    // A refusal says why: without a motivation it is refused on that field and nothing changes.
    const unmotivated = await consultant.post(`/trajectories/${id}/extension-decision`, { granted: false });
    expect(unmotivated.status).toBe(400);
    expect(unmotivated.body.error.details).toEqual([expect.objectContaining({ path: 'body.motivation' })]);
    expect((await consultant.get(`/trajectories/${id}`)).body.care.extension).toBe('REQUESTED');
    const motivation = 'De doelen zijn bereikt; het algemeen maatschappelijk werk neemt het over.';
    const refused = await consultant.post(`/trajectories/${id}/extension-decision`, { granted: false, motivation });
    expect(refused.status).toBe(200);
    const refusal = async (who: typeof consultant) =>
      (
        (await who.get(`/trajectories/${id}`).expect(200)).body.timeline as { action: string; note: string | null }[]
      ).find((e) => e.action === 'EXTENSION_REFUSED')?.note;
    await expect(refusal(providerA)).resolves.toBe(motivation);
    await expect(refusal(consultant)).resolves.toBe(motivation);
    await expect(refusal(operations)).resolves.toBeNull();
    const stored = await api.db.prisma.motivation.findMany({ where: { trajectoryId: id } });
    expect(stored.map((m) => [m.kind, m.authorId, m.text.startsWith('sealed:test:')])).toEqual([
      ['EXTENSION', demoIds.consultant, true],
    ]);
    // The provider is told what was decided (no one had to open the trajectory to find out).
    const told = await api.db.prisma.notification.findMany({ where: { trajectoryId: id, kind: 'EXTENSION_DECIDED' } });
    expect(told.map((n) => [n.recipientRole, n.providerId, n.payload])).toEqual([
      ['PROVIDER', demoIds.providerA, { trajectoryId: id, outcome: 'REFUSED', endDate: addMonths(today, 6) }],
    ]);
    const closed = await consultant.post(`/trajectories/${id}/close`, { reason: 'BY_AGREEMENT' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ phase: 'CLOSED', closureReason: 'BY_AGREEMENT' });
    const stop = await api.db.prisma.notification.findMany({ where: { trajectoryId: id, kind: 'TRAJECTORY_CLOSED' } });
    expect(stop.map((n) => [n.recipientRole, n.payload])).toEqual([
      ['PROVIDER', { trajectoryId: id, reason: 'BY_AGREEMENT' }],
    ]);

    const detail = await operations.get(`/trajectories/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ phase: 'CLOSED', pendingDeadlines: [] });
    const actions = (detail.body.timeline as { action: string; actorId: string }[]).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ['TRAJECTORY_REGISTERED', demoIds.consultant],
      ['TRAJECTORY_STARTED', `trajectory-${id}`],
      ['INTAKE_RECORDED', demoIds.providerUserA],
      ['INDICATION_DECIDED', demoIds.consultant],
      ['HOURS_DECLARED', demoIds.providerUserA],
      ['NO_SHOW_RECORDED', demoIds.providerUserA],
      ['EXTENSION_REQUESTED', demoIds.providerUserA],
      ['EXTENSION_REFUSED', demoIds.consultant],
      ['TRAJECTORY_CLOSED', demoIds.consultant],
    ]);
    // About the client's care: the database holds the answers sealed.
    const report = await api.db.prisma.requestReport.findFirstOrThrow({ where: { trajectoryId: id } });
    expect(report).toMatchObject({
      authorId: demoIds.providerUserA,
      goalsReached: expect.stringMatching(/^sealed:test:/),
      stillNeeded: expect.stringMatching(/^sealed:test:/),
      intendedOutflow: expect.stringMatching(/^sealed:test:/),
    });
    expect(JSON.stringify(report)).not.toMatch(/Dagritme|Financiën|maanden/);
  });

  it('when the provider finds at the intake that the client does not fit, then it says why, the consultant reads it and is asked to find another provider', async () => {
    const id = await api.register();
    const today = dateOf(new Date());
    const intake = (body: object) => providerA.post(`/trajectories/${id}/intake`, { heldOn: today, ...body });
    // Not fitting needs its reason; a reason needs "not fitting"; neither changes anything.
    for (const body of [
      { suitable: false },
      { motivation: 'Past goed' },
      { suitable: true, motivation: 'Past goed' },
    ]) {
      const refused = await intake(body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.motivation' })]);
    }
    expect((await consultant.get(`/trajectories/${id}`)).body.phase).toBe('REGISTERED');

    const why = 'Cliënt heeft 24-uurs bereikbaarheid nodig; die bieden wij niet.';
    expect((await intake({ suitable: false, motivation: why })).body.phase).toBe('INTAKE_HELD');
    const asked = (await consultant.get(`/tasks?trajectoryId=${id}`).expect(200)).body.items;
    expect(asked.map((t: { kind: string }) => t.kind)).toEqual(['OTHER_PROVIDER_NEEDED']);
    const note = async (who: typeof consultant) =>
      (
        (await who.get(`/trajectories/${id}`).expect(200)).body.timeline as {
          action: string;
          data: { suitable?: boolean };
          note: string | null;
        }[]
      ).find((e) => e.action === 'INTAKE_RECORDED');
    await expect(note(consultant)).resolves.toMatchObject({ data: { suitable: false }, note: why });
    await expect(note(providerA)).resolves.toMatchObject({ note: why });
    await expect(note(operations)).resolves.toMatchObject({ note: null });
    const stored = await api.db.prisma.motivation.findMany({ where: { trajectoryId: id } });
    expect(stored.map((m) => [m.kind, m.authorId, m.text.startsWith('sealed:test:')])).toEqual([
      ['INTAKE', demoIds.providerUserA, true],
    ]);

    await consultant.post(`/trajectories/${id}/close`, { reason: 'OTHER_PROVIDER' }).expect(200);
    expect((await consultant.get(`/tasks?trajectoryId=${id}`).expect(200)).body.items).toEqual([]);
    const done = await api.db.prisma.task.findFirstOrThrow({
      where: { trajectoryId: id, kind: 'OTHER_PROVIDER_NEEDED' },
    });
    expect(done).toMatchObject({ kind: 'OTHER_PROVIDER_NEEDED', status: 'DONE', completedById: demoIds.consultant });
  });

  it('when a provider requests an expansion and the consultant grants it, then the hours per week grow', async () => {
    const id = await api.register();
    const today = dateOf(new Date());
    await providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const indication = {
      productCode: '02B05',
      startDate: today,
      endDate: addMonths(today, 6),
      hoursPerWeek: 2,
      zrm: stable,
    };
    await consultant.post(`/trajectories/${id}/indication`, indication).expect(200);
    const report = {
      goalsReached: 'Schulden in beeld',
      stillNeeded: 'Meer uren voor administratie',
      intendedOutflow: 'Na 6 maanden',
    };

    const asked = await providerA.post(`/trajectories/${id}/expansion-request`, { report, hoursPerWeek: 4 });
    expect(asked.status).toBe(200);
    expect(asked.body.expansion).toMatchObject({ status: 'REQUESTED', requestedHoursPerWeek: 4 });
    const task = (await consultant.get('/tasks?limit=100')).body.items.find(
      (t: { trajectoryId: string }) => t.trajectoryId === id,
    );
    expect(task.kind).toBe('DECIDE_EXPANSION');
    expect((await consultant.post(`/tasks/${task.id}/complete`, {})).status).toBe(409); // done by the decision

    const granted = await consultant.post(`/trajectories/${id}/expansion-decision`, { granted: true });
    expect(granted.status).toBe(200);
    expect(granted.body.indication.hoursPerWeek).toBe(4);
    const told = await api.db.prisma.notification.findMany({ where: { trajectoryId: id, kind: 'EXPANSION_DECIDED' } });
    expect(told.map((n) => [n.recipientRole, n.payload])).toEqual([
      ['PROVIDER', { trajectoryId: id, outcome: 'GRANTED', hoursPerWeek: 4 }],
    ]);
    const again = await consultant.post(`/trajectories/${id}/expansion-decision`, { granted: true });
    expect(again.status).toBe(409);
    const stored = await api.db.prisma.requestReport.findFirstOrThrow({ where: { trajectoryId: id } });
    expect(stored).toMatchObject({ kind: 'EXPANSION', authorId: demoIds.providerUserA });
  });

  it('when a consultant registers a client, then the personal data stays in the database and out of the workflow', async () => {
    const id = await api.register();
    const identity = await api.db.prisma.trajectory.findUniqueOrThrow({
      where: { id },
      include: { client: { include: { identity: true } } },
    });
    expect(identity.client.identity?.fullName).toMatch(/^Test Client/);
    const history = JSON.stringify(await api.env.client.workflow.getHandle(`trajectory-${id}`).fetchHistory());
    expect(history).not.toContain(identity.client.identity!.fullName);
    expect(history).not.toContain(identity.client.identity!.bsn);
  });
});
