import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';

/** Seed 001: each provider's performance is discussed with contract management at least once a year. */
describe("API: the yearly talk on a provider's performance", () => {
  const api = useApi();
  const { operations, consultant, providerA } = api;
  const today = () => dateOf(new Date());
  const record = (providerId: string, body: object) => operations.post(`/providers/${providerId}/reviews`, body);
  const reviewOf = async (providerId: string) =>
    (await operations.get('/providers/reviews').expect(200)).body.items.find(
      (r: { providerId: string }) => r.providerId === providerId,
    );

  it('when no talk was held, then it is due now; a talk recorded makes the next due a year later, counted from the latest one held', async () => {
    await expect(reviewOf(demoIds.providerA)).resolves.toEqual({
      providerId: demoIds.providerA,
      name: 'Demo Begeleiding A',
      lastHeldOn: null,
      lastNotes: null,
      dueOn: null,
      overdue: true,
    });
    const heldOn = addDays(today(), -400);
    const first = await record(demoIds.providerA, { heldOn, notes: 'Wachttijd intake terugbrengen.' }).expect(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      providerId: demoIds.providerA,
      heldOn,
      dueOn: addMonths(heldOn, 12),
    });
    await expect(reviewOf(demoIds.providerA)).resolves.toMatchObject({
      lastHeldOn: heldOn,
      lastNotes: 'Wachttijd intake terugbrengen.',
      dueOn: addMonths(heldOn, 12),
      overdue: true,
    });

    await record(demoIds.providerA, { heldOn: today() }).expect(201);
    // One recorded late, of a day before the latest: the next is still due a year after the latest.
    const late = await record(demoIds.providerA, { heldOn: addDays(today(), -30) }).expect(201);
    expect(late.body.dueOn).toBe(addMonths(today(), 12));
    await expect(reviewOf(demoIds.providerA)).resolves.toMatchObject({
      lastHeldOn: today(),
      lastNotes: null,
      dueOn: addMonths(today(), 12),
      overdue: false,
    });
    const audit = await api.db.prisma.auditEvent.count({ where: { action: 'PROVIDER_REVIEW_RECORDED' } });
    expect(audit).toBe(3);
  });

  it('when a talk is in the future, of an unknown provider, or a second of one day (also two at once), then it is refused and nothing is written', async () => {
    const before = await api.db.prisma.providerReview.count();
    const future = await record(demoIds.providerB, { heldOn: addDays(today(), 1) }).expect(422);
    expect(future.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.heldOn', rule: 'REVIEW_IN_FUTURE' }),
    ]);
    await record('00000000-0000-4000-8000-000000000999', { heldOn: today() }).expect(404);
    await record(demoIds.providerB, { heldOn: today(), notes: '' }).expect(400);
    expect(await api.db.prisma.providerReview.count()).toBe(before);

    const both = await Promise.all([
      record(demoIds.providerB, { heldOn: today() }),
      record(demoIds.providerB, { heldOn: today() }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)?.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.heldOn', rule: 'REVIEW_EXISTS' }),
    ]);
    expect(await api.db.prisma.providerReview.count()).toBe(before + 1);

    // Contract management's own: consultants and providers neither record nor read them.
    expect((await consultant.post(`/providers/${demoIds.providerB}/reviews`, { heldOn: today() })).status).toBe(403);
    expect((await providerA.get('/providers/reviews')).status).toBe(403);
  });
});
