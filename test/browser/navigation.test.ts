import type { Page } from 'playwright-core';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';

/** Finding one's way: the menu, the work list with who picked up each task (or was given it), the Trajecten list and its search by BSN, name or kenmerk, and pages on a narrow screen (WCAG 1.4.10). */
describe('navigation in a real browser', () => {
  const api = useApi();
  const { at, newPage, signedIn, expectAccessible, fact } = useBrowser(api);
  let trajectoryA = '';

  beforeAll(async () => {
    trajectoryA = await api.register(demoIds.providerA);
  });

  it('when a consultant or a provider opens Trajecten, then their own trajectories are listed with the client, a BSN search leads to the trajectory, and a name search lists the clients found with their dates of birth', async () => {
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
    const columns = ['Cliënt', 'Fase', 'Zorgaanbieder', 'Product', 'Volgende termijn', 'Traject'];
    await expect(list.getByRole('columnheader').allTextContents()).resolves.toEqual(columns);
    await expect(
      list
        .getByRole('row', { name: new RegExp(`^${identity.fullName} `) })
        .first()
        .textContent(),
    ).resolves.toMatch(/Aangemeld.*Demo Begeleiding A.*Intake uiterlijk: \d{1,2} \w+ \d{4}/s);
    await expectAccessible(consultant);

    // A BSN that fails the 11-check is refused beside the field; the client's BSN opens the trajectory.
    const search = async (page: Page, term: string) => {
      await page.getByLabel('Naam, BSN of kenmerk').fill(term);
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    };
    await search(consultant, '123456789');
    await expect(consultant.locator('#veld-zoekterm-fout').textContent()).resolves.toBe(
      'Vul een BSN in van 9 cijfers dat klopt met de elfproef.',
    );
    await expectAccessible(consultant);
    await search(consultant, identity.bsn);
    await consultant.waitForURL(`${at.base}/trajecten/${trajectoryA}`);
    // The BSN went in the form's body, not in any address.
    expect(consultant.url()).not.toContain(identity.bsn);
    // The page names the kenmerk the e-mails give; typed as people do, it leads back here.
    const kenmerk = (await fact(consultant, 'Kenmerk').textContent())?.trim() ?? '';
    expect(kenmerk).toMatch(/^T-[0-9A-F]{8}$/);
    await menu.getByRole('link', { name: 'Trajecten' }).click();
    await search(consultant, kenmerk.toLowerCase().replace('-', ''));
    await consultant.waitForURL(`${at.base}/trajecten/${trajectoryA}`);

    // Part of the name, in capitals and another order: a list, each client with the date of birth to tell two apart.
    await menu.getByRole('link', { name: 'Trajecten' }).click();
    const typed = identity.fullName.toUpperCase().split(' ').reverse().join(' ');
    await search(consultant, typed);
    const found = consultant.getByRole('table', { name: 'Gevonden trajecten, op naam van de cliënt' });
    await expect(found.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Cliënt',
      'Geboortedatum',
      ...columns.slice(1),
    ]);
    await expect(
      found.getByRole('row', { name: new RegExp(`^${identity.fullName} 29 februari 1980 Aangemeld `) }).count(),
    ).resolves.toBe(1);
    await expect(consultant.getByRole('status').textContent()).resolves.toContain('Met deze naam: 1 traject gevonden.');
    await expect(consultant.getByLabel('Naam, BSN of kenmerk').inputValue()).resolves.toBe(typed);
    expect(consultant.url()).toBe(`${at.base}/trajecten/zoeken`);
    await expectAccessible(consultant);
    // One letter would find half the clients: refused beside the field, saying what it takes.
    await search(consultant, 't');
    await expect(consultant.locator('#veld-zoekterm-fout').textContent()).resolves.toBe(
      'Vul ten minste 2 letters van de naam in, in hoogstens 8 woorden, een BSN van 9 cijfers of een kenmerk zoals T-5F3C9A2E.',
    );

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
    await search(other, identity.bsn);
    await expect(other.getByRole('status').textContent()).resolves.toContain('Met dit BSN: 0 trajecten gevonden.');
    await search(other, identity.fullName);
    await expect(other.getByRole('status').textContent()).resolves.toContain('Met deze naam: 0 trajecten gevonden.');
    await search(other, kenmerk);
    await expect(other.getByRole('status').textContent()).resolves.toContain('Met dit kenmerk: 0 trajecten gevonden.');
    await expectAccessible(other);

    // One client with two providers: the BSN lists both trajectories, the next deadline first.
    const client = { bsn: identity.bsn, fullName: identity.fullName, dateOfBirth: '1980-02-29' };
    await api.consultant.post('/trajectories', { client, providerId: demoIds.providerB }).expect(201);
    await consultant.goto(`${at.base}/trajecten`);
    await search(consultant, identity.bsn);
    await expect(consultant.getByRole('status').textContent()).resolves.toContain('Met dit BSN: 2 trajecten gevonden.');
    await expect(
      consultant.getByRole('table', { name: 'Trajecten van de cliënt met dit BSN' }).getByRole('row').count(),
    ).resolves.toBe(3);
  });

  it('when a consultant picks a task up on the work list, then the team sees who has it, the list shows what is mine and what nobody has, and it can be given back', async () => {
    const task = await api.openTask(trajectoryA, 'RISK_ANALYSIS');
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(`${at.base}/werkvoorraad`);
    const list = consultant.getByRole('table', { name: 'Open taken van uw team, de oudste eerst' });
    const row = list.getByRole('row', { name: /Risicoanalyse/ });
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('niemand');
    await row.getByRole('button', { name: /^Oppakken: Risicoanalyse/ }).click();
    await consultant.waitForURL(`${at.base}/werkvoorraad?taak=opgepakt`);
    await expect(consultant.getByRole('status').textContent()).resolves.toContain('U hebt de taak opgepakt.');
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('Demo consulent (u)');
    await expect(row.getByRole('button').textContent()).resolves.toMatch(/^\s*Vrijgeven\s*$/);
    await expectAccessible(consultant);

    // The choice of tasks, the chosen one marked.
    const which = consultant.getByRole('navigation', { name: 'Welke taken' });
    await which.getByRole('link', { name: 'Nog niet opgepakt' }).click();
    await expect(list.getByRole('row', { name: /Risicoanalyse/ }).count()).resolves.toBe(0);
    await which.getByRole('link', { name: 'Door mij opgepakt' }).click();
    await expect(which.getByRole('link', { name: 'Door mij opgepakt' }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    // The trajectory page says who has it.
    await consultant.goto(`${at.base}/trajecten/${trajectoryA}`);
    await expect(
      consultant
        .getByRole('table', { name: 'Open taken bij dit traject' })
        .getByRole('row', { name: /Risicoanalyse/ })
        .textContent(),
    ).resolves.toMatch(/Demo consulent\s*$/);

    // Given back from the filtered list: back on that list, without it.
    await consultant.goto(`${at.base}/werkvoorraad?wie=mij`);
    await row.getByRole('button', { name: /^Vrijgeven: Risicoanalyse/ }).click();
    await consultant.waitForURL(`${at.base}/werkvoorraad?wie=mij&taak=vrijgegeven`);
    await expect(list.getByRole('row', { name: /Risicoanalyse/ }).count()).resolves.toBe(0);
    await expect(api.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).resolves.toMatchObject({
      assigneeUserId: null,
    });
  });

  it('when a consultant gives a task to a colleague on the work list, then the list says the colleague has it; a colleague who left the team meanwhile is said and the task stays with nobody', async () => {
    const colleague = await api.colleague('Collega Zeist', 'collega@zeist.test', { teamId: demoIds.teamZeist });
    const plan = await api.openTask(trajectoryA, 'FOLLOW_UP_PLAN');
    const interim = await api.openTask(trajectoryA, 'INTERIM_EVALUATION');
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(`${at.base}/werkvoorraad?wie=niemand`);
    const list = consultant.getByRole('table', { name: 'Open taken van uw team, de oudste eerst' });
    const row = list.getByRole('row', { name: /Vervolgplan/ });
    await row.getByLabel(/^Toewijzen aan: Vervolgplan/).selectOption({ label: 'Collega Zeist' });
    await expectAccessible(consultant);
    await row.getByRole('button', { name: /^Toewijzen: Vervolgplan/ }).click();
    await consultant.waitForURL(`${at.base}/werkvoorraad?wie=niemand&taak=toegewezen`);
    await expect(consultant.getByRole('status').textContent()).resolves.toContain('De taak is toegewezen.');
    await expect(list.getByRole('row', { name: /Vervolgplan/ }).count()).resolves.toBe(0);
    await consultant.goto(`${at.base}/werkvoorraad`);
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('Collega Zeist');
    // She has it, and there is nobody else to give it to: only picking it up remains.
    await expect(row.getByLabel(/^Toewijzen aan/).count()).resolves.toBe(0);
    await expect(api.db.prisma.task.findUniqueOrThrow({ where: { id: plan.id } })).resolves.toMatchObject({
      assigneeUserId: colleague,
    });
    // The trajectory's timeline says to whom it was given, and by whom.
    await consultant.goto(`${at.base}/trajecten/${trajectoryA}`);
    await expect(
      consultant
        .getByRole('table', { name: 'Wat er is gebeurd' })
        .getByRole('row', { name: /Taak toegewezen aan Collega Zeist: Vervolgplan/ })
        .textContent(),
    ).resolves.toMatch(/Demo consulent\s*$/);
    await consultant.goto(`${at.base}/werkvoorraad`);

    // She moves to another team while the page is open: the list says so, and nobody has the task.
    const other = list.getByRole('row', { name: /Tussenevaluatie bemoeizorg/ });
    await other.getByLabel(/^Toewijzen aan: Tussenevaluatie/).selectOption({ label: 'Collega Zeist' });
    await api.db.prisma.user.update({ where: { id: colleague }, data: { teamId: demoIds.teamDordrecht } });
    await other.getByRole('button', { name: /^Toewijzen: Tussenevaluatie/ }).click();
    await consultant.waitForURL(`${at.base}/werkvoorraad?taak=niet-toegewezen`);
    await expect(consultant.getByRole('status').textContent()).resolves.toContain(
      'Deze persoon hoort niet (meer) bij uw team of organisatie',
    );
    await expect(api.db.prisma.task.findUniqueOrThrow({ where: { id: interim.id } })).resolves.toMatchObject({
      assigneeUserId: null,
    });
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
});
