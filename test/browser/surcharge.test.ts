import { addMonths, dateOf } from '../../domain/calendar';
import { demoIds } from '../../prisma/seed/demo';
import { bsnOf, useApi } from '../support/api';
import { useBrowser } from '../support/browser';

/** Seed 001: the surcharge (opslag) goes with a category of the Drechtsteden, never alone; seed 004: IB4-MO only when its conditions hold. */
describe('a Drechtsteden decision with its surcharge or its conditions in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible } = useBrowser(api);

  it("when a Drechtsteden consultant decides IB1 with its surcharge, then the page shows the category with OPSLAG1; a surcharge is never offered alone, and Zeist's consultants, whose products have none, are not asked", async () => {
    const today = dateOf(new Date());
    const id = await api.register(demoIds.providerA, api.otherConsultant);
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const url = `${at.base}/trajecten/${id}`;
    const consultant = await signedIn(/Demo consulent Dordrecht/);
    await consultant.goto(url);
    const form = consultant.locator('form[action$="/indicatie"]');
    const offered = await form.getByLabel('Product').locator('option').allTextContents();
    expect(offered.filter((o) => o.startsWith('OPSLAG'))).toEqual([]);
    expect(offered).toContain('IB1 – Begeleiding 1');
    await form.getByLabel('Product').selectOption('IB1');
    await form.getByLabel(/Met opslag bij \(zeer\) ernstige gedragsproblematiek/).check();
    await form.getByLabel('Begindatum').fill(today);
    await form.getByLabel('Einddatum').fill(addMonths(today, 6));
    for (const domain of ['Financiën', 'Huisvesting']) await form.getByLabel(domain, { exact: true }).selectOption('3');
    await expectAccessible(consultant);
    await consultant.getByRole('button', { name: 'Indicatie besluiten' }).click();
    await consultant.waitForURL(url);
    await expect(
      consultant
        .getByRole('table', { name: 'Indicaties van dit traject' })
        .getByRole('cell', { name: 'IB1 – Begeleiding 1 met Begeleiding opslag 1 (OPSLAG1)' })
        .count(),
    ).resolves.toBe(1);
    await expect(
      consultant.getByRole('row', { name: /Indicatie besloten: IB1 met opslag OPSLAG1/ }).count(),
    ).resolves.toBe(1);

    const zeist = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await zeist.goto(`${at.base}/trajecten/${await api.register()}`);
    await expect(zeist.getByLabel(/Met opslag/).count()).resolves.toBe(0);
  });

  it('when a Drechtsteden consultant decides IB4-MO for a young adult, then each condition of seed 004 is asked, and the decision is refused beside the product until all are confirmed', async () => {
    const today = dateOf(new Date());
    const registered = await api.otherConsultant
      .post('/trajectories', {
        client: { bsn: bsnOf(8_404), fullName: 'Jong Volwassen', dateOfBirth: '2004-06-15' },
        providerId: demoIds.providerA,
      })
      .expect(201);
    const id = registered.body.trajectoryId as string;
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const url = `${at.base}/trajecten/${id}`;
    const consultant = await signedIn(/Demo consulent Dordrecht/);
    await consultant.goto(url);
    const form = consultant.locator('form[action$="/indicatie"]');
    const conditions = form.getByRole('group', { name: /Alleen bij IB4-MO – IB4 jongvolwassenen/ });
    await expect(conditions.getByRole('checkbox').count()).resolves.toBe(6);
    await form.getByLabel('Product').selectOption('IB4-MO');
    await form.getByLabel('Begindatum').fill(today);
    await form.getByLabel('Einddatum').fill(addMonths(today, 6));
    await conditions.getByLabel('betaalt huur voor de zelfstandige woonruimte').check();
    await consultant.getByRole('button', { name: 'Indicatie besluiten' }).click();
    await expect(consultant.locator('#veld-indicatie-productCode-fout').textContent()).resolves.toContain(
      'alleen toegekend als aan alle voorwaarden is voldaan',
    );
    await expect(api.db.prisma.indication.count({ where: { trajectoryId: id } })).resolves.toBe(0);
    await expect(conditions.getByLabel('betaalt huur voor de zelfstandige woonruimte').isChecked()).resolves.toBe(true);
    await expectAccessible(consultant);
    for (const box of await conditions.getByRole('checkbox').all()) await box.check();
    await consultant.getByRole('button', { name: 'Indicatie besluiten' }).click();
    await consultant.waitForURL(url);
    await expect(api.db.prisma.indication.count({ where: { trajectoryId: id, productCode: 'IB4-MO' } })).resolves.toBe(
      1,
    );
  });
});
