import { addDays, dateOf } from '../../domain/calendar';
import { dutchDate } from '../../domain/dutch-dates';
import { demoIds } from '../../prisma/seed/demo';
import { zrmDomains } from '../../domain/zrm';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';

/** Seeds 001-003: the ZRM measured again during care, and the support plan it measures. */
describe('the ZRM and the support plan in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible, unfold } = useBrowser(api);
  const { inCare } = api;

  /**
   * A Drechtsteden category decided by the Dordrecht team for provider A's client, from 30 days ago
   * for half a year; provider A on its page with the plan's form open.
   */
  async function planFormOf(productCode: string, zrm: Record<string, number>) {
    const start = addDays(dateOf(new Date()), -30);
    const id = await api.register(demoIds.providerA, api.otherConsultant);
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: dateOf(new Date()) }).expect(200);
    const decision = { productCode, startDate: start, endDate: addDays(start, 180), hoursPerWeek: null, zrm };
    await api.otherConsultant.post(`/trajectories/${id}/indication`, decision).expect(200);
    const url = `${at.base}/trajecten/${id}`;
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(url);
    await unfold(provider, 'Ondersteuningsplan vastleggen');
    return { start, url, provider, form: provider.locator('form[action$="/ondersteuningsplan"]') };
  }

  it("when a provider measures the ZRM again, then the page sets the latest measurement against the decision's, domain by domain; operations see no ZRM", async () => {
    const id = await inCare();
    const start = addDays(dateOf(new Date()), -30);
    const today = dateOf(new Date());
    const url = `${at.base}/trajecten/${id}`;
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(url);
    const zrm = provider.getByRole('table', { name: 'Zelfredzaamheid per leefgebied' });
    await expect(zrm.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Leefgebied',
      `Meting van ${dutchDate(start)}`,
    ]);
    await expect(zrm.getByRole('row', { name: /Financiën/ }).textContent()).resolves.toMatch(
      /Financiën\s*4 – voldoende zelfredzaam/,
    );

    // Nothing scored: said at the first domain; with scores it is kept.
    await unfold(provider, 'Zelfredzaamheid meten (ZRM)');
    const form = provider.locator('form[action$="/zrm-meting"]');
    await form.getByLabel('Datum van de meting').fill(today);
    await form.getByRole('button', { name: 'Meting vastleggen' }).click();
    await expect(provider.locator('#veld-zrm-meting-zrm-FINANCES-fout').textContent()).resolves.toBe(
      'Scoor ten minste één leefgebied.',
    );
    await expectAccessible(provider);
    await form.getByLabel('Financiën').selectOption('5');
    await form.getByLabel('Huisvesting').selectOption('4');
    await form.getByLabel('Geestelijke gezondheid').selectOption('3');
    await form.getByRole('button', { name: 'Meting vastleggen' }).click();
    await provider.waitForURL(`${url}?zrm=gemeten`);
    await expect(provider.getByRole('status').first().textContent()).resolves.toContain('De meting is vastgelegd.');
    await expect(zrm.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Leefgebied',
      `Eerste meting (${dutchDate(start)})`,
      `Laatste meting (${dutchDate(today)})`,
      'Ontwikkeling',
    ]);
    await expect(zrm.getByRole('row', { name: /Financiën/ }).textContent()).resolves.toMatch(
      /4 – voldoende zelfredzaam\s*5 – volledig zelfredzaam\s*vooruitgegaan/,
    );
    await expect(zrm.getByRole('row', { name: /Huisvesting/ }).textContent()).resolves.toMatch(/stabiel\s*$/);
    await expect(zrm.getByRole('row', { name: /Geestelijke gezondheid/ }).textContent()).resolves.toMatch(
      /achteruitgegaan\s*$/,
    );
    await expect(zrm.getByRole('row', { name: /Justitie/ }).textContent()).resolves.toMatch(/niet gescoord\s*$/);
    await expect(
      provider
        .getByText(`Van ${dutchDate(start)} tot ${dutchDate(today)}: 1 vooruitgegaan, 1 stabiel, 1 achteruitgegaan`)
        .count(),
    ).resolves.toBe(1);
    await expect(provider.getByRole('row', { name: /Zelfredzaamheid gemeten/ }).textContent()).resolves.toContain(
      'Demo begeleider A',
    );
    await expectAccessible(provider);

    // Health data: operations see the trajectory, not its ZRM.
    const operations = await signedIn(/\(Contractmanagement\)/);
    await operations.goto(url);
    await expect(operations.getByRole('heading', { name: 'Zelfredzaamheid (ZRM)' }).count()).resolves.toBe(0);
  });

  it('when a provider records the support plan, then consultant and provider read its goals per domain against the ZRM since; half a goal is refused beside its field; a review starts from the plan in force', async () => {
    const id = await inCare();
    const start = addDays(dateOf(new Date()), -30);
    const agreedOn = addDays(start, 2);
    const url = `${at.base}/trajecten/${id}`;
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(url);
    await expect(provider.getByText('Nog geen ondersteuningsplan vastgelegd.').count()).resolves.toBe(1);

    // Nothing filled in: said at the first domain; a development without its result: said beside the result.
    await unfold(provider, 'Ondersteuningsplan vastleggen');
    const form = provider.locator('form[action$="/ondersteuningsplan"]');
    await form.getByLabel('Afgesproken met de cliënt op').fill(agreedOn);
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await expect(provider.locator('#veld-ondersteuningsplan-goals-FINANCES-expected-fout').textContent()).resolves.toBe(
      'Vul voor ten minste één leefgebied de verwachte ontwikkeling en het resultaat in.',
    );
    await expectAccessible(provider);
    // Beside each domain what it scores now, where a plan starts from; Zuid-Oost Utrecht's has no rule of domains.
    await expect(
      provider.locator('#veld-ondersteuningsplan-goals-FINANCES-expected-uitleg').textContent(),
    ).resolves.toBe(`Laatste meting (${dutchDate(start)}): 4 – voldoende zelfredzaam.`);
    await expect(form.getByText(/Individuele begeleiding werkt aan leefgebieden/).count()).resolves.toBe(0);
    await form
      .getByLabel('Financiën: verwachte ontwikkeling')
      .selectOption({ label: 'Toename van de zelfredzaamheid' });
    await form
      .getByLabel('Financiën: te bereiken resultaat')
      .fill('Zelf de post openen en rekeningen op tijd betalen.');
    await form.getByLabel('Huisvesting: verwachte ontwikkeling').selectOption({ label: 'Stabilisatie' });
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await expect(provider.locator('#veld-ondersteuningsplan-goals-HOUSING-result-fout').textContent()).resolves.toBe(
      'Vul dit veld in.',
    );
    await expect(form.getByLabel('Financiën: te bereiken resultaat').inputValue()).resolves.toBe(
      'Zelf de post openen en rekeningen op tijd betalen.',
    );
    await form.getByLabel('Huisvesting: te bereiken resultaat').fill('De woning blijft schoon en de huur betaald.');
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await provider.waitForURL(`${url}?plan=vastgelegd`);
    await expect(provider.getByRole('status').first().textContent()).resolves.toContain(
      'Het ondersteuningsplan is vastgelegd.',
    );
    const goals = provider.getByRole('table', { name: 'Doelen per leefgebied' });
    await expect(goals.getByRole('row', { name: /Financiën/ }).textContent()).resolves.toMatch(
      /Toename van de zelfredzaamheid\s*Zelf de post openen.*\s*4 → nog niet opnieuw gemeten\s*nog niet te zeggen/,
    );
    await expect(
      provider
        .getByText(
          `Afgesproken op ${dutchDate(agreedOn)}. Sinds het plan is de zelfredzaamheid nog niet opnieuw gemeten.`,
        )
        .count(),
    ).resolves.toBe(1);
    await expect(provider.getByRole('row', { name: /Ondersteuningsplan vastgelegd/ }).textContent()).resolves.toMatch(
      new RegExp(`afgesproken op ${dutchDate(agreedOn)}.*Demo begeleider A`),
    );

    // Measured since: finances went up (an increase, reached), housing went down (a stabilisation, not reached).
    const today = dateOf(new Date());
    await api.providerA
      .post(`/trajectories/${id}/zrm-assessments`, { assessedOn: today, scores: { FINANCES: 5, HOUSING: 3 } })
      .expect(200);
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    const read = consultant.getByRole('table', { name: 'Doelen per leefgebied' });
    await expect(read.getByRole('row', { name: /Financiën/ }).textContent()).resolves.toMatch(/4 → 5\s*ja\s*$/);
    await expect(read.getByRole('row', { name: /Huisvesting/ }).textContent()).resolves.toMatch(/4 → 3\s*nog niet\s*$/);
    await expect(
      consultant.getByText(`Volgens de meting van ${dutchDate(today)}: 1 van de 2 gemeten doelen behaald.`).count(),
    ).resolves.toBe(1);
    // The provider draws the plan up with the client; the consultant reads it.
    await expect(consultant.locator('summary', { hasText: 'Ondersteuningsplan vastleggen' }).count()).resolves.toBe(0);
    await expectAccessible(consultant);

    // The yearly review starts from the plan in force.
    await provider.goto(url);
    await unfold(provider, 'Ondersteuningsplan vastleggen');
    await expect(form.getByLabel('Financiën: verwachte ontwikkeling').inputValue()).resolves.toBe('INCREASE');
    await expect(form.getByLabel('Huisvesting: te bereiken resultaat').inputValue()).resolves.toBe(
      'De woning blijft schoon en de huur betaald.',
    );

    const operations = await signedIn(/\(Contractmanagement\)/);
    await operations.goto(url);
    await expect(operations.getByRole('heading', { name: 'Ondersteuningsplan' }).count()).resolves.toBe(0);
  });

  it("when a provider plans the Drechtsteden's IB on a domain the client is self-sufficient in, then it is refused beside that domain in words, and the form says which domains IB works on (seed 001)", async () => {
    const zrm = { ...Object.fromEntries(zrmDomains.map((d) => [d, 3])), FINANCES: 4 };
    const { start, url, provider, form } = await planFormOf('IB1', zrm);
    await expect(
      form.getByText(/Individuele begeleiding werkt aan leefgebieden die bij de start/).count(),
    ).resolves.toBe(1);
    await form.getByLabel('Afgesproken met de cliënt op').fill(addDays(start, 1));
    await form.getByLabel('Financiën: verwachte ontwikkeling').selectOption({ label: 'Stabilisatie' });
    await form.getByLabel('Financiën: te bereiken resultaat').fill('Rekeningen op tijd betaald.');
    await form.getByLabel('Huisvesting: verwachte ontwikkeling').selectOption({ label: 'Stabilisatie' });
    await form.getByLabel('Huisvesting: te bereiken resultaat').fill('De huur betaald.');
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await expect(provider.locator('#veld-ondersteuningsplan-goals-FINANCES-expected-fout').textContent()).resolves.toBe(
      'Individuele begeleiding richt zich op leefgebieden die niet of beperkt zelfredzaam zijn (ZRM 2 of 3); bij de start van het plan scoort dit leefgebied 4 of 5.',
    );
    await expectAccessible(provider);
    // Without finances the plan is kept.
    await form.getByLabel('Financiën: verwachte ontwikkeling').selectOption({ label: 'Niet in dit plan' });
    await form.getByLabel('Financiën: te bereiken resultaat').fill('');
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await provider.waitForURL(`${url}?plan=vastgelegd`);
    await expect(
      provider.getByRole('table', { name: 'Doelen per leefgebied' }).getByRole('row').allTextContents(),
    ).resolves.toEqual([expect.stringContaining('Leefgebied'), expect.stringMatching(/^\s*Huisvesting/)]);
  });

  it('when a provider records the plan of IB0, then it asks how often there is contact and who takes the initiative (seed 000), refused beside those fields until given, and the plan shows them', async () => {
    const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
    const { start, url, provider, form } = await planFormOf('IB0', stable);
    await expect(form.getByText(/houdt een vinger aan de pols/).count()).resolves.toBe(1);
    await form.getByLabel('Afgesproken met de cliënt op').fill(addDays(start, 1));
    await form.getByLabel('Huisvesting: verwachte ontwikkeling').selectOption({ label: 'Stabilisatie' });
    await form.getByLabel('Huisvesting: te bereiken resultaat').fill('Blijft zelfstandig wonen.');
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await expect(provider.locator('#veld-ondersteuningsplan-contact-everyWeeks-fout').textContent()).resolves.toBe(
      'Bij dit product legt het ondersteuningsplan de contactmomenten vast: vul in hoe vaak er contact is en wie het initiatief neemt.',
    );
    await expect(form.getByLabel('Huisvesting: te bereiken resultaat').inputValue()).resolves.toBe(
      'Blijft zelfstandig wonen.',
    );
    await expectAccessible(provider);
    await form.getByLabel('Elke hoeveel weken is er contact?').fill('2');
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await expect(provider.locator('#veld-ondersteuningsplan-contact-approach-fout').count()).resolves.toBe(1);
    await form.getByLabel('Wie neemt het initiatief?').selectOption({ label: 'Beide: pro-actief en reactief' });
    await form.getByRole('button', { name: 'Plan vastleggen' }).click();
    await provider.waitForURL(`${url}?plan=vastgelegd`);
    await expect(provider.getByText(/^Contactmomenten:/).textContent()).resolves.toBe(
      'Contactmomenten: elke 2 weken; beide: pro-actief en reactief.',
    );
    await expectAccessible(provider);
  });
});
