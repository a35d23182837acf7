import { randomUUID } from 'node:crypto';
import { demoIds } from '../../prisma/seed/demo';
import { addDays, addMonths, dateOf, firstOfMonth } from '../../domain/calendar';
import { bsnOf, useApi } from '../support/api';
import type { Page } from 'playwright-core';
import { useBrowser } from '../support/browser';
import { sessionCookieAt } from '../support/sessions';

/** Issue 11: the pages, in Dutch, accessible, behind a session with CSRF-protected forms. */
describe('web application in a real browser', () => {
  const api = useApi();
  const { at, newPage, signedIn, keep, expectAccessible, fact } = useBrowser(api);
  let trajectoryA = '';
  let notificationA = '';

  beforeAll(async () => {
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

  it('when nobody is signed in, then every page leads to the Dutch sign-in page, which is accessible', async () => {
    const page = await newPage();
    await page.goto(`${at.base}/werkvoorraad`);
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
    await page.waitForURL(`${at.base}/aanmelden`);
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
    const forged = await page.request.post(`${at.base}/meldingen/${notificationA}/gelezen`, { form: {} });
    expect(forged.status()).toBe(403);
    const wrong = await page.request.post(`${at.base}/meldingen/${notificationA}/gelezen`, {
      form: { _csrf: 'x'.repeat(43) },
    });
    expect(wrong.status()).toBe(403);
    expect(await api.db.prisma.notificationRead.count({ where: { notificationId: notificationA } })).toBe(0);
    await page.getByRole('button', { name: 'Markeer als gelezen' }).click();
    await page.waitForURL(`${at.base}/meldingen`);
    await expect(page.getByText('0 ongelezen meldingen').count()).resolves.toBe(1);
    expect(await api.db.prisma.notificationRead.count({ where: { notificationId: notificationA } })).toBe(1);

    await page.getByRole('link', { name: 'Termijnen' }).click();
    await expect(page.getByRole('row', { name: /Intake uiterlijk/ }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);
  });

  it("when a provider opens another provider's trajectory, then it gets the 404 page", async () => {
    const page = await signedIn(/\(Zorgaanbieder, Demo Zorg B\)/);
    const response = await page.goto(`${at.base}/trajecten/${trajectoryA}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pagina niet gevonden');
    await expectAccessible(page);
    expect((await page.goto(`${at.base}/overzicht`))?.status()).toBe(403);
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
    const kpiCsv = await page.request.get(`${at.base}/overzicht/kengetallen.csv`);
    expect((await kpiCsv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Zorgaanbieder en product;Trajecten;Dagen tot intake (gem.);Dagen tot afsluiting (gem.);Uitstroom;Afgeschaald;Gesloten op maximale duur',
    );
    await expectAccessible(page);

    // Filter: provider A's registered trajectories; the export holds the same ones.
    await page.getByLabel('Fase', { exact: true }).selectOption({ label: 'Aangemeld' });
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
      `${at.base}${await page.getByRole('link', { name: 'Exporteer als CSV' }).getAttribute('href')}`,
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
    await expect(consultant.title()).resolves.toBe('Cliënt aanmelden – Wmo-trajecten');
    // Sent empty: the title says so, every field says what to do, the summary names each field and
    // links to it, and the page stays accessible.
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect(consultant.title()).resolves.toBe('Fout: Cliënt aanmelden – Wmo-trajecten');
    const summary = consultant.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('Niet alles is goed ingevuld');
    await expect(consultant.locator('[aria-invalid="true"]').count()).resolves.toBe(4);
    await expect(consultant.locator('#veld-client-bsn-fout').textContent()).resolves.toBe('Vul dit veld in.');
    await expect(consultant.locator('#veld-providerId-fout').textContent()).resolves.toBe(
      'Kies een waarde uit de lijst.',
    );
    await expect(consultant.locator('#veld-providerId').getAttribute('class')).resolves.toContain(
      'utrecht-select--invalid',
    );
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      'BSN: vul dit veld in.',
      'Naam: vul dit veld in.',
      'Geboortedatum: vul dit veld in.',
      'Zorgaanbieder: kies een waarde uit de lijst.',
    ]);
    await expect(summary.getByRole('link', { name: /^Zorgaanbieder/ }).getAttribute('href')).resolves.toBe(
      '#veld-providerId',
    );
    await expectAccessible(consultant);
    // A value that is there but refused says what the field takes, beside it and by name in the summary.
    await consultant.getByLabel('BSN').fill('123');
    await consultant.getByLabel('Naam').fill('Formulier Proef');
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect(consultant.locator('[aria-invalid="true"]').count()).resolves.toBe(3);
    await expect(summary.getByRole('link').first().textContent()).resolves.toBe(
      'BSN: vul een BSN in van 9 cijfers dat klopt met de elfproef.',
    );
    await expect(consultant.getByLabel('Naam').inputValue()).resolves.toBe('Formulier Proef');
    await consultant.getByLabel('BSN').fill(bsnOf(5_001));
    await consultant.getByLabel('Geboortedatum').fill('1980-05-17');
    await consultant.getByLabel('Zorgaanbieder').selectOption({ label: 'Demo Begeleiding A' });
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await consultant.waitForURL(/\/trajecten\/[0-9a-f-]{36}$/);
    const trajectoryUrl = consultant.url();
    await expect(consultant.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Traject Formulier Proef');
    // The same client again: the conflict in its own words beside the BSN, not what a BSN looks like.
    await consultant.getByRole('link', { name: 'Cliënt aanmelden' }).click();
    await consultant.getByLabel('BSN').fill(bsnOf(5_001));
    await consultant.getByLabel('Naam').fill('Formulier Proef');
    await consultant.getByLabel('Geboortedatum').fill('1980-05-17');
    await consultant.getByLabel('Zorgaanbieder').selectOption({ label: 'Demo Begeleiding A' });
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect(consultant.locator('#veld-client-bsn-fout').textContent()).resolves.toBe(
      'Deze cliënt heeft al een lopend traject bij deze zorgaanbieder.',
    );

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
    await consultant.getByLabel('Uren per week').fill('4,555');
    await consultant.getByRole('button', { name: 'Indicatie besluiten' }).click();
    await expect(consultant.locator('#veld-indicatie-hoursPerWeek-fout').textContent()).resolves.toBe(
      'Vul een aantal uren per week in van 0,25 tot en met 40, met hoogstens twee cijfers achter de komma.',
    );
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

  it('when a BSN is registered with another name than the one it is known by, then the form says so, and only then offers to correct the known identity', async () => {
    const bsn = bsnOf(5_002);
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    const register = async (fullName: string, provider: string) => {
      await consultant.goto(`${at.base}/trajecten/nieuw`);
      await consultant.getByLabel('BSN').fill(bsn);
      await consultant.getByLabel('Naam').fill(fullName);
      await consultant.getByLabel('Geboortedatum').fill('1971-02-03');
      await consultant.getByLabel('Zorgaanbieder').selectOption({ label: provider });
    };
    await register('Identiteit Pieters', 'Demo Begeleiding A');
    await expect(consultant.getByRole('checkbox').count()).resolves.toBe(0);
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await consultant.waitForURL(/\/trajecten\/[0-9a-f-]{36}$/);

    await register('Identiteit Peters', 'Demo Zorg B');
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect(consultant.locator('#veld-client-fullName-fout').textContent()).resolves.toBe(
      'Dit BSN is bekend met een andere naam of geboortedatum. Controleer de gegevens.',
    );
    const correct = consultant.getByRole('checkbox', { name: /eerder verkeerd vastgelegd/ });
    await expect(correct.isChecked()).resolves.toBe(false);
    await expectAccessible(consultant);
    await correct.check();
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await consultant.waitForURL(/\/trajecten\/[0-9a-f-]{36}$/);
    await expect(consultant.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Traject Identiteit Peters',
    );
    const identity = await api.db.prisma.clientIdentity.findUniqueOrThrow({ where: { bsn } });
    expect(identity.fullName).toBe('Identiteit Peters');
  });

  it('when more trajectories match than fit one page, then operations page through them on the server', async () => {
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 9 }, () => api.register(demoIds.providerB)));
    const total = await api.db.prisma.trajectory.count({ where: { providerId: demoIds.providerB } });
    expect(total).toBeGreaterThan(25);
    const page = await signedIn(/\(Contractmanagement\)/);
    await page.goto(`${at.base}/overzicht?providerId=${demoIds.providerB}`);
    const found = page.getByRole('table', { name: /Gevonden trajecten/ }).getByRole('row');
    await expect(found.count()).resolves.toBe(25 + 1);
    await expect(page.getByText(`Pagina 1 van ${Math.ceil(total / 25)}`).count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Volgende pagina' }).click();
    await page.waitForURL(/pagina=2/);
    await expect(found.count()).resolves.toBe(Math.min(25, total - 25) + 1);
    await expect(page.getByRole('link', { name: 'Vorige pagina' }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await page.goto(`${at.base}/overzicht`);
    await page.waitForFunction(() => (globalThis as unknown as { Chart?: object }).Chart !== undefined);
    await keep(page, 'contractmanagement-overzicht');
  });

  it('when a consultant or a provider opens Trajecten, then their own trajectories are listed with the client, and a BSN search leads to the trajectory', async () => {
    const identity = await api.db.prisma.clientIdentity.findFirstOrThrow({
      where: { client: { trajectories: { some: { id: trajectoryA } } } },
    });
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    const menu = consultant.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(menu.getByRole('link', { name: 'Werkvoorraad' }).getAttribute('aria-current')).resolves.toBe('page');
    await menu.getByRole('link', { name: 'Trajecten' }).click();
    // The menu marks where the person is.
    await expect(menu.getByRole('link', { name: 'Trajecten' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(menu.getByRole('link', { name: 'Werkvoorraad' }).getAttribute('aria-current')).resolves.toBeNull();
    const list = consultant.getByRole('table', { name: 'Trajecten van uw team, de eerstvolgende termijn eerst' });
    await expect(list.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Cliënt',
      'Fase',
      'Zorgaanbieder',
      'Product',
      'Volgende termijn',
      'Traject',
    ]);
    await expect(
      list
        .getByRole('row', { name: new RegExp(`^${identity.fullName} `) })
        .first()
        .textContent(),
    ).resolves.toMatch(/Aangemeld.*Demo Begeleiding A.*Intake uiterlijk: \d{1,2} \w+ \d{4}/s);
    await expectAccessible(consultant);

    // A BSN that fails the 11-check is refused beside the field; the client's BSN opens the trajectory.
    await consultant.getByLabel('BSN').fill('123456789');
    await consultant.getByRole('button', { name: 'Zoek op BSN' }).click();
    await expect(consultant.locator('#veld-bsn-fout').textContent()).resolves.toBe(
      'Vul een BSN in van 9 cijfers dat klopt met de elfproef.',
    );
    await expectAccessible(consultant);
    await consultant.getByLabel('BSN').fill(identity.bsn);
    await consultant.getByRole('button', { name: 'Zoek op BSN' }).click();
    await consultant.waitForURL(`${at.base}/trajecten/${trajectoryA}`);
    // The BSN went in the form's body, not in any address.
    expect(consultant.url()).not.toContain(identity.bsn);

    // Provider B does not see provider A's client, by list or by BSN.
    const other = await signedIn(/\(Zorgaanbieder, Demo Zorg B\)/);
    await other.goto(`${at.base}/trajecten`);
    await expect(
      other
        .getByRole('table', { name: /Uw trajecten/ })
        .getByRole('columnheader')
        .allTextContents(),
    ).resolves.not.toContain('Zorgaanbieder');
    await expect(other.getByRole('row', { name: new RegExp(`^${identity.fullName} `) }).count()).resolves.toBe(0);
    await other.getByLabel('BSN').fill(identity.bsn);
    await other.getByRole('button', { name: 'Zoek op BSN' }).click();
    await expect(other.getByRole('status').textContent()).resolves.toContain('Met dit BSN: 0 trajecten gevonden.');
    await expectAccessible(other);
  });

  it('when the screen is 320 CSS pixels wide (a phone, or 400 % zoom), then no page scrolls sideways, and a wide table scrolls in a region the keyboard can scroll', async () => {
    const narrow = { width: 320, height: 640 };
    /** How far the page itself is wider than the screen, in CSS pixels. */
    const sideways = (page: Page) =>
      page.evaluate(() => {
        const view = globalThis as unknown as {
          innerWidth: number;
          document: { documentElement: { scrollWidth: number } };
        };
        return view.document.documentElement.scrollWidth - view.innerWidth;
      });
    const signInPage = await newPage(narrow);
    await signInPage.goto(`${at.base}/aanmelden`);
    expect(await sideways(signInPage)).toBe(0);
    for (const who of [
      /\(Consulent, Sociaal Loket Team Zeist\)/,
      /\(Zorgaanbieder, Demo Begeleiding A\)/,
      /\(Contractmanagement\)/,
    ]) {
      const page = await signedIn(who, narrow);
      const menu = await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      for (const path of [...menu, `/trajecten/${trajectoryA}`]) {
        await page.goto(`${at.base}${path}`);
        expect({ path, sideways: await sideways(page) }).toEqual({ path, sideways: 0 });
      }
      if (who.source.includes('Contractmanagement')) {
        await page.goto(`${at.base}/overzicht`);
        const region = page.getByRole('region', { name: 'Kengetallen per zorgaanbieder en product' });
        const { scrollWidth, clientWidth } = await region.evaluate((r) => ({
          scrollWidth: r.scrollWidth,
          clientWidth: r.clientWidth,
        }));
        expect(scrollWidth).toBeGreaterThan(clientWidth);
        await region.focus();
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((r) => r !== null && r.scrollLeft > 0, await region.elementHandle());
        await expectAccessible(page);
      }
    }
  });

  /** The session cookie of a provider A user who signed in two hours ago: ended an hour ago. */
  const endedSession = async (userId: string) => ({
    name: 'wmo_sessie',
    value: await sessionCookieAt(api.jwtSecret, userId, new Date(Date.now() - 2 * 3_600_000)),
    url: at.base,
    httpOnly: true,
    sameSite: 'Lax' as const,
  });
  const endsAtOf = async (page: Page) =>
    Date.parse((await page.locator('body').getAttribute('data-session-ends')) ?? '');

  it('when a page is left alone until two minutes before its session ends, then a dialog warns (not when another tab renewed the session), and one button keeps the person signed in', async () => {
    const page = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await page.clock.install();
    await page.goto(`${at.base}/trajecten/${trajectoryA}`);
    await page.clock.pauseAt(Date.now() + 1_000);
    const endsAt = await endsAtOf(page);
    // An hour without a page by default; every page renews it.
    expect(endsAt - Date.now()).toBeGreaterThan(59 * 60_000);
    const warning = page.getByRole('dialog', { name: 'Uw sessie verloopt bijna' });
    /** Moves the page's clock to two minutes before `end`, where it asks when the session ends. */
    const twoMinutesBefore = async (end: number) =>
      page.clock.fastForward(end - 2 * 60_000 - (await page.evaluate(() => Date.now())));

    // A page in another tab, once the server's clock is in the next second, renews the session:
    // this tab then learns of the later end when it would have warned, and does not warn.
    while (Date.now() < endsAt - 3_600_000 + 1_000) await new Promise((resolve) => setTimeout(resolve, 50));
    const otherTab = await page.context().newPage();
    await otherTab.goto(`${at.base}/werkvoorraad`);
    const renewedEnd = await endsAtOf(otherTab);
    expect(renewedEnd).toBeGreaterThan(endsAt);
    await twoMinutesBefore(endsAt);
    await page
      .locator(`body[data-session-ends="${new Date(renewedEnd).toISOString()}"]`)
      .waitFor({ state: 'attached' });
    await expect(warning.count()).resolves.toBe(0);

    await twoMinutesBefore(renewedEnd);
    await warning.waitFor();
    const endTime = new Intl.DateTimeFormat('nl-NL', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
    }).format(renewedEnd);
    await expect(warning.textContent()).resolves.toContain(`Om ${endTime} uur wordt u afgemeld`);
    await expect(
      page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { textContent: string } } }
        ).document.activeElement.textContent.trim(),
      ),
    ).resolves.toBe('Aangemeld blijven');
    // axe waits on timers: the page's clock runs while it checks, and stops again after.
    await page.clock.resume();
    await expectAccessible(page);
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

    const renewal = page.waitForResponse(`${at.base}/sessie/verlengen`);
    await warning.getByRole('button', { name: 'Aangemeld blijven' }).click();
    const answer = (await (await renewal).json()) as { endsAt: string };
    expect(Date.parse(answer.endsAt)).toBeGreaterThanOrEqual(renewedEnd);
    await warning.waitFor({ state: 'hidden' });
    await expect(page.locator('body').getAttribute('data-session-ends')).resolves.toBe(answer.endsAt);
  });

  it('when the session ended while a form was being filled in, then the dialog says so, and after signing in again in another tab the form is sent as filled in', async () => {
    const trajectoryId = await api.register(demoIds.providerA);
    const url = `${at.base}/trajecten/${trajectoryId}`;
    const page = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await page.clock.install();
    await page.goto(url);
    await page.clock.pauseAt(Date.now() + 1_000);
    await page.getByLabel('Datum van de intake').fill(dateOf(new Date()));

    // The server ends the session (an hour without a page), and the page's clock passes its end.
    await page.context().addCookies([await endedSession(demoIds.providerUserA)]);
    await page.clock.fastForward((await endsAtOf(page)) - (await page.evaluate(() => Date.now())) + 1_000);
    const ended = page.getByRole('dialog', { name: 'Uw sessie is verlopen' });
    await ended.waitFor();
    // From here the page's clock is the server's again (the session it renews later ends an hour from now).
    await page.clock.setSystemTime(Date.now());
    await page.clock.resume();
    await expectAccessible(page);
    await ended.getByRole('button', { name: 'Verder' }).click();
    await ended.getByText('U bent nog niet opnieuw aangemeld.', { exact: false }).waitFor();

    const [signIn] = await Promise.all([
      page.waitForEvent('popup'),
      ended.getByRole('link', { name: 'Opnieuw aanmelden (opent een nieuw tabblad)' }).click(),
    ]);
    await signIn.getByRole('button', { name: /\(Zorgaanbieder, Demo Begeleiding A\)/ }).click();
    await signIn.waitForURL(`${at.base}/meldingen`);
    await ended.getByRole('button', { name: 'Verder' }).click();
    await ended.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Intake vastleggen' }).click();
    await page.waitForURL(url);
    await expect(page.getByText('Intake gehouden', { exact: true }).count()).resolves.toBe(1);
  });

  it('when a page or a form is asked for after the session ended, then the sign-in page says so, nothing is saved, and signing in returns to the page', async () => {
    const trajectoryId = await api.register(demoIds.providerA);
    const page = await newPage();
    await page.context().addCookies([await endedSession(demoIds.providerUserA)]);
    const intake = await page.request.post(`${at.base}/trajecten/${trajectoryId}/intake`, {
      form: { heldOn: dateOf(new Date()) },
      maxRedirects: 0,
    });
    expect(intake.status()).toBe(303);
    expect(intake.headers().location).toBe(
      `/aanmelden?terug=${encodeURIComponent(`/trajecten/${trajectoryId}`)}&verlopen=formulier`,
    );
    await page.goto(`${at.base}${intake.headers().location}`);
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Uw sessie was verlopen toen u het formulier verstuurde. Daarom is het niet opgeslagen.',
    );
    expect((await api.db.prisma.trajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).phase).toBe(
      'REGISTERED',
    );

    await page.goto(`${at.base}/trajecten/${trajectoryId}`);
    expect(new URL(page.url()).searchParams.get('verlopen')).toBe('pagina');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Uw sessie is verlopen');
    await expectAccessible(page);
    await page.getByRole('button', { name: /\(Zorgaanbieder, Demo Begeleiding A\)/ }).click();
    await page.waitForURL(`${at.base}/trajecten/${trajectoryId}`);

    // Without any session (never signed in, or signed out) nothing is said about one ending.
    const stranger = await newPage();
    const post = await stranger.request.post(`${at.base}/trajecten/${trajectoryId}/intake`, {
      form: {},
      maxRedirects: 0,
    });
    expect(post.headers().location).toBe(`/aanmelden?terug=${encodeURIComponent(`/trajecten/${trajectoryId}`)}`);
  });

  it('when someone not signed in opens a trajectory page, then after signing in they are on that page', async () => {
    const page = await newPage();
    await page.goto(`${at.base}/trajecten/${trajectoryA}`);
    expect(new URL(page.url()).searchParams.get('terug')).toBe(`/trajecten/${trajectoryA}`);
    await page.getByRole('button', { name: /Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/ }).click();
    await page.waitForURL(`${at.base}/trajecten/${trajectoryA}`);
    // Only a path on this site: another site is not followed.
    const elsewhere = await newPage();
    await elsewhere.goto(`${at.base}/aanmelden?terug=//evil.test/x`);
    await elsewhere
      .getByRole('button', { name: /Demo consulent/ })
      .first()
      .click();
    await elsewhere.waitForURL(`${at.base}/werkvoorraad`);
  });

  it('when a TLS-terminating proxy on this machine says the request came over HTTPS, then the cookies are Secure', async () => {
    const plain = await fetch(`${at.base}/aanmelden`);
    expect(plain.headers.getSetCookie().join('\n')).not.toContain('Secure');
    const proxied = await fetch(`${at.base}/aanmelden`, { headers: { 'X-Forwarded-Proto': 'https' } });
    const cookies = proxied.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
  });

  it('when the sign-in page is used with the keyboard alone, then Tab reaches a sign-in button and Enter signs in', async () => {
    const page = await newPage();
    await page.goto(`${at.base}/aanmelden`);
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
