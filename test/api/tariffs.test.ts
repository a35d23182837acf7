import { addDays, addMonths, dateOf, daysBetween, firstOfMonth } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { eventually } from '../support/eventually';

/** DOMAIN.md: tariffs are data with validity periods; seed 001: contract management monitors what care costs. */
describe('API: tariffs and what care cost', () => {
  const api = useApi();
  const { operations, consultant, providerA } = api;
  const add = (body: object) => operations.post('/tariffs', body);
  const tariffsOf = async (productCode: string) =>
    (await operations.get('/tariffs').expect(200)).body.items
      .filter((t: { productCode: string }) => t.productCode === productCode)
      .map((t: { validFrom: string; validTo: string | null; amountCents: number }) => [
        t.validFrom,
        t.validTo,
        t.amountCents,
      ]);
  const weekly = (validFrom: string, amountCents: number) => ({
    productCode: 'IB2',
    validFrom,
    amountCents,
    unit: 'PER_CLIENT_PER_WEEK',
    source: 'Deelovereenkomst IB',
  });

  it('when operations add the tariffs of new years, then each runs until the next begins, an ended one stays as it was, and each is audited', async () => {
    await expect(tariffsOf('IB2')).resolves.toEqual([['2016-01-01', '2016-12-31', 69221]]);
    await add(weekly('2026-01-01', 17500)).expect(201);
    await add(weekly('2028-01-01', 18500)).expect(201);
    const between = await add(weekly('2027-01-01', 18000)).expect(201);
    expect(between.body).toEqual({
      id: expect.any(String),
      productCode: 'IB2',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      amountCents: 18000,
      unit: 'PER_CLIENT_PER_WEEK',
      source: 'Deelovereenkomst IB',
    });
    await expect(tariffsOf('IB2')).resolves.toEqual([
      ['2016-01-01', '2016-12-31', 69221],
      ['2026-01-01', '2026-12-31', 17500],
      ['2027-01-01', '2027-12-31', 18000],
      ['2028-01-01', null, 18500],
    ]);
    const audit = await api.db.prisma.auditEvent.findMany({
      where: { action: 'TARIFF_ADDED' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.actorId, a.trajectoryId, (a.data as { validFrom: string }).validFrom])).toEqual([
      [demoIds.operations, null, '2026-01-01'],
      [demoIds.operations, null, '2028-01-01'],
      [demoIds.operations, null, '2027-01-01'],
    ]);
  });

  it('when a tariff is wrong, then it is refused on its field and nothing changes; two of one day sent at once keep one', async () => {
    const before = await tariffsOf('IB3');
    const refused = async (body: object, status: number, path: string, rule?: string) => {
      const res = await add(body).expect(status);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path, ...(rule && { rule }) })]);
    };
    const ib3 = { ...weekly('2026-01-01', 30000), productCode: 'IB3' };
    await refused({ ...ib3, unit: 'PER_HOUR' }, 422, 'body.unit', 'TARIFF_UNIT');
    await refused({ ...ib3, productCode: '02B05' }, 422, 'body.unit', 'TARIFF_UNIT');
    await refused({ ...ib3, productCode: 'IB9' }, 422, 'body.productCode', 'UNKNOWN_PRODUCT');
    await refused({ ...ib3, amountCents: 0 }, 400, 'body.amountCents');
    await refused({ ...ib3, amountCents: 12.5 }, 400, 'body.amountCents');
    await refused({ ...ib3, validFrom: '2026-02-30' }, 400, 'body.validFrom');
    await refused({ ...ib3, source: '' }, 400, 'body.source');
    await expect(tariffsOf('IB3')).resolves.toEqual(before);

    const both = await Promise.all([add(ib3), add({ ...ib3, amountCents: 31000 })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const lost = both.find((r) => r.status === 409);
    expect(lost?.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.validFrom', rule: 'TARIFF_EXISTS' }),
    ]);
    await expect(tariffsOf('IB3')).resolves.toHaveLength(before.length + 1);
    // Only operations keep the catalogue.
    expect((await consultant.post('/tariffs', ib3)).status).toBe(403);
    expect((await providerA.get('/tariffs')).status).toBe(403);
  });

  it('when a tariff was entered wrongly, then operations correct its amount with the reason, audited with both amounts; a wrong correction changes nothing', async () => {
    const added = await add({ ...weekly('2029-01-01', 17500), productCode: 'IB1' }).expect(201);
    const correct = (tariffId: string, body: object, who = operations) =>
      who.post(`/tariffs/${tariffId}/correction`, body);
    await correct(added.body.id, { amountCents: 0, reason: 'typefout' }).expect(400);
    await correct(added.body.id, { amountCents: 1750 }).expect(400);
    await correct('00000000-0000-4000-8000-000000000999', { amountCents: 1750, reason: 'typefout' }).expect(404);
    expect((await correct(added.body.id, { amountCents: 1750, reason: 'x' }, consultant)).status).toBe(403);
    await expect(tariffsOf('IB1')).resolves.toContainEqual(['2029-01-01', null, 17500]);

    const corrected = await correct(added.body.id, { amountCents: 1750, reason: 'Een nul te veel getypt.' }).expect(
      200,
    );
    expect(corrected.body).toMatchObject({ id: added.body.id, validFrom: '2029-01-01', amountCents: 1750 });
    await expect(tariffsOf('IB1')).resolves.toContainEqual(['2029-01-01', null, 1750]);
    const audit = await api.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'TARIFF_CORRECTED' } });
    expect([audit.actorId, audit.data]).toEqual([
      demoIds.operations,
      { tariffId: added.body.id, from: 17500, to: 1750, reason: 'Een nul te veel getypt.' },
    ]);
  });

  it('when a tariff has the wrong unit, then operations correct it (a unit the product is not paid by refused); naming nothing that changes is refused', async () => {
    const added = await add({ ...weekly('2029-01-01', 30000), productCode: 'IB3' }).expect(201);
    const correct = (body: object) => operations.post(`/tariffs/${added.body.id}/correction`, body);
    const refusal = async (body: object, status: number, path: string, rule?: string) => {
      const res = await correct(body).expect(status);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path, ...(rule && { rule }) })]);
    };
    await refusal({ reason: 'x' }, 400, 'body.amountCents');
    await refusal(
      { amountCents: 30000, unit: 'PER_CLIENT_PER_WEEK', reason: 'x' },
      400,
      'body.amountCents',
      'TARIFF_UNCHANGED',
    );
    await refusal({ unit: 'PER_HOUR', reason: 'x' }, 422, 'body.unit', 'TARIFF_UNIT');
    await correct({
      unit: 'PER_CLIENT_PER_MONTH',
      amountCents: 30000,
      reason: 'De overeenkomst noemt een maandtarief.',
    }).expect(200);
    const [row] = (await operations.get('/tariffs')).body.items.filter((t: { id: string }) => t.id === added.body.id);
    expect(row).toMatchObject({ unit: 'PER_CLIENT_PER_MONTH', amountCents: 30000 });
    const audit = await api.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'TARIFF_CORRECTED', data: { path: ['tariffId'], equals: added.body.id } },
    });
    expect(audit.data).toEqual({
      tariffId: added.body.id,
      unitFrom: 'PER_CLIENT_PER_WEEK',
      unitTo: 'PER_CLIENT_PER_MONTH',
      reason: 'De overeenkomst noemt een maandtarief.',
    });
  });

  it('when a tariff was added on a wrong first day, then operations remove it, the one before holds on for its days, and the right one is added', async () => {
    await add({ ...weekly('2030-01-01', 20000), productCode: 'IB1' }).expect(201);
    const wrong = await add({ ...weekly('2031-01-01', 21000), productCode: 'IB1' }).expect(201); // meant for 2032
    await add({ ...weekly('2033-01-01', 23000), productCode: 'IB1' }).expect(201);
    const before = await tariffsOf('IB1');
    expect(before).toEqual(
      expect.arrayContaining([
        ['2030-01-01', '2030-12-31', 20000],
        ['2031-01-01', '2032-12-31', 21000],
      ]),
    );
    const remove = (tariffId: string, body: object, who = operations) => who.post(`/tariffs/${tariffId}/removal`, body);
    await remove(wrong.body.id, {}).expect(400);
    expect((await remove(wrong.body.id, { reason: 'x' }, consultant)).status).toBe(403);
    await expect(tariffsOf('IB1')).resolves.toEqual(before);

    await remove(wrong.body.id, { reason: 'Begindatum moest 1 januari 2032 zijn.' }).expect(200);
    await remove(wrong.body.id, { reason: 'nog eens' }).expect(404);
    await add({ ...weekly('2032-01-01', 21000), productCode: 'IB1' }).expect(201);
    await expect(tariffsOf('IB1')).resolves.toEqual(
      expect.arrayContaining([
        ['2030-01-01', '2031-12-31', 20000],
        ['2032-01-01', '2032-12-31', 21000],
        ['2033-01-01', null, 23000],
      ]),
    );
    const audit = await api.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'TARIFF_REMOVED' } });
    expect([audit.actorId, audit.data]).toEqual([
      demoIds.operations,
      {
        tariffId: wrong.body.id,
        productCode: 'IB1',
        validFrom: '2031-01-01',
        amountCents: 21000,
        unit: 'PER_CLIENT_PER_WEEK',
        reason: 'Begindatum moest 1 januari 2032 zijn.',
      },
    ]);
  });

  it('when operations ask what care cost in a year, then each provider and product has its allocations and deliveries priced by the tariffs in force', async () => {
    const today = dateOf(new Date());
    const start = addDays(today, -30);
    const year = Number(start.slice(0, 4));
    const yearEnd = `${year}-12-31`;
    const daysThrough = (to: string) => daysBetween(start, to < yearEnd ? to : yearEnd) + 1;
    await add({
      productCode: '02B05',
      validFrom: '2017-01-01',
      amountCents: 6000,
      unit: 'PER_HOUR',
      source: 'x',
    }).expect(201);
    await add({ ...weekly('2017-01-01', 7000), productCode: 'IB1' }).expect(201);
    await add({ ...weekly('2017-01-01', 1400), productCode: 'OPSLAG1' }).expect(201);

    // 02B05, 3 hours a week, from 30 days ago until 3 months ahead; 3 hours declared in its first month,
    // half an hour of it the client's share of group sessions (priced as any client-bound time, seed 003).
    const hourly = await api.inCare('02B05', 3, start);
    await providerA
      .post(`/trajectories/${hourly}/hour-declarations`, {
        month: firstOfMonth(start),
        directMinutes: 120,
        indirectMinutes: 30,
        digitalMinutes: 0,
        groupMinutes: 30,
      })
      .expect(200);
    // IB1 in the Drechtsteden over the same days, at € 70 a week, with its surcharge at € 14 (seed 001).
    const sdd = await api.register(demoIds.providerA, api.otherConsultant);
    await providerA.post(`/trajectories/${sdd}/intake`, { heldOn: today }).expect(200);
    const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 3]));
    const decision = {
      productCode: 'IB1',
      startDate: start,
      endDate: addMonths(today, 3),
      hoursPerWeek: null,
      zrm,
      surcharge: true,
    };
    await api.otherConsultant.post(`/trajectories/${sdd}/indication`, decision).expect(200);

    const costs = async () =>
      (await operations.get(`/costs?year=${year}`).expect(200)).body.items.filter(
        (r: { providerId: string }) => r.providerId === demoIds.providerA,
      );
    const end = addMonths(today, 3);
    /** A result-financed row: each day of care at `cents`, allocated through the end, realised through today. */
    const perDay = (productCode: string, cents: number) => ({
      providerId: demoIds.providerA,
      productCode,
      trajectories: 1,
      allocatedCents: daysThrough(end) * cents,
      realisedCents: daysThrough(today) * cents,
      declaredMinutes: 0,
      daysWithoutTariff: 0,
      monthsWithoutTariff: 0,
    });
    await expect(costs()).resolves.toEqual([
      {
        providerId: demoIds.providerA,
        productCode: '02B05',
        trajectories: 1,
        allocatedCents: Math.round((daysThrough(end) * 3 * 6000) / 7),
        realisedCents: 18000,
        declaredMinutes: 180,
        daysWithoutTariff: 0,
        monthsWithoutTariff: 0,
      },
      perDay('IB1', 1000),
      perDay('OPSLAG1', 200),
    ]);
    // Each trajectory once in the year's count, though the one with its surcharge is in two rows.
    expect((await operations.get(`/costs?year=${year}`).expect(200)).body.trajectories).toBe(2);

    // Closed today: its care ends today, so what was allocated is what was realised.
    await api.otherConsultant.post(`/trajectories/${sdd}/close`, { reason: 'MOVED' }).expect(200);
    await eventually(costs, (rows) => rows[1]?.allocatedCents === rows[1]?.realisedCents);
    expect((await costs())[1]).toMatchObject({ allocatedCents: daysThrough(today) * 1000 });
    // A year without care has no rows; only operations see costs.
    await expect(
      operations
        .get(`/costs?year=${year - 5}`)
        .expect(200)
        .then((r) => r.body.items),
    ).resolves.toEqual([]);
    expect((await consultant.get(`/costs?year=${year}`)).status).toBe(403);
  });

  it("when operations set a region's budget for a year, then the costs show it beside what the region's care was allocated and realised; setting it again replaces it, audited with both amounts", async () => {
    const year = 2031; // a year of its own: no care yet
    const set = (body: object) => operations.post('/budgets', { region: 'SDD', year, ...body });
    for (const amountEuros of [0, 12.5, 2_000_000_000]) {
      const refused = await set({ amountEuros });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.amountEuros' })]);
    }
    expect((await operations.post('/budgets', { region: 'ELSEWHERE', year, amountEuros: 1 })).status).toBe(400);
    expect((await consultant.post('/budgets', { region: 'SDD', year, amountEuros: 1 })).status).toBe(403);

    await set({ amountEuros: 12_000_000 }).expect(200, { region: 'SDD', year, amountEuros: 12_000_000 });
    await set({ amountEuros: 12_500_000 }).expect(200);
    const budgets = (await operations.get(`/costs?year=${year}`).expect(200)).body.budgets;
    expect(budgets).toEqual([{ region: 'SDD', budgetCents: 1_250_000_000, allocatedCents: 0, realisedCents: 0 }]);
    const audits = await api.db.prisma.auditEvent.findMany({ where: { action: 'BUDGET_SET' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.actorId, a.data])).toEqual([
      [demoIds.operations, { region: 'SDD', year, from: null, to: 12_000_000 }],
      [demoIds.operations, { region: 'SDD', year, from: 12_000_000, to: 12_500_000 }],
    ]);
  });
});
