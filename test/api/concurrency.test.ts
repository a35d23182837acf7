import { demoIds } from '../../prisma/seed/demo';
import { bsnOf, useApi } from '../support/api';
import { createEmbeddedTestDatabase } from '../support/database';

interface Summary {
  id: string;
  teamId: string;
  providerId: string;
}

/**
 * Many users at once on the `npm start` default database: every answer must belong to the one who
 * asked. (On the earlier embedded database all connections shared one session, and with five
 * requests in flight valid tokens got 401 and one user's lookup received another's row.)
 */
describe('API: 200 concurrent mixed requests on the embedded PostgreSQL', () => {
  const api = useApi({ database: () => createEmbeddedTestDatabase(10) });
  const { consultant, otherConsultant, providerA, providerB } = api;
  const team: Record<string, string> = {
    [demoIds.consultant]: demoIds.teamZeist,
    [demoIds.consultantDordrecht]: demoIds.teamDordrecht,
  };
  const byProvider: Record<string, string[]> = { [demoIds.providerA]: [], [demoIds.providerB]: [] };
  const byTeam: Record<string, string[]> = { [demoIds.teamZeist]: [], [demoIds.teamDordrecht]: [] };

  beforeAll(async () => {
    let n = 0;
    for (const who of [demoIds.consultant, demoIds.consultantDordrecht]) {
      for (const providerId of [demoIds.providerA, demoIds.providerB]) {
        for (let i = 0; i < 3; i++) {
          n += 1;
          const res = await api.as(who).post('/trajectories', {
            client: { bsn: bsnOf(70_000 + n), fullName: `Vooraf ${n}`, dateOfBirth: '1970-01-01' },
            providerId,
          });
          expect(res.status).toBe(201);
          byProvider[providerId]!.push(res.body.trajectoryId);
          byTeam[team[who]!]!.push(res.body.trajectoryId);
        }
      }
    }
  });

  it('when 200 reads and writes by five users run at once, then none fails and each answer is its caller’s', async () => {
    const registrations: { who: string; bsn: string; fullName: string; trajectoryId?: string }[] = [];
    const checks: Promise<void>[] = Array.from({ length: 200 }, async (_, i) => {
      const pick = <T>(list: T[]) => list[i % list.length]!;
      switch (i % 8) {
        case 0:
        case 1: {
          const [who, as] =
            i % 8 === 0 ? [demoIds.consultant, consultant] : [demoIds.consultantDordrecht, otherConsultant];
          const res = await as.get('/trajectories?limit=100');
          expect(res.status).toBe(200);
          expect(res.body.items.length).toBeGreaterThan(0);
          for (const t of res.body.items as Summary[]) expect(t.teamId).toBe(team[who]);
          return;
        }
        case 2:
        case 3: {
          const [providerId, as] = i % 8 === 2 ? [demoIds.providerA, providerA] : [demoIds.providerB, providerB];
          const res = await as.get('/trajectories?limit=100');
          expect(res.status).toBe(200);
          for (const t of res.body.items as Summary[]) expect(t.providerId).toBe(providerId);
          return;
        }
        case 4: {
          const id = pick(byProvider[demoIds.providerA]!);
          const res = await providerA.get(`/trajectories/${id}`);
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({ id, providerId: demoIds.providerA });
          return;
        }
        case 5: {
          const id = pick(byTeam[demoIds.teamDordrecht]!);
          const res = await otherConsultant.get(`/trajectories/${id}`);
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({ id, teamId: demoIds.teamDordrecht });
          expect(res.body.client.bsn).toMatch(/^\d{9}$/);
          return;
        }
        case 6: {
          const res = await providerB.get('/tasks?limit=100');
          expect(res.status).toBe(200);
          const ids = new Set(byProvider[demoIds.providerB]);
          for (const t of res.body.items as { trajectoryId: string }[]) expect(ids.has(t.trajectoryId)).toBe(true);
          return;
        }
        default: {
          const who = i % 16 === 7 ? demoIds.consultant : demoIds.consultantDordrecht;
          const entry = { who, bsn: bsnOf(80_000 + i), fullName: `Gelijktijdig ${i}` };
          registrations.push(entry);
          const res = await api.as(who).post('/trajectories', {
            client: { bsn: entry.bsn, fullName: entry.fullName, dateOfBirth: '1990-05-17' },
            providerId: demoIds.providerA,
          });
          expect(res.status).toBe(201);
          Object.assign(entry, { trajectoryId: res.body.trajectoryId });
        }
      }
    });
    const results = await Promise.allSettled(checks);
    const failures = results
      .filter((r) => r.status === 'rejected')
      .map((r) => String((r as PromiseRejectedResult).reason));
    // What the server logged as an error comes along, so a failure says why.
    const errors = api.logs
      .lines()
      .filter((line) => Number(line.level) >= 50)
      .map((line) => String(line.msg ?? line.err).slice(0, 300));
    expect({ failures, errors }).toEqual({ failures: [], errors: [] });

    // Each registration answered with the trajectory of the person it registered, in its caller's team.
    expect(registrations).toHaveLength(25);
    for (const r of registrations) {
      const row = await api.db.prisma.trajectory.findUniqueOrThrow({
        where: { id: r.trajectoryId! },
        include: { client: { include: { identity: true } } },
      });
      expect(row.teamId).toBe(team[r.who]);
      expect(row.client.identity).toMatchObject({ bsn: r.bsn, fullName: r.fullName });
    }
  });
});
