import request from 'supertest';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { eventually } from '../support/eventually';
import { cases as boundsCases, indication, registration, today, type Ids } from './bad-input.cases';
import { lifecycleCases } from './bad-input.lifecycle';
import { ruleCases } from './bad-input.rules';

const cases = [...ruleCases, ...boundsCases, ...lifecycleCases];

describe('API: bad input gets a clear error and changes nothing', () => {
  const api = useApi();
  const ids = {} as Ids;

  beforeAll(async () => {
    ids.registered = await api.register();
    ids.intakeHeld = await api.register();
    ids.active = await api.register();
    ids.sddIntakeHeld = await api.register(demoIds.providerA, api.otherConsultant);
    ids.sddActive = await api.register(demoIds.providerA, api.otherConsultant);
    for (const id of [ids.intakeHeld, ids.active, ids.sddIntakeHeld, ids.sddActive])
      await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    await api.consultant.post(`/trajectories/${ids.active}/indication`, indication).expect(200);
    await api.otherConsultant
      .post(`/trajectories/${ids.sddActive}/indication`, { ...indication, productCode: 'IB3', hoursPerWeek: null })
      .expect(200);
    // The person the identity case registers again, with another name.
    await api.consultant.post('/trajectories', { ...registration, providerId: demoIds.providerB }).expect(201);
    // Every workflow has written its start before a case counts the audit events.
    await eventually(
      () => api.db.prisma.auditEvent.count({ where: { action: 'TRAJECTORY_STARTED' } }),
      (started) => started === 6,
    );
  });

  /** Every table a request could write to, and each trajectory's phase. */
  async function fingerprint() {
    const p = api.db.prisma;
    return {
      counts: await Promise.all([
        p.client.count(),
        p.clientIdentity.count(),
        p.trajectory.count(),
        p.indication.count(),
        p.hourDeclaration.count(),
        p.noShow.count(),
        p.task.count({ where: { status: 'OPEN' } }),
        p.auditEvent.count(),
        p.requestReport.count(),
        p.correction.count(),
        p.motivation.count(),
        p.zrmAssessment.count(),
        p.supportPlan.count(),
      ]),
      identities: await p.clientIdentity.findMany({
        select: { bsn: true, fullName: true, dateOfBirth: true },
        orderBy: { bsn: 'asc' },
      }),
      phases: await p.trajectory.findMany({ select: { id: true, phase: true }, orderBy: { id: 'asc' } }),
    };
  }

  it.each(cases)('when $name is sent, then $status $code', async (c) => {
    const before = await fingerprint();
    const client = api[c.who];
    const res = c.method === 'get' ? await client.get(c.path(ids)) : await client.post(c.path(ids), c.body as object);
    expect(res.status).toBe(c.status);
    expect(res.body.error.code).toBe(c.code);
    expect(typeof res.body.error.message).toBe('string');
    if (c.field) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(c.field);
    if (c.rule)
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ rule: c.rule })]));
    expect(await fingerprint()).toEqual(before);
  });

  it('when a body is malformed JSON or larger than 100 kB, then 400 or 413 naming the body, never a 500', async () => {
    const token = (await api.consultant.get('/tasks')).request.getHeader('Authorization') as string;
    const before = await fingerprint();
    const malformed = await request(api.app())
      .post('/trajectories')
      .set('Authorization', token)
      .set('Content-Type', 'application/json')
      .send('{"client": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('body');
    const huge = await request(api.app())
      .post('/trajectories')
      .set('Authorization', token)
      .send({ ...registration, padding: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('BODY_TOO_LARGE');
    expect(await fingerprint()).toEqual(before);
  });
});
