import { dateOf } from '../../domain/calendar';
import { intakeDueAt } from '../../domain/deadlines';
import { demoIds } from '../../prisma/seed/demo';
import { trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { useApi } from '../support/api';
import { eventually } from '../support/eventually';

/** Seeds 002 and 003: a client moves to another provider (overstap) in one step of the consultant's. */
describe('API: moving a client to another provider', () => {
  const api = useApi();
  const { consultant, providerA, providerB } = api;
  const prisma = () => api.db.prisma;
  const transfer = (trajectoryId: string, providerId: string, by = consultant) =>
    by.post(`/trajectories/${trajectoryId}/transfer`, { providerId });
  const trajectoriesOf = async (trajectoryId: string) => {
    const { clientId } = await prisma().trajectory.findUniqueOrThrow({ where: { id: trajectoryId } });
    return prisma().trajectory.findMany({ where: { clientId }, orderBy: { registeredAt: 'asc' } });
  };

  it('when the intake finds that the client does not fit and the consultant moves the client, then the client is registered with the other provider, this trajectory is closed with iWmo 38 and its task is done', async () => {
    const from = await api.register(demoIds.providerA);
    await providerA
      .post(`/trajectories/${from}/intake`, {
        heldOn: dateOf(new Date()),
        suitable: false,
        motivation: 'Er is 24-uurs bereikbaarheid nodig.',
      })
      .expect(200);

    const res = await transfer(from, demoIds.providerB);
    expect(res.status).toBe(201);
    const to = res.body.trajectoryId as string;
    const [old, moved] = await trajectoriesOf(from);
    expect(old).toMatchObject({ id: from, phase: 'CLOSED', closureReason: 'OTHER_PROVIDER' });
    expect(moved).toMatchObject({
      id: to,
      providerId: demoIds.providerB,
      phase: 'REGISTERED',
      teamId: demoIds.teamZeist,
    });
    // The intake's two weeks count from the transfer.
    expect(res.body).toEqual({
      trajectoryId: to,
      providerId: demoIds.providerB,
      intakeDueAt: intakeDueAt(moved!.registeredAt).toISOString(),
    });
    const registered = await prisma().auditEvent.findFirstOrThrow({
      where: { trajectoryId: to, action: 'TRAJECTORY_REGISTERED' },
    });
    expect(registered).toMatchObject({
      actorId: demoIds.consultant,
      data: expect.objectContaining({ transferredFrom: from }),
    });
    await expect(
      prisma().task.findMany({
        where: { trajectoryId: from },
        select: { kind: true, status: true },
        orderBy: { kind: 'asc' },
      }),
    ).resolves.toEqual([
      { kind: 'HOLD_INTAKE', status: 'DONE' }, // the provider's, done by recording the intake
      { kind: 'OTHER_PROVIDER_NEEDED', status: 'DONE' },
    ]);
    // The new provider has the intake to hold, from the transfer.
    await eventually(
      () => prisma().task.findMany({ where: { trajectoryId: to, kind: 'HOLD_INTAKE', status: 'OPEN' } }),
      (open) => open.length === 1 && open[0]!.providerId === demoIds.providerB,
    );
    // The new provider has it, its workflow runs toward the intake; the old provider is told care stops.
    expect((await providerB.get(`/trajectories/${to}`)).status).toBe(200);
    await eventually(
      () => prisma().auditEvent.count({ where: { trajectoryId: to, action: 'TRAJECTORY_STARTED' } }),
      (n) => n === 1,
    );
    // The new provider hears of the client registered with it; the old one of the closure.
    await eventually(
      () => prisma().notification.findMany({ where: { trajectoryId: to, kind: 'CLIENT_REGISTERED' } }),
      (n) => n.length === 1 && n[0]!.providerId === demoIds.providerB,
    );
    await eventually(
      () => prisma().notification.findMany({ where: { trajectoryId: from, kind: 'TRAJECTORY_CLOSED' } }),
      (n) => n.length === 1 && n[0]!.providerId === demoIds.providerA,
    );
    // Seed 002 measures whether care fits the client: the move counts for the provider it left, before any decision.
    const kpis = await api.operations.get(`/kpis?providerId=${demoIds.providerA}`).expect(200);
    expect(kpis.body.items.find((r: { productCode: string | null }) => r.productCode === null)).toMatchObject({
      closed: 1,
      outflow: 0,
      transferredOut: 1,
    });
  });

  it('when the same transfer is sent twice at once, then both answer the one new trajectory, and the old one is closed once', async () => {
    const from = await api.register(demoIds.providerA);
    const answers = await Promise.all([transfer(from, demoIds.providerB), transfer(from, demoIds.providerB)]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const trajectories = await trajectoriesOf(from);
    expect(trajectories.map((t) => [t.id, t.phase])).toEqual([
      [from, 'CLOSED'],
      [answers[0]!.body.trajectoryId, 'REGISTERED'],
    ]);
    expect(answers[1]!.body.trajectoryId).toBe(answers[0]!.body.trajectoryId);
    await expect(
      prisma().auditEvent.count({ where: { trajectoryId: from, action: 'TRAJECTORY_CLOSED' } }),
    ).resolves.toBe(1);
  });

  it('when a transfer is refused (the same provider, an unknown one, a closed trajectory, a provider asking, another team), then it says why and changes nothing', async () => {
    const from = await api.register(demoIds.providerA);
    const same = await transfer(from, demoIds.providerA);
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual([
      { path: 'body.providerId', message: 'the trajectory is with this provider already' },
    ]);
    const unknown = await transfer(from, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'body.providerId', message: 'no such provider' }]);
    expect((await transfer(from, 'B')).body.error.details).toEqual([
      expect.objectContaining({ path: 'body.providerId' }),
    ]);
    expect((await transfer(from, demoIds.providerB, providerA)).status).toBe(403);
    expect((await transfer(from, demoIds.providerB, api.otherConsultant)).status).toBe(404);
    expect((await trajectoriesOf(from)).map((t) => [t.id, t.phase])).toEqual([[from, 'REGISTERED']]);

    // A trajectory whose workflow no longer runs cannot be closed: nobody is registered elsewhere for it.
    const stopped = await api.register(demoIds.providerA);
    await api.env.client.workflow.getHandle(trajectoryWorkflowId(stopped)).terminate('test: a workflow that stopped');
    const notRunning = await transfer(stopped, demoIds.providerB);
    expect([notRunning.status, notRunning.body.error.code]).toEqual([409, 'TRAJECTORY_NOT_RUNNING']);
    expect((await trajectoriesOf(stopped)).map((t) => [t.id, t.phase])).toEqual([[stopped, 'REGISTERED']]);

    await consultant.post(`/trajectories/${from}/close`, { reason: 'MOVED' }).expect(200);
    const closed = await transfer(from, demoIds.providerB);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('TRAJECTORY_NOT_RUNNING');
    expect((await trajectoriesOf(from)).map((t) => [t.id, t.closureReason])).toEqual([[from, 'MOVED']]);
  });
});
