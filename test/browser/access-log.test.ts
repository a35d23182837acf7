import { dateOf } from '../../domain/calendar';
import { dutchDate } from '../../domain/dutch-dates';
import { referenceOf } from '../../domain/reference';
import { demoIds } from '../../prisma/seed/demo';
import { bsnOf, useApi } from '../support/api';
import { useBrowser } from '../support/browser';

describe('who saw a client’s data (Inzage) in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible, keep } = useBrowser(api);

  it('when a consultant opened a client’s trajectory, then operations look the client up by BSN and see who, when and how, with refusals beside their fields and the BSN never in an address', async () => {
    const bsn = bsnOf(1, 975);
    const client = { bsn, fullName: 'Vera Verzoek', dateOfBirth: '1968-08-31' };
    const registered = await api.consultant
      .post('/trajectories', { client, providerId: demoIds.providerA })
      .expect(201);
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(`${at.base}/trajecten/${registered.body.trajectoryId}`);
    await expect(consultant.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Vera Verzoek');

    const page = await signedIn(/\(Contractmanagement\)/);
    await page.getByRole('link', { name: 'Inzage' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Inzage in cliëntgegevens');
    await expectAccessible(page);
    const byClient = page.locator('form[action="/inzage"]');
    const lookUp = async (values: { bsn: string; from?: string; to?: string }) => {
      await byClient.getByLabel('BSN van de cliënt').fill(values.bsn);
      await byClient.getByLabel('Vanaf (niet verplicht)').fill(values.from ?? '');
      await byClient.getByLabel('Tot en met (niet verplicht)').fill(values.to ?? '');
      await page.getByRole('button', { name: 'Inzage opzoeken', exact: true }).click();
      await page.waitForLoadState();
    };
    const fieldError = (label: string) =>
      byClient
        .locator('.utrecht-form-field--invalid', { has: page.getByLabel(label) })
        .locator('.utrecht-form-field-error-message');

    // Refused beside the field: a BSN that fails the 11-check, a period that ends before it begins.
    await lookUp({ bsn: '123456789' });
    await expect(fieldError('BSN van de cliënt').textContent()).resolves.toContain('elfproef');
    await lookUp({ bsn, from: '2026-12-08', to: '2026-12-07' });
    await expect(fieldError('Tot en met (niet verplicht)').textContent()).resolves.toContain(
      'De einddatum ligt voor de begindatum.',
    );
    await expect(byClient.getByLabel('BSN van de cliënt').inputValue()).resolves.toBe(bsn);
    await lookUp({ bsn: bsnOf(2, 975) });
    await expect(page.getByRole('status').textContent()).resolves.toContain('Er is geen cliënt met dit BSN bekend.');

    await lookUp({ bsn });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/inzage');
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'De gegevens van deze cliënt zijn 1 keer ingezien.',
    );
    const table = page.getByRole('table', { name: 'Inzage in de gegevens van de cliënt, de laatste eerst' });
    await expect(table.getByRole('row').nth(1).textContent()).resolves.toMatch(
      /\d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}.*Demo consulent.*Consulent.*Sociaal Loket Team Zeist.*Traject bekeken.*Open traject/s,
    );
    await expectAccessible(page);
    await keep(page, 'contractmanagement-inzage');

    // The lookup itself is the latest look, within today's period.
    const today = dateOf(new Date());
    await lookUp({ bsn, from: today, to: today });
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      `De gegevens van deze cliënt zijn 2 keer ingezien in de periode van ${dutchDate(today)} tot en met ${dutchDate(today)}.`,
    );
    await expect(table.getByRole('row').nth(1).textContent()).resolves.toMatch(
      /Demo contractmanagement.*Contractmanagement.*Niet vastgelegd.*Inzage opgevraagd/s,
    );

    // What one person saw: by trajectory, named by its kenmerk, no client's name.
    const byPerson = page.locator('form[action="/inzage/medewerker"]');
    await byPerson
      .getByLabel('Medewerker')
      .selectOption({ label: 'Demo consulent (Consulent, Sociaal Loket Team Zeist)' });
    await page.getByRole('button', { name: 'Inzage van medewerker opzoeken' }).click();
    await page.waitForLoadState();
    const seen = page.getByRole('table', { name: 'Inzage door Demo consulent, de laatste eerst' });
    await expect(seen.getByRole('row').nth(1).textContent()).resolves.toMatch(
      new RegExp(
        `\\d{4} om \\d{2}:\\d{2}.*Traject bekeken.*Consulent.*${referenceOf(registered.body.trajectoryId)}`,
        's',
      ),
    );
    await expect(seen.textContent()).resolves.not.toContain('Vera');
    await expect(byPerson.getByLabel('Medewerker').inputValue()).resolves.toBe(demoIds.consultant);
    await expectAccessible(page);
    // Each page request's log line names who asked (an id), the BSN in none.
    const lookups = api.logs.lines().filter((l) => (l.req as { url?: string } | undefined)?.url === '/inzage');
    expect(lookups.map((l) => l.userId)).toEqual(lookups.map(() => demoIds.operations));
    expect(lookups.length).toBeGreaterThan(3);
    expect(api.logs.text()).not.toContain(bsn);
  });
});
