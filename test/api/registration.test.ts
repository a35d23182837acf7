import { demoIds } from '../../prisma/seed/demo';
import { trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { bsnOf, useApi } from '../support/api';
import { eventually } from '../support/eventually';

describe('API: registration cannot race, reveal or reset', () => {
  const api = useApi();
  const { consultant, otherConsultant, operations } = api;
  const registration = (n: number) => ({
    client: { bsn: bsnOf(60_000 + n), fullName: `Racer ${n}`, dateOfBirth: '1985-03-31' },
    providerId: demoIds.providerA,
  });
  const startedEvents = (trajectoryId: string) =>
    api.db.prisma.auditEvent.count({ where: { trajectoryId, action: 'TRAJECTORY_STARTED' } });

  it('when 20 registrations of one BSN and provider arrive at once, then one 201, 19 × 409 naming it, one trajectory and one workflow', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => consultant.post('/trajectories', registration(1))),
    );
    const created = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(19);
    const trajectoryId = created[0]!.body.trajectoryId as string;
    for (const r of refused) {
      expect(r.body.error).toMatchObject({
        code: 'TRAJECTORY_EXISTS',
        details: [{ path: 'body.client.bsn', message: `open trajectory ${trajectoryId}` }],
      });
    }
    const identity = await api.db.prisma.clientIdentity.findUniqueOrThrow({
      where: { bsn: registration(1).client.bsn },
    });
    const trajectories = await api.db.prisma.trajectory.findMany({ where: { clientId: identity.clientId } });
    expect(trajectories.map((t) => t.id)).toEqual([trajectoryId]);
    expect(await api.db.prisma.client.count({ where: { id: identity.clientId } })).toBe(1);
    await eventually(
      () => startedEvents(trajectoryId),
      (n) => n === 1,
    );
    const { status } = await api.env.client.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).describe();
    expect(status.name).toBe('RUNNING');
  });

  it('when a known person is registered with a second provider ten times at once, then one 201 for the same client, 9 × 409 naming it', async () => {
    const first = await consultant.post('/trajectories', registration(5));
    expect(first.status).toBe(201);
    const second = { ...registration(5), providerId: demoIds.providerB };
    const answers = await Promise.all(Array.from({ length: 10 }, () => consultant.post('/trajectories', second)));
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(created[0]!.body.clientId).toBe(first.body.clientId);
    const trajectoryId = created[0]!.body.trajectoryId as string;
    const refused = answers.filter((r) => r.status === 409);
    expect(refused.map((r) => r.body.error.details[0].message)).toEqual(
      Array.from({ length: 9 }, () => `open trajectory ${trajectoryId}`),
    );
    const rows = await api.db.prisma.trajectory.findMany({ where: { clientId: first.body.clientId } });
    expect(rows.map((t) => t.providerId).sort()).toEqual([demoIds.providerA, demoIds.providerB].sort());
    const registered = await api.db.prisma.auditEvent.count({
      where: { trajectoryId, action: 'TRAJECTORY_REGISTERED' },
    });
    expect(registered).toBe(1);
  });

  it('when the database already holds an open trajectory the API did not see (a race), then its unique index refuses a second one', async () => {
    const first = await consultant.post('/trajectories', registration(2));
    expect(first.status).toBe(201);
    const row = await api.db.prisma.trajectory.findUniqueOrThrow({ where: { id: first.body.trajectoryId } });
    await expect(
      api.db.prisma.trajectory.create({
        data: { clientId: row.clientId, providerId: row.providerId, teamId: row.teamId, registeredAt: new Date() },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('when another team registers a client who has an open trajectory with that provider, then 409 that does not name it', async () => {
    const first = await consultant.post('/trajectories', registration(3));
    expect(first.status).toBe(201);
    const res = await otherConsultant.post('/trajectories', registration(3));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TRAJECTORY_EXISTS');
    expect(JSON.stringify(res.body)).not.toContain(first.body.trajectoryId);
    expect(JSON.stringify(res.body)).not.toContain(first.body.clientId);
  });

  it('when the workflow was terminated and the client is registered again, then it is not restarted and operations are alerted', async () => {
    const first = await consultant.post('/trajectories', registration(4));
    expect(first.status).toBe(201);
    const trajectoryId = first.body.trajectoryId as string;
    await eventually(
      () => startedEvents(trajectoryId),
      (n) => n === 1,
    );
    const handle = api.env.client.workflow.getHandle(trajectoryWorkflowId(trajectoryId));
    await handle.terminate('operator test');

    const again = await consultant.post('/trajectories', registration(4));
    expect(again.status).toBe(409);
    expect((await handle.describe()).status.name).toBe('TERMINATED');
    expect(await startedEvents(trajectoryId)).toBe(1);
    const row = await api.db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } });
    expect(row.phase).toBe('REGISTERED');

    const alerts = await operations.get('/alerts');
    expect(alerts.status).toBe(200);
    expect(alerts.body.items).toEqual([
      expect.objectContaining({ kind: 'WORKFLOW_NOT_RUNNING', trajectoryId, resolvedAt: null, occurrences: 1 }),
    ]);
    expect(alerts.body.items[0].detail).toContain('TERMINATED');
    expect((await consultant.get('/alerts')).status).toBe(403);

    const resolved = await operations.post(`/alerts/${alerts.body.items[0].id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).toEqual(expect.any(String));
    expect((await operations.get('/alerts')).body.total).toBe(0);
    expect((await operations.post(`/alerts/${alerts.body.items[0].id}/resolve`)).status).toBe(404);
  });
});
