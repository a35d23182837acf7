import { randomUUID } from 'node:crypto';
import { demoIds } from '../../prisma/seed/demo';
import { addDays, addMonths, dateOf, firstOfMonth } from '../../domain/calendar';
import { dutchDate, dutchMonth } from '../../domain/dutch-dates';
import { taskTiming, type TaskTiming } from '../../domain/deadlines';
import { referenceOf } from '../../domain/reference';
import { bsnOf, useApi } from '../support/api';
import { eventually } from '../support/eventually';
import { useBrowser } from '../support/browser';

/** Issue 11: the pages, in Dutch, accessible, behind a session with CSRF-protected forms. */
describe('web application in a real browser', () => {
  const api = useApi();
  const { at, signedIn, keep, expectAccessible, fact } = useBrowser(api);
  let trajectoryA = '';
  let notificationA = '';

  beforeAll(async () => {
    trajectoryA = await api.register(demoIds.providerA);
    const prisma = api.db.prisma;
    // The provider is told of the registration (its workflow writes that notice): in its inbox before the test's own.
    await eventually(
      () => prisma.notification.count({ where: { trajectoryId: trajectoryA, kind: 'CLIENT_REGISTERED' } }),
      (n) => n === 1,
    );
    await prisma.task.create({
      data: {
        idempotencyKey: `test:${randomUUID()}`,
        trajectoryId: trajectoryA,
        kind: 'DECIDE_EXTENSION',
        assigneeRole: 'CONSULTANT',
        teamId: demoIds.teamZeist,
        dueAt: new Date('2026-12-07T11:00:00Z'),
        createdAt: new Date('2026-11-30T09:00:00Z'), // raised a week ahead: late, not "at once", after its day
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
          payload: { trajectoryId: trajectoryA, dueAt: '2026-12-07T23:00:00.000Z' }, // past at the end of Monday 7 December
        },
      })
    ).id;
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
    await expect(page.getByRole('row', { name: /Cliënt aangemeld, intake houden/ }).count()).resolves.toBe(1);
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
    await page.getByRole('button', { name: /^Markeer als gelezen: Verlenging aanvragen/ }).click();
    await page.waitForURL(`${at.base}/meldingen`);
    await expect(page.getByText('1 ongelezen melding', { exact: true }).count()).resolves.toBe(1); // the registration
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

  it('when operations sign in, then the overview counts trajectories by phase in Dutch, and a kenmerk from an e-mail opens its trajectory', async () => {
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
      'Zorgaanbieder en product;Trajecten;Dagen tot intake (gem.);Dagen van intake tot besluit (gem.);Dagen tot afsluiting (gem.);Afgesloten;Uitstroom (volgens plan beëindigd);Afgeschaald;Gesloten op maximale duur;Overgestapt naar andere aanbieder;ZRM: leefgebieden vooruit;ZRM: stabiel;ZRM: achteruit;Doelen behaald;Doelen niet behaald',
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
    expect(lines[0]).toBe('Traject;Kenmerk;Fase;Zorgaanbieder;Product;Volgende termijn;Datum termijn');
    expect(lines).toHaveLength(expected + 1);
    for (const line of lines.slice(1)) {
      const [id, kenmerk, ...rest] = line.split(';');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect([kenmerk, rest.slice(0, 3).join(';')]).toEqual([referenceOf(id ?? ''), 'Aangemeld;Demo Begeleiding A;']);
    }
    // A trajectory by the kenmerk an e-mail named: refused when it is none, said when nothing has it, opened when one does.
    const filtered = page.url();
    const byKenmerk = async (kenmerk: string) => {
      await page.getByLabel('Kenmerk', { exact: true }).fill(kenmerk);
      await page.getByRole('button', { name: 'Zoek op kenmerk' }).click();
      await page.waitForLoadState();
    };
    await byKenmerk('T-12');
    await expect(page.locator('#veld-kenmerk-fout').textContent()).resolves.toContain('T- en 8 cijfers of letters');
    await expectAccessible(page);
    const someone = await api.register(demoIds.providerB);
    await byKenmerk(someone.startsWith('ffffffff') ? 'T-00000000' : 't-ffffffff');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Geen traject met dit kenmerk.');
    await byKenmerk(referenceOf(someone));
    await page.waitForURL(`${at.base}/trajecten/${someone}`);
    await expect(fact(page, 'Kenmerk').textContent()).resolves.toContain(referenceOf(someone));
    await page.goto(filtered);

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

    // The intake puts the decision on the team's work list at once (care starts only after it, seed 003).
    const decisionTask = () => consultant.getByRole('row', { name: /Besluit over indicatie.*Formulier Proef/s });
    await consultant.goto(`${at.base}/werkvoorraad`);
    await expect(decisionTask().textContent()).resolves.toMatch(/zo snel mogelijk/);
    await decisionTask().getByRole('link', { name: 'Open traject' }).click();
    await consultant.waitForURL(trajectoryUrl);
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
    await consultant.goto(`${at.base}/werkvoorraad`);
    await expect(decisionTask().count()).resolves.toBe(0);

    await provider.goto(trajectoryUrl);
    await provider.getByLabel('Maand', { exact: true }).selectOption({ label: dutchMonth(firstOfMonth(today)) });
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

  it('when tasks are late or to be done at once, then the overview counts them apart, names the oldest at-once day, and each count finds its trajectories', async () => {
    const atOnceTrajectory = await api.register(demoIds.providerB);
    // Raised when its moment came (as a missed intake is), three days ago: to do at once, never late.
    await api.openTask(atOnceTrajectory, 'INTAKE_OVERDUE', { dueInDays: -4, raisedDaysAgo: 3 });
    const open = await api.db.prisma.task.findMany({ where: { status: 'OPEN' } });
    const now = new Date();
    const timed = (timing: TaskTiming) => open.filter((t) => taskTiming(t, now) === timing);
    const [late, atOnce] = [timed('LATE'), timed('AT_ONCE')];
    expect(late.length).toBeGreaterThan(0); // trajectory A's extension decision, a week ahead and past its day
    const oldest = new Date(Math.min(...atOnce.map((t) => t.createdAt.getTime())));
    const tasks = (n: number) => `${n} ${n === 1 ? 'taak' : 'taken'}`;

    const page = await signedIn(/\(Contractmanagement\)/);
    await page.getByRole('link', { name: `${tasks(late.length)} te laat` }).click();
    await page.waitForURL(/tasks=late/);
    const found = page.getByRole('table', { name: /Gevonden trajecten/ });
    const listed = async () =>
      (
        await found
          .getByRole('link', { name: 'Open traject' })
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      )
        .map((href) => href?.split('/').pop())
        .sort();
    const trajectoriesOf = (ts: typeof open) => [...new Set(ts.map((t) => t.trajectoryId))].sort();
    await expect(listed()).resolves.toEqual(trajectoriesOf(late));
    await expect(page.getByLabel('Taken', { exact: true }).inputValue()).resolves.toBe('late');

    await page.goto(`${at.base}/overzicht`);
    const atOnceLine = page.getByRole('listitem').filter({ hasText: 'om zo snel mogelijk te doen' });
    await expect(atOnceLine.textContent()).resolves.toMatch(
      `${tasks(atOnce.length)} om zo snel mogelijk te doen (de oudste sinds ${dutchDate(oldest)})`,
    );
    await atOnceLine.getByRole('link').click();
    await page.waitForURL(/tasks=atOnce/);
    await expect(listed()).resolves.toEqual(trajectoriesOf(atOnce));
    expect(trajectoriesOf(atOnce)).toContain(atOnceTrajectory);
    expect(trajectoriesOf(late)).not.toContain(atOnceTrajectory);
    await expectAccessible(page);
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
});
