import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { lastAllowedDay } from '../../domain/deadlines';
import { zrmDomains } from '../../domain/zrm';
import { useApi } from '../support/api';

const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
/** Amsterdam's business day, read at each use: a suite may run across midnight. */
const today = () => dateOf(new Date());

describe('API: changes to a running allocation', () => {
  const api = useApi();
  const { consultant, providerA, operations } = api;

  async function active(productCode: string, startDate: string, endDate: string, hoursPerWeek: number | null) {
    const id = await api.register();
    await providerA.post(`/trajectories/${id}/intake`, { heldOn: today() }).expect(200);
    const indication = { productCode, startDate, endDate, hoursPerWeek, zrm: stable };
    await consultant.post(`/trajectories/${id}/indication`, indication).expect(200);
    return id;
  }

  it('when the consultant moves the end date and then steps over to bemoeizorg, then the records and deadlines follow', async () => {
    const id = await active('02B05', addDays(today(), -30), addMonths(today(), 3), 3);

    const moved = await consultant.post(`/trajectories/${id}/end-date`, { newEndDate: addMonths(today(), 5) });
    expect(moved.status).toBe(200);
    expect(moved.body.indication.endDate).toBe(addMonths(today(), 5));
    const told = await api.db.prisma.notification.findMany({ where: { trajectoryId: id, kind: 'ALLOCATION_CHANGED' } });
    expect(told.map((n) => [n.recipientRole, (n.payload as { endDate: string }).endDate])).toEqual([
      ['PROVIDER', addMonths(today(), 5)],
    ]);
    const tooLong = await consultant.post(`/trajectories/${id}/end-date`, { newEndDate: addMonths(today(), 13) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details[0].rule).toMatch(/^02B05\./);

    const changed = await consultant.post(`/trajectories/${id}/product-change`, {
      productCode: '02B04',
      startDate: today(),
      endDate: lastAllowedDay(today(), 12),
      hoursPerWeek: 3,
      zrm: stable,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.indication).toMatchObject({ productCode: '02B04', sequence: 2 });
    const indications = await api.db.prisma.indication.findMany({
      where: { trajectoryId: id },
      orderBy: { sequence: 'asc' },
    });
    expect(indications.map((i) => [i.productCode, i.status])).toEqual([
      ['02B05', 'SUPERSEDED'],
      ['02B04', 'ACTIVE'],
    ]);
    const detail = await operations.get(`/trajectories/${id}`);
    expect(detail.body.pendingDeadlines.map((d: { kind: string }) => d.kind)).toContain('INTERIM_EVALUATION');
  });

  it('when the consultant steps down to fewer hours of the same product, then a new indication runs from that day and the old one ends the day before; the same allocation again is refused on the product', async () => {
    const start = addDays(today(), -30);
    const end = addMonths(today(), 3);
    const id = await active('02B05', start, end, 4);
    const stepDown = { productCode: '02B05', startDate: today(), endDate: end, hoursPerWeek: 2, zrm: {} };

    const changed = await consultant.post(`/trajectories/${id}/product-change`, stepDown);
    expect(changed.status).toBe(200);
    expect(changed.body.indication).toMatchObject({ productCode: '02B05', sequence: 2, hoursPerWeek: 2 });
    const indications = await api.db.prisma.indication.findMany({
      where: { trajectoryId: id },
      orderBy: { sequence: 'asc' },
    });
    expect(indications.map((i) => [i.status, Number(i.hoursPerWeek), dateOf(i.startDate), dateOf(i.endDate)])).toEqual([
      ['SUPERSEDED', 4, start, addDays(today(), -1)],
      ['ACTIVE', 2, today(), end],
    ]);
    const timeline = (await consultant.get(`/trajectories/${id}`).expect(200)).body.timeline as {
      action: string;
      data: unknown;
    }[];
    expect(timeline.find((e) => e.action === 'ALLOCATION_CHANGED')?.data).toEqual({
      productCode: '02B05',
      startDate: today(),
      hoursPerWeekFrom: 4,
      hoursPerWeekTo: 2,
      surchargeFrom: null,
      surchargeTo: null,
    });
    expect(timeline.some((e) => e.action === 'PRODUCT_CHANGED')).toBe(false);
    // The provider is told the allocation changed, as it now is.
    const told = await api.db.prisma.notification.findMany({ where: { trajectoryId: id, kind: 'ALLOCATION_CHANGED' } });
    expect(told.map((n) => n.payload)).toEqual([
      { trajectoryId: id, productCode: '02B05', startDate: today(), endDate: end, hoursPerWeek: 2 },
    ]);

    // Nothing would change: refused on the product, with the rule, and nothing written.
    const again = await consultant.post(`/trajectories/${id}/product-change`, {
      ...stepDown,
      startDate: addDays(today(), 1),
    });
    expect(again.status).toBe(400);
    expect(again.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.productCode', rule: 'NOTHING_CHANGES' }),
    ]);
    expect(await api.db.prisma.indication.count({ where: { trajectoryId: id } })).toBe(2);
  });

  it('when the bemoeizorg end evaluation says contact failed, then risk analysis and follow-up plan are tasks; a second evaluation is 409', async () => {
    const id = await active('02B04', today(), lastAllowedDay(today(), 12), 3);
    const evaluated = await consultant.post(`/trajectories/${id}/end-evaluation`, { outcome: 'CONTACT_FAILED' });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.endEvaluation).toBe('CONTACT_FAILED');
    const tasks = (await consultant.get('/tasks?limit=100')).body.items.filter(
      (t: { trajectoryId: string }) => t.trajectoryId === id,
    );
    expect(tasks.map((t: { kind: string }) => t.kind).sort()).toEqual(['FOLLOW_UP_PLAN', 'RISK_ANALYSIS']);
    expect((await consultant.post(`/trajectories/${id}/end-evaluation`, { outcome: 'STEPPED_DOWN' })).status).toBe(409);
  });

  it('when an extension is requested and granted, then the next period is set for after the end date', async () => {
    const end = addMonths(today(), 2);
    const id = await active('02B05', today(), end, 2);
    const report = { goalsReached: 'Dagbesteding gevonden', stillNeeded: 'Nazorg', intendedOutflow: 'Over 3 maanden' };
    await providerA.post(`/trajectories/${id}/extension-request`, { report }).expect(200);
    const granted = await consultant.post(`/trajectories/${id}/extension-decision`, {
      granted: true,
      newEndDate: addMonths(end, 3),
    });
    expect(granted.status).toBe(200);
    expect(granted.body.extension).toMatchObject({
      status: 'GRANTED',
      next: { startDate: addDays(end, 1), endDate: addMonths(end, 3) },
    });
    const closed = await operations.get(`/trajectories/${id}`);
    expect(closed.body.indications.map((i: { sequence: number }) => i.sequence)).toEqual([1, 2]);
  });
});
