import { addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';

/** The browser's computed styles (the tests are compiled without the DOM's types). */
type ComputedStyles = { getComputedStyle(element: unknown): { borderBottomColor: string } };

describe('costs and tariffs (Kosten) in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible, keep } = useBrowser(api);

  it('when care was allocated without a tariff, then operations see it said, add the tariff on the page (a wrong amount refused beside its field) and see what the care costs', async () => {
    const today = dateOf(new Date());
    // As Dutch formats money: "€ 70,00", with a no-break space.
    const money = (cents: number) =>
      new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    const year = Number(today.slice(0, 4));
    // IB2 in the Drechtsteden from today, for three months.
    const id = await api.register(demoIds.providerA, api.otherConsultant);
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 3]));
    const decision = { productCode: 'IB2', startDate: today, endDate: addMonths(today, 3), hoursPerWeek: null, zrm };
    await api.otherConsultant.post(`/trajectories/${id}/indication`, decision).expect(200);

    const page = await signedIn(/\(Contractmanagement\)/);
    await page.getByRole('link', { name: 'Kosten' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Kosten en tarieven');
    const costs = page.getByRole('table', { name: `Kosten per zorgaanbieder en product in ${year}` });
    const row = costs.getByRole('row', { name: /Demo Begeleiding A · IB2/ });
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe(money(0));
    await expect(row.getByRole('cell').nth(5).textContent()).resolves.toMatch(/^\d+ dagen$/);
    await expect(page.getByText('Voor een deel van de zorg geldt geen tarief').count()).resolves.toBe(1);
    await expectAccessible(page);

    // € 70 a week from the start of this year: a wrong amount first.
    const form = page.locator('form[action^="/kosten/tarieven"]');
    await form.getByLabel('Product').selectOption('IB2');
    await form.getByLabel('Geldig vanaf').fill(`${year}-01-01`);
    await form.getByLabel('Bedrag in euro').fill('zeventig');
    await form.getByLabel('Eenheid').selectOption({ label: 'per cliënt per week' });
    await form.getByLabel('Bron').fill('Deelovereenkomst IB');
    await form.getByRole('button', { name: 'Tarief toevoegen' }).click();
    await expect(page.locator('#veld-amount-fout').textContent()).resolves.toContain('Vul een bedrag in euro in');
    await expect(form.getByLabel('Bron').inputValue()).resolves.toBe('Deelovereenkomst IB');
    await expectAccessible(page);
    await form.getByLabel('Bedrag in euro').fill('70,00');
    await form.getByRole('button', { name: 'Tarief toevoegen' }).click();
    await page.waitForURL(`${at.base}/kosten?jaar=${year}&tarief=toegevoegd`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het tarief is toegevoegd.');
    await expect(
      page
        .getByRole('table', { name: 'Tarieven per product' })
        .getByRole('row', { name: /Deelovereenkomst IB/ })
        .getByRole('cell')
        .allTextContents(),
    ).resolves.toEqual([
      'IB2 – Begeleiding 2',
      `1 januari ${year}`,
      'nog geen einde',
      money(7000),
      'per cliënt per week',
      'Deelovereenkomst IB',
      'Corrigeren of verwijderen',
    ]);

    // Each day of care € 10: through the year's end or the allocation's, today included in what is realised.
    const end = addMonths(today, 3) < `${year}-12-31` ? addMonths(today, 3) : `${year}-12-31`;
    const days = (to: string) => Math.round((Date.parse(to) - Date.parse(today)) / 86_400_000) + 1;
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
      'Demo Begeleiding A · IB2',
      '1',
      money(days(end) * 1000),
      money(1000),
      '',
      '',
    ]);
    await expect(page.getByText('Voor een deel van de zorg geldt geen tarief').count()).resolves.toBe(0);
    await keep(page, 'contractmanagement-kosten');
    // The same figures for a spreadsheet: semicolons, amounts as numbers with a decimal comma.
    const exported = page.getByRole('link', { name: `Exporteer de kosten van ${year} als CSV` });
    const file = await page.request.get(`${at.base}${await exported.getAttribute('href')}`);
    expect(file.headers()['content-disposition']).toContain(`kosten-${year}.csv`);
    const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
    expect((await file.text()).replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Zorgaanbieder en product;Trajecten;Toegekend;Gerealiseerd;Verantwoorde uren;Zonder tarief',
      `Demo Begeleiding A · IB2;1;${euros(days(end) * 1000)};10,00;;`,
      `Totaal;1;${euros(days(end) * 1000)};10,00;;`,
      '',
    ]);
    // The previous year: no care.
    await page
      .getByRole('navigation', { name: 'Jaar' })
      .getByRole('link', { name: String(year - 1) })
      .click();
    await expect(page.getByText(`In ${year - 1} is er geen zorg toegewezen.`).count()).resolves.toBe(1);

    // € 70 should have been € 77: corrected with the reason, a wrong amount refused beside its field.
    await page.getByRole('link', { name: `Corrigeren of verwijderen: IB2 vanaf 1 januari ${year}` }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Tarief corrigeren');
    await page.getByLabel('Juist bedrag in euro').fill('-77');
    await page.getByLabel('Waarom klopte het tarief niet?').fill('Tarief uit de verkeerde tabel overgenomen.');
    await page.getByRole('button', { name: 'Tarief corrigeren' }).click();
    await expect(page.locator('#veld-amount-fout').textContent()).resolves.toContain('Vul een bedrag in euro in');
    await expectAccessible(page);
    await page.getByLabel('Juist bedrag in euro').fill('77,00');
    await page.getByRole('button', { name: 'Tarief corrigeren' }).click();
    await page.waitForURL(`${at.base}/kosten?tarief=gecorrigeerd`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het tarief is gecorrigeerd.');
    await expect(
      page
        .getByRole('table', { name: 'Tarieven per product' })
        .getByRole('row', { name: /Deelovereenkomst IB/ })
        .getByRole('cell')
        .nth(3)
        .textContent(),
    ).resolves.toBe(money(7700));

    // Added on a wrong first day after all: removed with the reason (asked beside its field), the row gone.
    await page.getByRole('link', { name: `Corrigeren of verwijderen: IB2 vanaf 1 januari ${year}` }).click();
    await expect(page.getByLabel('Juist bedrag in euro').inputValue()).resolves.toBe('77,00');
    await expect(page.getByLabel('Juiste eenheid').inputValue()).resolves.toBe('PER_CLIENT_PER_WEEK');
    await expect(
      page.getByText('Alleen voor een tarief dat per vergissing is toegevoegd').textContent(),
    ).resolves.toContain('De dagen waarvoor het gold, hebben daarna geen tarief, tot u het juiste toevoegt.'); // the one before ended with 2016
    await page.getByRole('button', { name: 'Tarief verwijderen' }).click();
    await expect(page.locator('#veld-removalReason-fout').textContent()).resolves.toBe('Vul dit veld in.');
    // Drawn red only once refused: the correction's reason, empty and untouched, looks like any field.
    const border = (id: string) =>
      page
        .locator(`#${id}`)
        .evaluate((e) => (globalThis as unknown as ComputedStyles).getComputedStyle(e).borderBottomColor);
    await expect(border('veld-reason')).resolves.toBe(await border('veld-amount'));
    await expect(border('veld-removalReason')).resolves.not.toBe(await border('veld-amount'));
    await expectAccessible(page);
    await page.getByLabel('Waarom wordt het tarief verwijderd?').fill('Hoort bij volgend jaar.');
    await page.getByRole('button', { name: 'Tarief verwijderen' }).click();
    await page.waitForURL(`${at.base}/kosten?tarief=verwijderd`);
    // Said above the tariffs; above the costs, that part of the care has no tariff again.
    await expect(page.getByRole('status').filter({ hasText: 'Het tarief is verwijderd.' }).count()).resolves.toBe(1);
    await expect(page.getByText('Voor een deel van de zorg geldt geen tarief').count()).resolves.toBe(1);
    await expect(
      page
        .getByRole('table', { name: 'Tarieven per product' })
        .getByRole('row', { name: /Deelovereenkomst IB/ })
        .count(),
    ).resolves.toBe(0);
  });

  it("when operations set a region's budget on the page (a wrong amount refused beside its field), then the costs show what was allocated against it, and a warning where it goes over", async () => {
    const today = dateOf(new Date());
    const year = Number(today.slice(0, 4));
    // IB3 in the Drechtsteden at € 100 a week: far more than a budget of € 1.
    await api.operations
      .post('/tariffs', {
        productCode: 'IB3',
        validFrom: `${year}-01-01`,
        amountCents: 10_000,
        unit: 'PER_CLIENT_PER_WEEK',
        source: 'Deelovereenkomst IB',
      })
      .expect(201);
    const id = await api.register(demoIds.providerA, api.otherConsultant);
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 3]));
    const decision = { productCode: 'IB3', startDate: today, endDate: addMonths(today, 3), hoursPerWeek: null, zrm };
    await api.otherConsultant.post(`/trajectories/${id}/indication`, decision).expect(200);

    const page = await signedIn(/\(Contractmanagement\)/);
    await page.goto(`${at.base}/kosten?jaar=${year}`);
    const budgets = page.getByRole('table', { name: `Budget per regio in ${year}` });
    const drechtsteden = budgets.getByRole('row', { name: /Drechtsteden/ });
    await expect(drechtsteden.getByRole('cell').nth(1).textContent()).resolves.toBe('nog niet vastgelegd');
    await page.getByRole('link', { name: `Budget voor ${year} vastleggen` }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Budget voor ${year} vastleggen`);
    await page.getByLabel('Regio').selectOption({ label: 'Drechtsteden' });
    await page.getByLabel('Budget in hele euro').fill('12,5');
    await page.getByRole('button', { name: 'Budget vastleggen' }).click();
    await expect(page.locator('#veld-amount-fout').textContent()).resolves.toContain('Vul een bedrag in hele euro in');
    await expectAccessible(page);
    await page.getByLabel('Budget in hele euro').fill('1');
    await page.getByRole('button', { name: 'Budget vastleggen' }).click();
    await page.waitForURL(`${at.base}/kosten?jaar=${year}&budget=vastgelegd`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het budget is vastgelegd.');
    const cells = await drechtsteden.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['Drechtsteden', '€\u00a01,00']);
    expect(cells[2]).toMatch(/^€\s[\d.]+,\d\d \(\d+ % van het budget\)$/);
    await expect(page.getByText('Meer toegekend dan het budget in Drechtsteden.').count()).resolves.toBe(1);
    await expectAccessible(page);
  });
});
