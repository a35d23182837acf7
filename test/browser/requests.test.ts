import { addMonths, dateOf } from '../../domain/calendar';
import { dutchDate } from '../../domain/dutch-dates';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';

/** Seed 003: the provider asks with the report, the consultant decides beside it; the lifecycle's requests in a real browser. */
describe('requests and their decisions in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible, unfold, fact } = useBrowser(api);

  const { inCare } = api;

  it('when a provider requests an extension and an expansion with the report and records a no-show, then the consultant decides both and closes with an iWmo reason', async () => {
    const id = await inCare();
    const url = `${at.base}/trajecten/${id}`;
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(url);
    await expect(provider.getByText('Nog geen uren verantwoord.').count()).resolves.toBe(1);
    await expect(provider.locator('dt', { hasText: 'BSN' }).count()).resolves.toBe(0);
    await expect(
      provider.getByRole('cell', { name: '02B05 – Intensieve begeleiding en casusregie' }).count(),
    ).resolves.toBe(1);
    await expect(provider.locator('.utilisation-mark--threshold').count()).resolves.toBe(1);

    // The report is mandatory: sent empty, each of its three questions says so, the form stays open.
    await unfold(provider, 'Verlenging aanvragen');
    await provider.getByRole('button', { name: 'Verlenging aanvragen met verslag' }).click();
    await expect(provider.locator('form[action$="/verlenging-aanvragen"] [aria-invalid="true"]').count()).resolves.toBe(
      3,
    );
    await expectAccessible(provider);
    await provider.getByLabel('Welke doelen zijn bereikt?').first().fill('Zelfstandig boodschappen doen.');
    await provider.getByLabel('Wat is er nog nodig?').first().fill('Hulp bij de administratie.');
    await provider
      .getByLabel('Welke uitstroom is beoogd?')
      .first()
      .fill('Over een half jaar naar algemene voorzieningen.');
    await provider.getByRole('button', { name: 'Verlenging aanvragen met verslag' }).click();
    await provider.waitForURL(url);
    await expect(fact(provider, 'Verlenging').textContent()).resolves.toBe('aangevraagd, wacht op besluit');
    expect(await api.db.prisma.requestReport.count({ where: { trajectoryId: id, kind: 'EXTENSION' } })).toBe(1);

    await unfold(provider, 'Niet verschenen vastleggen');
    await provider.getByLabel('Datum van de afspraak').fill(dateOf(new Date()));
    // Without the time: the time field says so, not the date beside it.
    await provider.getByRole('button', { name: 'Niet verschenen vastleggen' }).click();
    await expect(provider.locator('#veld-niet-verschenen-occurredTime-fout').textContent()).resolves.toBe(
      'Vul dit veld in.',
    );
    await expect(provider.getByLabel('Datum van de afspraak').getAttribute('aria-invalid')).resolves.toBeNull();
    await provider.getByLabel('Tijd van de afspraak').fill('00:05');
    await provider.getByRole('button', { name: 'Niet verschenen vastleggen' }).click();
    await provider.waitForURL(url);
    await expect(provider.getByRole('row', { name: /Niet verschenen/ }).count()).resolves.toBe(1);

    await unfold(provider, 'Uitbreiding aanvragen');
    const expansion = provider.locator('form[action$="/uitbreiding-aanvragen"]');
    await expansion.getByLabel('Gevraagde uren per week').fill('4,5');
    await expansion.getByLabel('Welke doelen zijn bereikt?').fill('Dagritme staat.');
    await expansion.getByLabel('Wat is er nog nodig?').fill('Meer begeleiding bij schulden.');
    await expansion.getByLabel('Welke uitstroom is beoogd?').fill('Schuldhulpverlening.');
    await expansion.getByRole('button', { name: 'Uitbreiding aanvragen met verslag' }).click();
    await provider.waitForURL(url);
    await expect(fact(provider, 'Uitbreiding').textContent()).resolves.toBe('aangevraagd, wacht op besluit');
    // What the provider sent stays on the page: both reports, newest first, each reached from its request in the timeline.
    await expect(provider.locator('.request-report h3').allTextContents()).resolves.toEqual([
      'Aanvraag van uitbreiding',
      'Aanvraag van verlenging',
    ]);
    await provider
      .getByRole('row', { name: /Verlenging aangevraagd/ })
      .getByRole('link', { name: 'lees het verslag' })
      .click();
    await expect(provider.locator(':target').textContent()).resolves.toBe('Aanvraag van verlenging');
    await expectAccessible(provider);

    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    await expectAccessible(consultant);
    // Each decision shows the report it is decided on (seed 003), with who filed it and when.
    const extension = consultant.locator('form[action$="/verlenging-besluiten"]');
    const extensionReport = extension.getByRole('region', { name: 'Verslag van de zorgaanbieder' });
    await expect(extensionReport.textContent()).resolves.toContain(
      `Ingediend op ${dutchDate(dateOf(new Date()))} door Demo begeleider A.`,
    );
    await expect(extensionReport.locator('dd').allTextContents()).resolves.toEqual([
      'Zelfstandig boodschappen doen.',
      'Hulp bij de administratie.',
      'Over een half jaar naar algemene voorzieningen.',
    ]);
    const expansionReport = consultant
      .locator('form[action$="/uitbreiding-besluiten"]')
      .getByRole('region', { name: 'Verslag van de zorgaanbieder' });
    await expect(expansionReport.locator('dd').first().textContent()).resolves.toBe('Dagritme staat.');
    // Granting without the new end date: the refusal stands beside that field.
    await extension.getByLabel('Besluit').selectOption({ label: 'Toekennen' });
    await extension.getByRole('button', { name: 'Besluit over verlenging vastleggen' }).click();
    await expect(consultant.locator('#veld-verlenging-besluiten-newEndDate-fout').count()).resolves.toBe(1);
    const newEnd = addMonths(addMonths(dateOf(new Date()), 3), 6);
    await extension.getByLabel('Nieuwe einddatum').fill(newEnd);
    await extension.getByRole('button', { name: 'Besluit over verlenging vastleggen' }).click();
    await consultant.waitForURL(url);
    await expect(fact(consultant, 'Verlenging').textContent()).resolves.toBe('toegekend');

    const expand = consultant.locator('form[action$="/uitbreiding-besluiten"]');
    await expand.getByLabel('Besluit').selectOption({ label: 'Toekennen' });
    await expand.getByRole('button', { name: 'Besluit over uitbreiding vastleggen' }).click();
    await consultant.waitForURL(url);
    await expect(fact(consultant, 'Uitbreiding').textContent()).resolves.toBe('toegekend');
    await expect(consultant.getByRole('cell', { name: '4,5 uur per week', exact: true }).count()).resolves.toBe(1);
    // The provider reads both decisions in its inbox, newest first.
    await provider.goto(`${at.base}/meldingen`);
    const told = provider.getByRole('table', { name: 'Uw meldingen, de nieuwste eerst' }).getByRole('row');
    await expect(told.nth(1).textContent()).resolves.toContain('Besluit over de uitbreiding: toegekend');
    await expect(told.nth(2).textContent()).resolves.toContain('Besluit over de verlenging: toegekend');

    await unfold(consultant, 'Traject afsluiten');
    await expect(consultant.getByLabel('Reden van beëindiging (iWmo-code)').textContent()).resolves.toContain(
      '38 – Overstap naar andere aanbieder',
    );
    await consultant.getByLabel('Reden van beëindiging (iWmo-code)').selectOption('PER_PLAN');
    await consultant.getByRole('button', { name: 'Traject afsluiten' }).click();
    await consultant.waitForURL(url);
    await expect(fact(consultant, 'Reden van beëindiging').textContent()).resolves.toBe(
      '19 – Levering volgens plan beëindigd',
    );
    await expect(fact(consultant, 'Fase').textContent()).resolves.toBe('Afgesloten');
    await expectAccessible(consultant);
  });
});
