import { randomUUID } from 'node:crypto';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { eventually } from '../support/eventually';

/** Issue 10: every role reads its own notifications, with read state, and nothing outside its scope. */
describe('API: the inbox of every role', () => {
  const api = useApi();
  const { consultant, otherConsultant, providerA, providerB, operations } = api;
  const prisma = () => api.db.prisma;

  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const trajectoryZeist = await api.register(demoIds.providerA);
    const trajectoryDordrecht = await api.register(demoIds.providerB, otherConsultant);
    // Each provider is told of its registration first (its workflow writes that notice).
    for (const [name, trajectoryId] of [
      ['registeredA', trajectoryZeist],
      ['registeredB', trajectoryDordrecht],
    ] as const) {
      const told = await eventually(
        () => prisma().notification.findFirst({ where: { trajectoryId, kind: 'CLIENT_REGISTERED' } }),
        (n) => n !== null,
      );
      ids[name] = told!.id;
    }
    const rows = [
      {
        name: 'zeist',
        teamId: demoIds.teamZeist,
        recipientRole: 'CONSULTANT',
        kind: 'MONTH_DOUBLED',
        trajectoryId: trajectoryZeist,
      },
      {
        name: 'dordrecht',
        teamId: demoIds.teamDordrecht,
        recipientRole: 'CONSULTANT',
        kind: 'CONSECUTIVE_NO_SHOWS',
        trajectoryId: trajectoryDordrecht,
      },
      {
        name: 'providerA',
        providerId: demoIds.providerA,
        recipientRole: 'PROVIDER',
        kind: 'INTAKE_DUE_SOON',
        trajectoryId: trajectoryZeist,
      },
      {
        name: 'providerB',
        providerId: demoIds.providerB,
        recipientRole: 'PROVIDER',
        kind: 'EXPANSION_ADVISED',
        trajectoryId: trajectoryDordrecht,
      },
      // A personal digest: only its addressee sees it; the team mailbox's digest is e-mail only.
      {
        name: 'digestOther',
        teamId: demoIds.teamZeist,
        userId: randomUUID(),
        recipientRole: 'CONSULTANT',
        kind: 'DAILY_DIGEST',
      },
      { name: 'digestMailbox', teamId: demoIds.teamZeist, recipientRole: 'CONSULTANT', kind: 'DAILY_DIGEST' },
    ] as const;
    for (const { name, ...row } of rows) {
      const created = await prisma().notification.create({
        data: { ...row, idempotencyKey: `test:${name}:${randomUUID()}`, payload: {} },
      });
      ids[name] = created.id;
    }
  });

  const idsIn = (body: { items: { id: string }[] }) => body.items.map((n) => n.id);

  it('when each role opens its inbox, then it sees its own notifications only, with the number unread', async () => {
    const zeist = await consultant.get('/notifications').expect(200);
    expect(idsIn(zeist.body)).toEqual([ids.zeist]);
    expect(zeist.body).toMatchObject({ total: 1, unread: 1, items: [{ kind: 'MONTH_DOUBLED', readAt: null }] });
    expect(idsIn((await otherConsultant.get('/notifications').expect(200)).body)).toEqual([ids.dordrecht]);
    // The newest first: the notice after the registration told.
    expect(idsIn((await providerA.get('/notifications').expect(200)).body)).toEqual([ids.providerA, ids.registeredA]);
    expect(idsIn((await providerB.get('/notifications').expect(200)).body)).toEqual([ids.providerB, ids.registeredB]);
    expect((await operations.get('/notifications').expect(200)).body.total).toBe(0);
  });

  it('when a notification is marked read, then it counts as read for that person only; outside the scope it is 404', async () => {
    const read = await providerA.post(`/notifications/${ids.providerA}/read`).expect(200);
    expect(read.body).toMatchObject({ id: ids.providerA, readAt: expect.any(String) });
    await providerA.post(`/notifications/${ids.providerA}/read`).expect(200); // again: harmless
    expect((await providerA.get('/notifications').expect(200)).body).toMatchObject({
      unread: 1,
      items: [
        { id: ids.providerA, readAt: read.body.readAt },
        { id: ids.registeredA, kind: 'CLIENT_REGISTERED', readAt: null },
      ],
    });
    expect(idsIn((await providerA.get('/notifications?unread=true').expect(200)).body)).toEqual([ids.registeredA]);
    await providerB.post(`/notifications/${ids.providerA}/read`).expect(404);
    await otherConsultant.post(`/notifications/${ids.zeist}/read`).expect(404);
    await consultant.post(`/notifications/${ids.digestOther}/read`).expect(404);
    expect(await prisma().notificationRead.count()).toBe(1);
  });

  it('when a person sets preferences per kind, then they are kept and shown with the defaults; an unknown kind or mode is 400', async () => {
    const before = await consultant.get('/me/notification-preferences').expect(200);
    expect(before.body.preferences).toContainEqual({ kind: 'MONTH_DOUBLED', mode: 'IMMEDIATE' });
    const set = await consultant
      .post('/me/notification-preferences', {
        preferences: [
          { kind: 'MONTH_DOUBLED', mode: 'DIGEST' },
          { kind: 'DAILY_DIGEST', mode: 'INBOX_ONLY' },
        ],
      })
      .expect(200);
    expect(set.body.preferences).toEqual(
      expect.arrayContaining([
        { kind: 'MONTH_DOUBLED', mode: 'DIGEST' },
        { kind: 'DAILY_DIGEST', mode: 'INBOX_ONLY' },
        { kind: 'CONSECUTIVE_NO_SHOWS', mode: 'IMMEDIATE' },
      ]),
    );
    const other = await otherConsultant.get('/me/notification-preferences').expect(200);
    expect(other.body.preferences).toContainEqual({ kind: 'MONTH_DOUBLED', mode: 'IMMEDIATE' });
    const bad = await consultant
      .post('/me/notification-preferences', { preferences: [{ kind: 'NOPE', mode: 'LOUD' }] })
      .expect(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.preferences.0.kind', 'body.preferences.0.mode']),
    );
  });

  it('when operations set a team mailbox, then it is kept and audited; others may not', async () => {
    await consultant.post(`/teams/${demoIds.teamZeist}/mailbox`, { mailbox: 'x@zeist.test' }).expect(403);
    await operations.post(`/teams/${demoIds.teamZeist}/mailbox`, { mailbox: 'not an address' }).expect(400);
    await operations.post(`/teams/${randomUUID()}/mailbox`, { mailbox: 'x@zeist.test' }).expect(404);
    await operations.post(`/teams/${demoIds.teamZeist}/mailbox`, { mailbox: 'wmo@zeist.test' }).expect(200);
    expect(await prisma().team.findUnique({ where: { id: demoIds.teamZeist } })).toMatchObject({
      mailbox: 'wmo@zeist.test',
    });
    expect(await prisma().auditEvent.count({ where: { action: 'TEAM_MAILBOX_CHANGED' } })).toBe(1);
    // Operations list every team with its mailbox (the page's forms); consultants may not.
    await consultant.get('/teams').expect(403);
    const { body } = await operations.get('/teams').expect(200);
    expect(body.items).toEqual([
      { id: demoIds.teamDordrecht, name: 'Wmo-consulenten Dordrecht', municipality: 'Dordrecht', mailbox: null },
      { id: demoIds.teamZeist, name: 'Sociaal Loket Team Zeist', municipality: 'Zeist', mailbox: 'wmo@zeist.test' },
    ]);
  });
});
