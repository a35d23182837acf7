import { SignJWT } from 'jose';
import request from 'supertest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/auth';
import { demoIds } from '../../prisma/seed/demo';
import { trajectoryHandle } from '../../api/trajectory-workflow';
import { addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { getState } from '../../workflows/trajectory/contracts';
import { capturingLogger } from '../support/logs';
import { bsnOf, useApi } from '../support/api';
import { testSecrets } from '../support/delivery';

describe('API: HTTP hardening and token rules', () => {
  const api = useApi();
  const now = () => Math.floor(Date.now() / 1000);
  /** A token signed with the right key, with claims of the test's choosing. */
  const sign = (claims: { sub?: string; iat?: number; exp?: number }) => {
    let jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('wmo-trajectories')
      .setAudience('wmo-trajectories-api');
    if (claims.sub !== undefined) jwt = jwt.setSubject(claims.sub);
    if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(api.jwtSecret));
  };
  const get = (path: string, token: string) => request(api.app()).get(path).set('Authorization', `Bearer ${token}`);

  it('when any answer is sent, then it carries helmet’s headers, no X-Powered-By, and Cache-Control: no-store', async () => {
    const trajectoryId = await api.register();
    const answers = [
      await api.consultant.get(`/trajectories/${trajectoryId}`),
      await api.consultant.get('/nope'),
      await request(api.app()).get('/trajectories'),
    ];
    for (const res of answers) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it.each([
    ['without exp', () => sign({ sub: demoIds.consultant, iat: now() })],
    ['without iat', () => sign({ sub: demoIds.consultant, exp: now() + 3600 })],
    ['living 30 days', () => sign({ sub: demoIds.consultant, iat: now(), exp: now() + 30 * 86_400 })],
    ['issued an hour in the future', () => sign({ sub: demoIds.consultant, iat: now() + 3600, exp: now() + 7200 })],
    ['whose sub is 36 dashes', () => sign({ sub: '-'.repeat(36), iat: now(), exp: now() + 3600 })],
    ['whose sub is not a UUID', () => sign({ sub: "x' OR 1=1", iat: now(), exp: now() + 3600 })],
    ['without sub', () => sign({ iat: now(), exp: now() + 3600 })],
  ])('when a well-signed token is %s, then 401, never 500', async (_case, token) => {
    const res = await get('/tasks', await token());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('when a token lives within the maximum, then it is accepted', async () => {
    const res = await get('/tasks', await sign({ sub: demoIds.consultant, iat: now(), exp: now() + 23 * 3600 }));
    expect(res.status).toBe(200);
  });

  it('when one address fails to sign in too often, then 429 until the window passes; the limit is per app', async () => {
    const app = createApp({
      prisma: api.db.prisma,
      temporal: api.env.client,
      temporalProbe: api.env.connection,
      taskQueue: api.taskQueue,
      jwtSecret: api.jwtSecret,
      secrets: testSecrets,
      authFailureLimit: 3,
      logger: capturingLogger().logger,
    });
    const valid = await mintToken(api.jwtSecret, demoIds.consultant, '1h');
    // Successful requests do not count towards the limit, not even 50 at once.
    const together = await Promise.all(
      Array.from({ length: 50 }, () => request(app).get('/tasks').set('Authorization', `Bearer ${valid}`)),
    );
    expect(together.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 200));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await request(app).get('/tasks').set('Authorization', 'Bearer guessed')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const blocked = await request(app).get('/tasks').set('Authorization', `Bearer ${valid}`);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_FAILED_SIGN_INS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.headers['cache-control']).toBe('no-store');
    // /health stays reachable for probes.
    expect((await request(app).get('/health')).status).toBe(200);
  });

  /** The app on a queue no worker polls, and one client registered there (the workflow starts, nothing runs it). */
  async function withoutWorker(n: number) {
    const app = createApp({
      prisma: api.db.prisma,
      temporal: api.env.client,
      temporalProbe: api.env.connection,
      taskQueue: `nobody-polls-this-queue-${n}`,
      jwtSecret: api.jwtSecret,
      secrets: testSecrets,
      logger: capturingLogger().logger,
      checkResponses: true,
    });
    const as = async (userId: string) => `Bearer ${await mintToken(api.jwtSecret, userId, '1h')}`;
    const registered = await request(app)
      .post('/trajectories')
      .set('Authorization', await as(demoIds.consultant))
      .send({
        client: { bsn: bsnOf(n), fullName: 'Zonder worker', dateOfBirth: '1950-01-01' },
        providerId: demoIds.providerA,
      });
    expect(registered.status).toBe(201);
    return { app, as, trajectoryId: registered.body.trajectoryId as string };
  }

  it('when no worker picks a change up, then 503 after a bounded wait, and a report it carried is kept (the workflow may still take it)', async () => {
    const { app, as, trajectoryId } = await withoutWorker(95_001);
    const began = Date.now();
    const res = await request(app)
      .post(`/trajectories/${trajectoryId}/extension-request`)
      .set('Authorization', await as(demoIds.providerUserA))
      .send({ report: { goalsReached: 'a', stillNeeded: 'b', intendedOutflow: 'c' } });
    expect(Date.now() - began).toBeLessThan(20_000);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('TEMPORAL_UNAVAILABLE');
    expect(await api.db.prisma.requestReport.count({ where: { trajectoryId } })).toBe(1);
  });

  it('when a change is answered, then the workflow has mirrored its whole view on the record, and the detail is read from there', async () => {
    const id = await api.register();
    const today = dateOf(new Date());
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    await api.consultant
      .post(`/trajectories/${id}/indication`, {
        productCode: '02B05',
        startDate: today,
        endDate: addMonths(today, 6),
        hoursPerWeek: 3,
        zrm: Object.fromEntries(zrmDomains.map((d) => [d, 4])),
      })
      .expect(200);
    // A no-show changes only the workflow's counters: the mirror follows that change too.
    await api.providerA.post(`/trajectories/${id}/no-shows`, { occurredAt: new Date().toISOString() }).expect(200);
    const mirrored = async () =>
      (await api.db.prisma.trajectory.findUniqueOrThrow({ where: { id }, select: { view: true } })).view;
    const asked = await trajectoryHandle(api.env.client, id).query(getState);
    expect(asked.consecutiveNoShows).toBe(1);
    expect(await mirrored()).toEqual(JSON.parse(JSON.stringify(asked)));

    // The detail shows what the record holds (here a deadline only the record knows), not the workflow's answer.
    const moved = {
      ...asked,
      pendingDeadlines: [{ kind: 'ALLOCATION_END', dueAt: '2031-01-01T00:00:00.000Z', key: 'k' }],
    };
    await api.db.prisma.trajectory.update({
      where: { id },
      data: { view: JSON.parse(JSON.stringify(moved)) as object },
    });
    const detail = await api.consultant.get(`/trajectories/${id}`);
    expect([detail.status, detail.body.live, detail.body.counters.consecutiveNoShows]).toEqual([200, true, 1]);
    expect(detail.body.pendingDeadlines).toEqual([
      { kind: 'ALLOCATION_END', dueAt: '2031-01-01T00:00:00.000Z', nextPeriod: false },
    ]);
  });

  it('when no worker answers the detail query, then the detail comes from the database mirror within two seconds, marked not live', async () => {
    const { app, as, trajectoryId } = await withoutWorker(95_002);
    const began = Date.now();
    const detail = await request(app)
      .get(`/trajectories/${trajectoryId}`)
      .set('Authorization', await as(demoIds.consultant));
    expect(Date.now() - began).toBeLessThan(2_500);
    expect([detail.status, detail.body.live, detail.body.phase, detail.body.care]).toEqual([
      200,
      false,
      'REGISTERED',
      null,
    ]);
    // With the worker there, the same read is live.
    const id = await api.register();
    const live = await api.consultant.get(`/trajectories/${id}`);
    expect([live.status, live.body.live]).toEqual([200, true]);
  });
});
