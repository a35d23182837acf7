import { addDays, dateOf } from '../../domain/calendar';
import { demoIds } from '../../prisma/seed/demo';
import { bsnOf, useApi } from '../support/api';

interface Line {
  occurredAt: string;
  kind: string;
  role: string;
  trajectoryId: string | null;
  user: { id: string; name: string; organisation: string | null };
}

describe('API: who saw a client’s data (the access log, NEN 7513)', () => {
  const api = useApi();
  const { consultant, providerA, providerB, operations } = api;
  const accessLines = () => api.db.prisma.clientAccess.count();

  /** A client of provider A registered by the Zeist consultant (a change, not a look: nothing is logged). */
  const registered = async (n: number, fullName: string) => {
    const client = { bsn: bsnOf(n, 976), fullName, dateOfBirth: '1975-03-31' };
    const res = await consultant.post('/trajectories', { client, providerId: demoIds.providerA }).expect(201);
    return { bsn: client.bsn, trajectoryId: res.body.trajectoryId as string };
  };
  const logOf = async (body: object, query = '') =>
    (await operations.post(`/access-log${query}`, body).expect(200)).body as { items: Line[]; total: number };

  it('when people open a trajectory or find its client by BSN or name, then each look is logged with who, their role and how; operations read it back, the latest first, and their lookup is logged as well', async () => {
    const { bsn, trajectoryId } = await registered(1, 'Inge van Inzage');
    await registered(2, 'Otto Anders'); // another client: none of his looks are hers
    expect(await accessLines()).toBe(0);

    await consultant.get(`/trajectories/${trajectoryId}`).expect(200);
    expect((await providerA.post('/trajectories/search', { name: 'inzage' }).expect(200)).body.total).toBe(1);
    expect((await providerB.post('/trajectories/search', { name: 'inzage' }).expect(200)).body.total).toBe(0);
    await operations.post('/trajectories/search', { bsn }).expect(200);
    await consultant.get(`/trajectories/${(await registered(3, 'Anna Ander')).trajectoryId}`).expect(200);

    const first = await logOf({ bsn });
    const seen = (kind: string, userId: string, role: string, name: string, organisation: string | null) => ({
      occurredAt: expect.any(String),
      kind,
      role,
      trajectoryId,
      user: { id: userId, name, organisation },
    });
    expect(first.items).toEqual([
      seen('FOUND_BY_BSN', demoIds.operations, 'OPERATIONS', 'Demo contractmanagement', null),
      seen('FOUND_BY_NAME', demoIds.providerUserA, 'PROVIDER', 'Demo begeleider A', 'Demo Begeleiding A'),
      seen('TRAJECTORY_VIEWED', demoIds.consultant, 'CONSULTANT', 'Demo consulent', 'Sociaal Loket Team Zeist'),
    ]);
    const times = first.items.map((l) => Date.parse(l.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // The lookup is a look too: the next one opens with it, without a trajectory.
    const second = await logOf({ bsn });
    expect(second.total).toBe(4);
    expect(second.items[0]).toEqual({
      ...seen('ACCESS_LOG_READ', demoIds.operations, 'OPERATIONS', 'Demo contractmanagement', null),
      trajectoryId: null,
    });

    // Paged like every list; a period is days in Amsterdam, both ends included.
    const window = await logOf({ bsn }, '?limit=2&offset=3');
    expect([window.total, window.items.map((l) => l.kind)]).toEqual([5, ['FOUND_BY_NAME', 'TRAJECTORY_VIEWED']]);
    const today = dateOf(new Date());
    expect((await logOf({ bsn, from: today, to: today })).total).toBe(6);
    expect((await logOf({ bsn, from: addDays(today, 1) })).total).toBe(0);
    expect((await logOf({ bsn, to: addDays(today, -1) })).total).toBe(0);
  });

  it("when operations look up what one person saw, then they get that person's looks by trajectory, the latest first, without any client's data, and the lookup is not a look at a client", async () => {
    const { trajectoryId } = await registered(6, 'Pim Persoon');
    await providerA.get(`/trajectories/${trajectoryId}`).expect(200);
    await providerA.post('/trajectories/search', { name: 'persoon' }).expect(200);
    const people = (await operations.get('/users').expect(200)).body.items as { id: string; name: string }[];
    expect(people).toContainEqual({
      id: demoIds.providerUserA,
      name: 'Demo begeleider A',
      role: 'PROVIDER',
      organisation: 'Demo Begeleiding A',
    });
    const before = await accessLines();
    const today = dateOf(new Date());
    const log = await logOf({ userId: demoIds.providerUserA, from: today, to: today });
    expect(log.items.slice(0, 2).map((l) => [l.kind, l.trajectoryId, l.user.id])).toEqual([
      ['FOUND_BY_NAME', trajectoryId, demoIds.providerUserA],
      ['TRAJECTORY_VIEWED', trajectoryId, demoIds.providerUserA],
    ]);
    expect(JSON.stringify(log)).not.toContain('Pim');
    expect(await accessLines()).toBe(before);
    expect((await operations.post('/access-log', { userId: demoIds.teamZeist }).expect(404)).body.error.code).toBe(
      'NOT_FOUND',
    );
    expect((await consultant.get('/users')).status).toBe(403);
  });

  it('when anyone but operations asks, or for an unknown BSN, a malformed one or a period that ends before it begins, then a clear refusal and nothing is logged', async () => {
    const { bsn } = await registered(4, 'Bea Bewaard');
    const before = await accessLines();
    const refused = async (who: typeof operations, body: object, status: number, path?: string, rule?: string) => {
      const res = await who.post('/access-log', body).expect(status);
      if (path) expect(res.body.error.details).toEqual([expect.objectContaining({ path, ...(rule && { rule }) })]);
    };
    await refused(consultant, { bsn }, 403);
    await refused(providerA, { bsn }, 403);
    await refused(operations, { bsn: bsnOf(99, 976) }, 404);
    await refused(operations, { bsn: '123456789' }, 400, 'body.bsn');
    await refused(operations, { bsn, from: '2026-12-08', to: '2026-12-07' }, 422, 'body.to', 'PERIOD');
    await refused(operations, { bsn, from: '7 december' }, 400, 'body.from');
    await refused(operations, {}, 400, 'body');
    await refused(operations, { bsn, userId: demoIds.consultant }, 400, 'body');
    expect(await accessLines()).toBe(before);
  });

  it('when a consultant, a provider and operations open the same trajectory many times at once, then every look is logged once, on the person who looked, and each answer is the one their role may see', async () => {
    const { trajectoryId } = await registered(5, 'Tess Tegelijk');
    const people = [
      { who: consultant, id: demoIds.consultant, role: 'CONSULTANT', named: true },
      { who: providerA, id: demoIds.providerUserA, role: 'PROVIDER', named: true },
      { who: operations, id: demoIds.operations, role: 'OPERATIONS', named: false },
    ];
    const looks = people.flatMap((p) => Array.from({ length: 4 }, () => p));
    const answers = await Promise.all(looks.map((p) => p.who.get(`/trajectories/${trajectoryId}`)));
    answers.forEach((res, i) => {
      expect([res.status, res.body.client?.fullName]).toEqual([200, looks[i]!.named ? 'Tess Tegelijk' : undefined]);
    });
    const lines = await api.db.prisma.clientAccess.groupBy({
      by: ['userId', 'role', 'kind'],
      where: { trajectoryId },
      _count: true,
    });
    expect(lines.map((l) => [l.userId, l.role, l.kind, l._count]).sort()).toEqual(
      people.map((p) => [p.id, p.role, 'TRAJECTORY_VIEWED', 4]).sort(),
    );
  });
});
