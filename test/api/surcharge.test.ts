import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';

/** Seed 001: "Opslag per categorie, per cliënt, per periode van 4 weken": the surcharge goes with IB1, IB2 or IB3. */
describe('API: a category decided with its surcharge (opslag)', () => {
  const api = useApi();
  const { otherConsultant: consultant, consultant: zeist, providerA } = api;
  const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 3]));
  const today = () => dateOf(new Date());

  async function intakeHeld(by = consultant) {
    const id = await api.register(demoIds.providerA, by);
    await providerA.post(`/trajectories/${id}/intake`, { heldOn: today() }).expect(200);
    return id;
  }
  const surcharges = async (id: string) =>
    (await consultant.get(`/trajectories/${id}`).expect(200)).body.indications.map(
      (i: { sequence: number; productCode: string; surchargeCode: string | null }) => [
        i.sequence,
        i.productCode,
        i.surchargeCode,
      ],
    );

  it('when IB1 is decided with its surcharge, then it is OPSLAG1; a step up to IB3 takes OPSLAG3 and its extension keeps it; one without it has none', async () => {
    const id = await intakeHeld();
    const end = addMonths(today(), 4);
    const decision = { productCode: 'IB1', startDate: today(), endDate: end, hoursPerWeek: null, zrm, surcharge: true };
    await consultant.post(`/trajectories/${id}/indication`, decision).expect(200);
    await expect(surcharges(id)).resolves.toEqual([[1, 'IB1', 'OPSLAG1']]);
    const audit = await api.db.prisma.auditEvent.findFirstOrThrow({
      where: { trajectoryId: id, action: 'INDICATION_DECIDED' },
    });
    expect(audit.data).toMatchObject({ productCode: 'IB1', surchargeCode: 'OPSLAG1' });

    const stepUp = { ...decision, productCode: 'IB3', startDate: addDays(today(), 1) };
    await consultant.post(`/trajectories/${id}/product-change`, stepUp).expect(200);
    const report = { goalsReached: 'Schulden in beeld', stillNeeded: 'Budgetbeheer', intendedOutflow: 'Naar IB1' };
    await providerA.post(`/trajectories/${id}/extension-request`, { report }).expect(200);
    await consultant
      .post(`/trajectories/${id}/extension-decision`, { granted: true, newEndDate: addMonths(end, 3) })
      .expect(200);
    await expect(surcharges(id)).resolves.toEqual([
      [1, 'IB1', 'OPSLAG1'],
      [2, 'IB3', 'OPSLAG3'],
      [3, 'IB3', 'OPSLAG3'],
    ]);

    const plain = await intakeHeld();
    const { surcharge: _none, ...withoutSurcharge } = decision;
    await consultant.post(`/trajectories/${plain}/indication`, withoutSurcharge).expect(200);
    await expect(surcharges(plain)).resolves.toEqual([[1, 'IB1', null]]);
  });

  it('when the behavioural problems ease, then the category goes on without its surcharge from a day (seed 004: the surcharge is temporary)', async () => {
    const id = await intakeHeld();
    const decision = {
      productCode: 'IB2',
      startDate: today(),
      endDate: addMonths(today(), 4),
      hoursPerWeek: null,
      zrm,
      surcharge: true,
    };
    await consultant.post(`/trajectories/${id}/indication`, decision).expect(200);
    const from = addDays(today(), 14);
    const { surcharge: _dropped, ...withoutSurcharge } = decision;
    await consultant.post(`/trajectories/${id}/product-change`, { ...withoutSurcharge, startDate: from }).expect(200);
    await expect(surcharges(id)).resolves.toEqual([
      [1, 'IB2', 'OPSLAG2'],
      [2, 'IB2', null],
    ]);
    const audit = await api.db.prisma.auditEvent.findFirstOrThrow({
      where: { trajectoryId: id, action: 'ALLOCATION_CHANGED' },
    });
    expect(audit.data).toMatchObject({
      productCode: 'IB2',
      surchargeFrom: 'OPSLAG2',
      surchargeTo: null,
      startDate: from,
    });
  });

  it('when a product without a surcharge is decided with one, then it is refused on surcharge and nothing is decided', async () => {
    const id = await intakeHeld(zeist);
    const decision = {
      productCode: '02B05',
      startDate: today(),
      endDate: addMonths(today(), 4),
      hoursPerWeek: 3,
      zrm,
      surcharge: true,
    };
    const refused = await zeist.post(`/trajectories/${id}/indication`, decision).expect(422);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.surcharge', rule: '02B05.NO_SURCHARGE' }),
    ]);
    const after = (await zeist.get(`/trajectories/${id}`).expect(200)).body;
    expect([after.phase, after.indications]).toEqual(['INTAKE_HELD', []]);
    // Asked as false, it is no surcharge.
    await zeist.post(`/trajectories/${id}/indication`, { ...decision, surcharge: false }).expect(200);
  });
});
