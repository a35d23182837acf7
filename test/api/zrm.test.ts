import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { demoIds } from '../../prisma/seed/demo';
import { bsnOf, useApi } from '../support/api';

/** Seed 001/002: goals by the ZRM, results per domain as an improvement or stabilisation, measured again during care. */
describe('API: ZRM measurements during an indication', () => {
  const api = useApi();
  const { consultant, providerA, operations } = api;
  let id = '';
  let start = '';

  beforeAll(async () => {
    // Registered 40 days ago, the indication runs from 30 days ago: room for measurements on earlier days.
    const today = dateOf(new Date());
    start = addDays(today, -30);
    const registered = await consultant
      .post('/trajectories', {
        client: { bsn: bsnOf(9_301), fullName: 'Zrm Meting', dateOfBirth: '1970-03-03' },
        providerId: demoIds.providerA,
        registeredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
      })
      .expect(201);
    id = registered.body.trajectoryId as string;
    await providerA.post(`/trajectories/${id}/intake`, { heldOn: addDays(today, -35) }).expect(200);
    await consultant
      .post(`/trajectories/${id}/indication`, {
        productCode: '02B05',
        startDate: start,
        endDate: addMonths(start, 6),
        hoursPerWeek: 3,
        zrm: { FINANCES: 2, HOUSING: 3, MENTAL_HEALTH: 2 },
      })
      .expect(200);
  });

  const zrmOf = async (who: typeof consultant) => (await who.get(`/trajectories/${id}`).expect(200)).body.zrm;

  it('when the provider measures again, then the detail lists both measurements for consultant and provider, none for operations; the audit names the day, not the scores', async () => {
    const on = addDays(start, 20);
    const measured = await providerA
      .post(`/trajectories/${id}/zrm-assessments`, {
        assessedOn: on,
        scores: { FINANCES: 3, HOUSING: 3, MENTAL_HEALTH: 1, SOCIAL_NETWORK: 4 },
      })
      .expect(200);
    expect(measured.body).toEqual({ assessmentId: expect.any(String), assessedOn: on });
    const expected = [
      { assessedOn: start, scores: { FINANCES: 2, HOUSING: 3, MENTAL_HEALTH: 2 } },
      { assessedOn: on, scores: { FINANCES: 3, HOUSING: 3, MENTAL_HEALTH: 1, SOCIAL_NETWORK: 4 } },
    ];
    await expect(zrmOf(providerA)).resolves.toEqual(expected);
    await expect(zrmOf(consultant)).resolves.toEqual(expected);
    await expect(zrmOf(operations)).resolves.toBeUndefined();
    expect((await operations.post(`/trajectories/${id}/zrm-assessments`, expected[1])).status).toBe(403);

    const audit = await api.db.prisma.auditEvent.findFirstOrThrow({
      where: { trajectoryId: id, action: 'ZRM_ASSESSED' },
    });
    expect(audit).toMatchObject({
      actorId: demoIds.providerUserA,
      data: { assessmentId: measured.body.assessmentId, assessedOn: on },
    });
    const timeline = (await providerA.get(`/trajectories/${id}`)).body.timeline;
    expect(timeline.find((e: { action: string }) => e.action === 'ZRM_ASSESSED')).toMatchObject({
      actorName: 'Demo begeleider A',
    });
  });

  it('when measurements are stored, then the database holds their scores only sealed (health data): no plain score rows, no domain or score in the row', async () => {
    const rows = await api.db.prisma.$queryRaw<{ row: string }[]>`
      SELECT row_to_json(a)::text AS row FROM "ZrmAssessment" a WHERE "trajectoryId" = ${id}::uuid`;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const { row } of rows) {
      expect(row).toMatch(/"sealedScores":"sealed:test:/);
      expect(row).not.toMatch(/FINANCES|HOUSING|MENTAL_HEALTH/);
    }
    expect(await api.db.prisma.zrmScore.count({ where: { assessment: { trajectoryId: id } } })).toBe(0);
  });

  it('when the consultant and the provider send a measurement of the same day at once, then one is kept and the other gets 409 on its date', async () => {
    const on = addDays(start, 10);
    const answers = await Promise.all(
      [consultant, providerA].map((who) =>
        who.post(`/trajectories/${id}/zrm-assessments`, { assessedOn: on, scores: { HOUSING: 4 } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409);
    expect(refused?.body.error).toMatchObject({
      code: 'ALREADY_ASSESSED',
      details: [expect.objectContaining({ path: 'body.assessedOn' })],
    });
    const onThatDay = await api.db.prisma.zrmAssessment.count({
      where: { trajectoryId: id, assessedOn: new Date(`${on}T00:00:00Z`) },
    });
    expect(onThatDay).toBe(1);
    // Listed in the order measured, whenever it was sent.
    await expect(zrmOf(consultant)).resolves.toEqual([
      expect.objectContaining({ assessedOn: start }),
      expect.objectContaining({ assessedOn: on }),
      expect.objectContaining({ assessedOn: addDays(start, 20) }),
    ]);
  });

  it('when operations ask for KPIs, then the results count the domains of the first and the latest measurement by how they developed, without any client', async () => {
    const rows = (await operations.get(`/kpis?providerId=${demoIds.providerA}&product=02B05`).expect(200)).body.items;
    // First (the decision): financiën 2, huisvesting 3, geestelijke gezondheid 2; latest: 3, 3, 1 (and one domain new).
    expect(rows).toEqual([expect.objectContaining({ trajectories: 1, zrmImproved: 1, zrmStable: 1, zrmDeclined: 1 })]);
  });
});
