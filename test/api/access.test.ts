import { SignJWT } from 'jose';
import request from 'supertest';
import { mintToken } from '../../api/auth';
import { dateOf } from '../../domain/calendar';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: { type?: string } }> }>;
}

describe('API: identity, roles and scope', () => {
  const api = useApi();
  const { consultant, otherConsultant, providerA, providerB, operations } = api;
  let trajectoryA: string;

  beforeAll(async () => {
    trajectoryA = await api.register(demoIds.providerA);
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it.each([
    ['no Authorization header', {}],
    ['a malformed header', { Authorization: 'Token abc' }],
    ['a token that is not a JWT', bearer('not-a-jwt')],
  ])('when a request has %s, then 401 with WWW-Authenticate', async (_case, headers) => {
    const res = await request(api.app()).get('/tasks').set(headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('when a token is signed with another key, expired, or names an unknown user, then 401', async () => {
    const foreign = await mintToken('another key that is at least 32 characters', demoIds.consultant, '1h');
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(demoIds.consultant)
      .setIssuer('wmo-trajectories')
      .setAudience('wmo-trajectories-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(api.jwtSecret));
    const stranger = await mintToken(api.jwtSecret, '00000000-0000-4000-8000-00000000dead', '1h');
    for (const token of [foreign, expired, stranger]) {
      const res = await request(api.app()).get('/tasks').set(bearer(token));
      expect(res.status).toBe(401);
    }
  });

  it("when provider B asks for or acts on provider A's client, then 404 and nothing of it is revealed or changed", async () => {
    const read = await providerB.get(`/trajectories/${trajectoryA}`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain(demoIds.providerA);
    const act = await providerB.post(`/trajectories/${trajectoryA}/intake`, { heldOn: dateOf(new Date()) });
    expect(act.status).toBe(404);
    const list = await providerB.get('/trajectories?limit=100');
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(trajectoryA);
    const after = await api.db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryA } });
    expect(after.phase).toBe('REGISTERED');
    expect(await providerA.get(`/trajectories/${trajectoryA}`)).toMatchObject({ status: 200 });
  });

  it('when each role opens the trajectory, then only those who work with the client see who it is', async () => {
    const seen = async (who: typeof consultant) => (await who.get(`/trajectories/${trajectoryA}`)).body.client;
    expect(await seen(consultant)).toEqual({
      fullName: expect.stringMatching(/^Test Client/),
      dateOfBirth: '1980-02-29',
      bsn: expect.stringMatching(/^\d{9}$/),
    });
    expect(await seen(providerA)).toEqual({
      fullName: expect.stringMatching(/^Test Client/),
      dateOfBirth: '1980-02-29',
    });
    expect(await seen(operations)).toBeUndefined();
  });

  it('when a consultant of another team acts on the trajectory, then 404', async () => {
    expect((await otherConsultant.get(`/trajectories/${trajectoryA}`)).status).toBe(404);
    const res = await otherConsultant.post(`/trajectories/${trajectoryA}/close`, { reason: 'MOVED' });
    expect(res.status).toBe(404);
  });

  it('when operations read, then they see every trajectory; when they try to change anything, then 403 and nothing changes', async () => {
    expect((await operations.get(`/trajectories/${trajectoryA}`)).status).toBe(200);
    const attempts = [
      operations.post('/trajectories', {}),
      operations.post(`/trajectories/${trajectoryA}/close`, { reason: 'MOVED' }),
      operations.post(`/trajectories/${trajectoryA}/intake`, { heldOn: dateOf(new Date()) }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const events = await api.db.prisma.auditEvent.count({ where: { actorId: demoIds.operations } });
    expect(events).toBe(0);
  });

  it('when a role calls an action of another role, then 403 (a provider cannot decide, a consultant cannot declare hours)', async () => {
    const decide = await providerA.post(`/trajectories/${trajectoryA}/indication`, {});
    expect(decide.status).toBe(403);
    const declare = await consultant.post(`/trajectories/${trajectoryA}/hour-declarations`, {});
    expect(declare.status).toBe(403);
    expect((await operations.get('/tasks')).status).toBe(403);
  });

  it('when anyone opens /openapi.json or /docs, then the document lists every route with its schemas', async () => {
    const doc = await request(api.app()).get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const decide = doc.body.paths['/trajectories/{trajectoryId}/indication'].post;
    expect(decide.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['productCode', 'startDate', 'endDate', 'hoursPerWeek', 'zrm']),
    );
    expect(decide.parameters).toEqual([expect.objectContaining({ name: 'trajectoryId', in: 'path', required: true })]);
    expect(Object.keys(doc.body.paths).length).toBeGreaterThanOrEqual(15);
    // Every success answer is typed: dates as date-time strings, decimals as strings, no open schema.
    for (const [path, methods] of Object.entries(doc.body.paths as Record<string, Record<string, OpenApiOperation>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (path === '/health') continue;
        const [status, success] = Object.entries(operation.responses).find(([code]) => code.startsWith('2')) ?? [];
        expect([method, path, status, success?.content?.['application/json']?.schema?.type]).toEqual([
          method,
          path,
          expect.stringMatching(/^20[01]$/),
          'object',
        ]);
      }
    }
    const detail =
      doc.body.paths['/trajectories/{trajectoryId}'].get.responses['200'].content['application/json'].schema;
    expect(detail.properties.registeredAt).toEqual({ type: 'string', format: 'date-time' });
    expect(detail.properties.care.anyOf[0].properties.utilisation.anyOf[0].required).toContain('projectedMinutes');
    const page = await request(api.app()).get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('POST /trajectories/{trajectoryId}/extension-decision');
  });
});
