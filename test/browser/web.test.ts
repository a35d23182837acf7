import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoIds } from '../../prisma/seed/demo';
import { addDays, addMonths, dateOf, firstOfMonth } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { bsnOf, useApi } from '../support/api';

/** Debian's chromium (ENVIRONMENT.md): .ci/run installs it; CHROMIUM_PATH points elsewhere. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Issue 11 (first part): the pages, in Dutch, accessible, behind a session with CSRF-protected forms. */
describe('web application in a real browser', () => {
  const api = useApi();
  let server: Server;
  let base = '';
  let browser: Browser;
  let trajectoryA = '';
  let notificationA = '';

  beforeAll(async () => {
    server = api.app().listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    trajectoryA = await api.register(demoIds.providerA);
    const prisma = api.db.prisma;
    await prisma.task.create({
      data: {
        idempotencyKey: `test:${randomUUID()}`,
        trajectoryId: trajectoryA,
        kind: 'DECIDE_EXTENSION',
        assigneeRole: 'CONSULTANT',
        teamId: demoIds.teamZeist,
        dueAt: new Date('2026-12-07T11:00:00Z'),
      },
    });
    notificationA = (
      await prisma.notification.create({
        data: {
          idempotencyKey: `test:${randomUUID()}`,
          trajectoryId: trajectoryA,
          recipientRole: 'PROVIDER',
          providerId: demoIds.providerA,
          kind: 'EXTENSION_REQUEST_DUE',
          payload: { trajectoryId: trajectoryA, dueAt: '2026-12-06T23:00:00.000Z' },
        },
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function signedIn(who: RegExp): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: who }).click();
    await page.waitForURL((url) => url.pathname !== '/aanmelden');
    return page;
  }

  /** SCREENSHOTS=1 keeps each role's main page under docs/ (shown in the README). */
  async function keep(page: Page, name: string): Promise<void> {
    if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: `docs/${name}.png`, fullPage: true });
  }

  async function expectAccessible(page: Page): Promise<void> {
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  it('when nobody is signed in, then every page leads to the Dutch sign-in page, which is accessible', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/werkvoorraad`);
    expect(new URL(page.url()).pathname).toBe('/aanmelden');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Aanmelden');
    await expectAccessible(page);
  });

  it('when a consultant signs in, then the work list shows the team task in Dutch with its date and the client', async () => {
    const page = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    expect(new URL(page.url()).pathname).toBe('/werkvoorraad');
    const row = page.getByRole('row', { name: /Besluit over verlenging/ });
    await expect(row.textContent()).resolves.toMatch(/7 december 2026.*Test Client/s);
    await expectAccessible(page);
    await keep(page, 'consulent-werkvoorraad');
    await page.getByRole('link', { name: 'Open traject' }).first().click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Traject Test Client/);
    await expect(page.getByRole('link', { name: 'Bekijk het proces in Temporal' }).count()).resolves.toBe(0);
    // The consultant checks the decision against the right person: name, date of birth and BSN.
    await expect(fact(page, 'Geboortedatum').textContent()).resolves.toBe('29 februari 1980');
    await expect(fact(page, 'BSN').textContent()).resolves.toMatch(/^\d{9}$/);
    await expect(page.getByText('Aangemeld', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL(`${base}/aanmelden`);
  });

  it('when a provider signs in, then the inbox and the deadlines are in Dutch; marking read needs the form token', async () => {
    const page = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    expect(new URL(page.url()).pathname).toBe('/meldingen');
    await expect(page.getByRole('row', { name: /Verlenging aanvragen/ }).textContent()).resolves.toContain(
      'maandag 7 december 2026',
    );
    await expectAccessible(page);
    await keep(page, 'zorgaanbieder-meldingen');

    // Without the token (or with another) the form is refused and nothing changes.
    const forged = await page.request.post(`${base}/meldingen/${notificationA}/gelezen`, { form: {} });
    expect(forged.status()).toBe(403);
    const wrong = await page.request.post(`${base}/meldingen/${notificationA}/gelezen`, {
      form: { _csrf: 'x'.repeat(43) },
    });
    expect(wrong.status()).toBe(403);
    expect(await api.db.prisma.notificationRead.count({ where: { notificationId: notificationA } })).toBe(0);
    await page.getByRole('button', { name: 'Markeer als gelezen' }).click();
    await page.waitForURL(`${base}/meldingen`);
    await expect(page.getByText('0 ongelezen meldingen').count()).resolves.toBe(1);
    expect(await api.db.prisma.notificationRead.count({ where: { notificationId: notificationA } })).toBe(1);

    await page.getByRole('link', { name: 'Termijnen' }).click();
    await expect(page.getByRole('row', { name: /Intake uiterlijk/ }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);
  });

  it("when a provider opens another provider's trajectory, then it gets the 404 page", async () => {
    const page = await signedIn(/\(Zorgaanbieder, Demo Zorg B\)/);
    const response = await page.goto(`${base}/trajecten/${trajectoryA}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pagina niet gevonden');
    await expectAccessible(page);
    expect((await page.goto(`${base}/overzicht`))?.status()).toBe(403);
  });

  it('when operations sign in, then the overview counts trajectories by phase in Dutch', async () => {
    const page = await signedIn(/\(Contractmanagement\)/);
    expect(new URL(page.url()).pathname).toBe('/overzicht');
    await expect(page.getByRole('row', { name: /^Aangemeld \d+$/ }).count()).resolves.toBe(1);
    await expect(
      page
        .getByRole('table', { name: 'Lopende trajecten per zorgaanbieder' })
        .getByRole('row', { name: /Demo Begeleiding A/ })
        .count(),
    ).resolves.toBe(1);
    // The KPI charts are drawn by the charting library from the same rows as the KPI table.
    const kpiRows = await page
      .getByRole('table', { name: 'Kengetallen per zorgaanbieder en product' })
      .getByRole('row')
      .count();
    const charted = await page.waitForFunction(() => {
      const chart = (
        globalThis as unknown as { Chart?: { getChart(id: string): { data: { labels: unknown[] } } | undefined } }
      ).Chart?.getChart('kpi-doorlooptijden');
      return chart?.data.labels.length;
    });
    expect(await charted.jsonValue()).toBe(kpiRows - 1);
    const kpiCsv = await page.request.get(`${base}/overzicht/kengetallen.csv`);
    expect((await kpiCsv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Zorgaanbieder en product;Trajecten;Dagen tot intake (gem.);Dagen tot afsluiting (gem.);Uitstroom;Afgeschaald;Gesloten op maximale duur',
    );
    await expectAccessible(page);

    // Filter: provider A's registered trajectories; the export holds the same ones.
    await page.getByLabel('Fase').selectOption({ label: 'Aangemeld' });
    await page.getByLabel('Zorgaanbieder', { exact: true }).selectOption({ label: 'Demo Begeleiding A' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/phase=REGISTERED/);
    const expected = await api.db.prisma.trajectory.count({
      where: { phase: 'REGISTERED', providerId: demoIds.providerA },
    });
    const found = page.getByRole('table', { name: /Gevonden trajecten/ }).getByRole('row');
    await expect(found.count()).resolves.toBe(expected + 1); // and the header row
    await expectAccessible(page);
    const download = await page.request.get(
      `${base}${await page.getByRole('link', { name: 'Exporteer als CSV' }).getAttribute('href')}`,
    );
    expect(download.headers()['content-type']).toContain('text/csv');
    const lines = (await download.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Traject;Fase;Zorgaanbieder;Product;Volgende termijn;Datum termijn');
    expect(lines).toHaveLength(expected + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[0-9a-f-]{36};Aangemeld;Demo Begeleiding A;;/);
    // Each trajectory links to its workflow in the Temporal Web UI (operations only).
    await page.getByRole('link', { name: 'Open traject' }).first().click();
    const workflow = await page.getByRole('link', { name: 'Bekijk het proces in Temporal' }).getAttribute('href');
    expect(workflow).toMatch(/^http:\/\/temporal-ui\.test\/namespaces\/default\/workflows\/trajectory-[0-9a-f-]{36}$/);
    await expectAccessible(page);
  });

  it('when a consultant registers a client and decides an indication and the provider records the intake and declares hours, then every form works in Dutch, with refusals beside their fields', async () => {
    const today = dateOf(new Date());
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.getByRole('link', { name: 'Cliënt aanmelden' }).click();
    await expectAccessible(consultant);
    // Sent empty: every field says what is wrong, and the page stays accessible.
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect(consultant.getByRole('alert').textContent()).resolves.toContain('Niet alles is goed ingevuld');
    await expect(consultant.locator('[aria-invalid="true"]').count()).resolves.toBe(4);
    await expectAccessible(consultant);
    await consultant.getByLabel('BSN').fill(bsnOf(5_001));
    await consultant.getByLabel('Naam').fill('Formulier Proef');
    await consultant.getByLabel('Geboortedatum').fill('1980-05-17');
    await consultant.getByLabel('Zorgaanbieder').selectOption({ label: 'Demo Begeleiding A' });
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await consultant.waitForURL(/\/trajecten\/[0-9a-f-]{36}$/);
    const trajectoryUrl = consultant.url();
    await expect(consultant.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Traject Formulier Proef');

    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(trajectoryUrl);
    await provider.getByLabel('Datum van de intake').fill(today);
    await provider.getByRole('button', { name: 'Intake vastleggen' }).click();
    await provider.waitForURL(trajectoryUrl);
    await expect(provider.getByText('Intake gehouden', { exact: true }).count()).resolves.toBe(1);

    await consultant.goto(trajectoryUrl);
    await expectAccessible(consultant);
    await consultant.getByLabel('Product').selectOption('02B05');
    await consultant.getByLabel('Begindatum').fill(today);
    await consultant.getByLabel('Einddatum').fill(addDays(addMonths(today, 3), -1));
    await consultant.getByRole('button', { name: 'Indicatie besluiten' }).click();
    // 02B05 is financed by the hour: the refusal stands beside the hours field.
    await expect(consultant.locator('#veld-indicatie-hoursPerWeek-fout').textContent()).resolves.toContain(
      'per uur gefinancierd',
    );
    await expect(consultant.getByLabel('Begindatum').inputValue()).resolves.toBe(today);
    await consultant.getByLabel('Uren per week').fill('4');
    await consultant.getByRole('button', { name: 'Indicatie besluiten' }).click();
    await consultant.waitForURL(trajectoryUrl);
    await expect(consultant.getByText('Toegewezen', { exact: true }).count()).resolves.toBe(1);

    await provider.goto(trajectoryUrl);
    await provider.getByLabel('Maand (eerste dag)').fill(firstOfMonth(today));
    await provider.getByLabel('Direct (minuten)', { exact: true }).fill('600');
    await provider.getByRole('button', { name: 'Uren verantwoorden' }).click();
    await expect(provider.getByRole('status').textContent()).resolves.toMatch(
      /De uren zijn verantwoord\. Gebruik van de toewijzing:\s+\d+%/,
    );
    await expectAccessible(provider);
    await keep(provider, 'zorgaanbieder-traject');
  });

  /** An hourly, extendable indication (02B05, 3 hours a week) in force since a month ago, through the API. */
  async function inCare(productCode = '02B05', hoursPerWeek: number | null = 3): Promise<string> {
    const today = dateOf(new Date());
    const id = await api.register(demoIds.providerA);
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
    const indication = { productCode, startDate: addDays(today, -30), endDate: addMonths(today, 3), hoursPerWeek, zrm };
    await api.consultant.post(`/trajectories/${id}/indication`, indication).expect(200);
    return id;
  }

  /** Opens a folded form by its title. */
  const unfold = (page: Page, title: string) => page.locator('summary', { hasText: title }).click();

  const fact = (page: Page, key: string) =>
    page.locator('.utrecht-data-list__item', { has: page.getByText(key, { exact: true }) }).locator('dd');

  it('when a provider requests an extension and an expansion with the report and records a no-show, then the consultant decides both and closes with an iWmo reason', async () => {
    const id = await inCare();
    const url = `${base}/trajecten/${id}`;
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
    await expectAccessible(provider);

    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    await expectAccessible(consultant);
    // Granting without the new end date: the refusal stands beside that field.
    const extension = consultant.locator('form[action$="/verlenging-besluiten"]');
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
    await expect(consultant.getByRole('cell', { name: '4,5 uur per week' }).count()).resolves.toBe(1);

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

  it('when a consultant records the bemoeizorg end evaluation and moves the end date, then the page shows both', async () => {
    const id = await inCare('02B04', 3);
    const url = `${base}/trajecten/${id}`;
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    await unfold(consultant, 'Eindevaluatie vastleggen');
    await consultant.getByLabel('Uitkomst').selectOption({ label: 'Contact kwam niet tot stand' });
    await consultant.getByRole('button', { name: 'Eindevaluatie vastleggen' }).click();
    await consultant.waitForURL(url);
    await expect(fact(consultant, 'Eindevaluatie').textContent()).resolves.toBe('Contact kwam niet tot stand');

    const newEnd = addMonths(dateOf(new Date()), 2);
    await unfold(consultant, 'Einddatum wijzigen');
    await consultant.locator('form[action$="/einddatum"]').getByLabel('Nieuwe einddatum').fill(newEnd);
    await consultant.getByRole('button', { name: 'Einddatum wijzigen' }).click();
    await consultant.waitForURL(url);
    const current = await api.db.prisma.indication.findFirstOrThrow({ where: { trajectoryId: id, status: 'ACTIVE' } });
    expect(dateOf(current.endDate)).toBe(newEnd);
    await expectAccessible(consultant);
  });

  it('when more trajectories match than fit one page, then operations page through them on the server', async () => {
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 9 }, () => api.register(demoIds.providerB)));
    const total = await api.db.prisma.trajectory.count({ where: { providerId: demoIds.providerB } });
    expect(total).toBeGreaterThan(25);
    const page = await signedIn(/\(Contractmanagement\)/);
    await page.goto(`${base}/overzicht?providerId=${demoIds.providerB}`);
    const found = page.getByRole('table', { name: /Gevonden trajecten/ }).getByRole('row');
    await expect(found.count()).resolves.toBe(25 + 1);
    await expect(page.getByText(`Pagina 1 van ${Math.ceil(total / 25)}`).count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Volgende pagina' }).click();
    await page.waitForURL(/pagina=2/);
    await expect(found.count()).resolves.toBe(Math.min(25, total - 25) + 1);
    await expect(page.getByRole('link', { name: 'Vorige pagina' }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await page.goto(`${base}/overzicht`);
    await page.waitForFunction(() => (globalThis as unknown as { Chart?: object }).Chart !== undefined);
    await keep(page, 'contractmanagement-overzicht');
  });

  it('when someone not signed in opens a trajectory page, then after signing in they are on that page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/trajecten/${trajectoryA}`);
    expect(new URL(page.url()).searchParams.get('terug')).toBe(`/trajecten/${trajectoryA}`);
    await page.getByRole('button', { name: /Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/ }).click();
    await page.waitForURL(`${base}/trajecten/${trajectoryA}`);
    // Only a path on this site: another site is not followed.
    const elsewhere = await (await browser.newContext()).newPage();
    await elsewhere.goto(`${base}/aanmelden?terug=//evil.test/x`);
    await elsewhere
      .getByRole('button', { name: /Demo consulent/ })
      .first()
      .click();
    await elsewhere.waitForURL(`${base}/werkvoorraad`);
  });

  it('when a TLS-terminating proxy on this machine says the request came over HTTPS, then the cookies are Secure', async () => {
    const plain = await fetch(`${base}/aanmelden`);
    expect(plain.headers.getSetCookie().join('\n')).not.toContain('Secure');
    const proxied = await fetch(`${base}/aanmelden`, { headers: { 'X-Forwarded-Proto': 'https' } });
    const cookies = proxied.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
  });

  it('when a consultant closes a trajectory with the keyboard alone, then Tab, Enter and typing reach and send the form', async () => {
    const id = await api.register(demoIds.providerA);
    const page = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await page.goto(`${base}/trajecten/${id}`);
    type Focus = { document: { activeElement: { id: string; textContent: string | null } | null } };
    const active = () =>
      page.evaluate(() => {
        const element = (globalThis as unknown as Focus).document.activeElement;
        return { id: element?.id, textContent: element?.textContent ?? null };
      });
    const focused = async () => (await active())?.textContent?.trim() ?? '';
    let steps = 0;
    while ((await focused()) !== 'Traject afsluiten' && steps++ < 30) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // opens the folded form
    await page.keyboard.press('Tab');
    expect((await active())?.id).toBe('veld-afsluiten-reason');
    await page.keyboard.type('19'); // the iWmo code picks the reason
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Traject afsluiten');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/trajecten/${id}`);
    await expect(fact(page, 'Reden van beëindiging').textContent()).resolves.toBe(
      '19 – Levering volgens plan beëindigd',
    );
  });

  it('when the sign-in page is used with the keyboard alone, then Tab reaches a sign-in button and Enter signs in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/aanmelden`);
    let focused = '';
    for (let i = 0; i < 10 && !focused.startsWith('Aanmelden als'); i++) {
      await page.keyboard.press('Tab');
      focused = ((await page.locator(':focus').textContent()) ?? '').trim();
    }
    expect(focused).toMatch(/^Aanmelden als/);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/aanmelden');
    await expect(page.getByRole('button', { name: 'Afmelden' }).count()).resolves.toBe(1);
  });
});
