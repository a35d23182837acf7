import { referenceOf } from '../../domain/reference';
import { demoIds } from '../../prisma/seed/demo';
import { addDays, addMonths, dateOf, firstOfMonth } from '../../domain/calendar';
import { dutchDate, dutchMonth } from '../../domain/dutch-dates';
import { bsnOf, useApi } from '../support/api';
import { useBrowser } from '../support/browser';
import { testSecrets } from '../support/delivery';

/** Issue 11: every decision and request of the lifecycle on the trajectory page, in a real browser. */
describe('trajectory page forms in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible, unfold, fact } = useBrowser(api);

  const { inCare } = api;

  it('when a provider sends the intake from a page opened before a colleague recorded it, then the page says the form is no longer possible, without a list of fields', async () => {
    const id = await api.register(demoIds.providerA);
    const url = `${at.base}/trajecten/${id}`;
    const stale = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await stale.goto(url);
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: dateOf(new Date()) }).expect(200);
    await stale.getByLabel('Datum van de intake').fill(dateOf(new Date()));
    await stale.getByRole('button', { name: 'Intake vastleggen' }).click();
    const alert = stale.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(
      /^\s*Intake vastleggen: dit kan niet meer\. Het traject is intussen veranderd/,
    );
    await expect(alert.getByRole('listitem').count()).resolves.toBe(0);
    await expect(fact(stale, 'Fase').textContent()).resolves.toBe('Intake gehouden');
    await expectAccessible(stale);
  });

  it('when a provider declares hours, then the month is chosen by name among those that have started and are not declared, newest first; a declared month is corrected with its reason', async () => {
    const thisMonth = firstOfMonth(dateOf(new Date()));
    const [lastMonth, monthBefore] = [addMonths(thisMonth, -1), addMonths(thisMonth, -2)];
    const id = await inCare('02B05', 3, monthBefore);
    const figures = { directMinutes: 120, indirectMinutes: 30, digitalMinutes: 0 };
    await api.providerA.post(`/trajectories/${id}/hour-declarations`, { month: lastMonth, ...figures }).expect(200);
    const url = `${at.base}/trajecten/${id}`;
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(url);
    const options = (form: string) =>
      provider.locator(`form[action$="/${form}"] select[name="month"] option`).allTextContents();
    await expect(options('uren')).resolves.toEqual(['Kies een maand', dutchMonth(thisMonth), dutchMonth(monthBefore)]);
    // The allocation ends on its end date, as the indication's period says (not the day after).
    const end = dutchDate(addMonths(dateOf(new Date()), 3));
    await expect(provider.getByRole('row', { name: /Einde toewijzing/ }).textContent()).resolves.toContain(end);
    const indications = provider.getByRole('table', { name: 'Indicaties van dit traject' });
    await expect(indications.getByRole('row', { name: /02B05/ }).textContent()).resolves.toContain(`t/m ${end}`);

    // Without a month: refused beside the field, nothing stored.
    const declare = provider.locator('form[action$="/uren"]');
    await declare.getByLabel('Direct (minuten)', { exact: true }).fill('60');
    await declare.getByLabel('Indirect (minuten)', { exact: true }).fill('100'); // 130 of 310 so far: above 30 %
    await declare.getByRole('button', { name: 'Uren verantwoorden' }).click();
    await expect(provider.locator('#veld-uren-month-fout').textContent()).resolves.toBe(
      'Kies een waarde uit de lijst.',
    );
    await declare.getByLabel('Maand', { exact: true }).selectOption({ label: dutchMonth(monthBefore) });
    await declare.getByRole('button', { name: 'Uren verantwoorden' }).click();
    await provider.waitForURL(`${url}?uren=verantwoord`);
    await expect(options('uren')).resolves.toEqual(['Kies een maand', dutchMonth(thisMonth)]);
    await expect(options('uren-corrigeren')).resolves.toEqual([
      'Kies een maand',
      dutchMonth(lastMonth),
      dutchMonth(monthBefore),
    ]);

    // A correction needs its reason; with it, the figures as they should be replace the declared ones.
    await unfold(provider, 'Verantwoorde uren corrigeren');
    const correct = provider.locator('form[action$="/uren-corrigeren"]');
    await correct.getByLabel('Maand', { exact: true }).selectOption({ label: dutchMonth(lastMonth) });
    await correct.getByLabel('Direct (minuten)', { exact: true }).fill('90');
    await correct.getByLabel('Indirect (minuten)', { exact: true }).fill('30');
    // Group contact time (seed 003): the provider's share of a group session, the seed's example beside it.
    const group = correct.getByLabel('Groepscontacttijd (minuten)', { exact: true });
    await expect(group.getAttribute('aria-describedby')).resolves.toBe('veld-uren-corrigeren-groupMinutes-uitleg');
    await expect(provider.locator('#veld-uren-corrigeren-groupMinutes-uitleg').textContent()).resolves.toContain(
      '120 minuten) bij tien cliënten: 12 minuten',
    );
    await group.fill('40');
    await correct.getByRole('button', { name: 'Correctie vastleggen' }).click();
    await expect(provider.locator('#veld-uren-corrigeren-reason-fout').textContent()).resolves.toBe('Vul dit veld in.');
    await expect(correct.getByLabel('Direct (minuten)', { exact: true }).inputValue()).resolves.toBe('90');
    await expectAccessible(provider);
    await correct.getByLabel('Waarom worden de uren gecorrigeerd?').fill('Een afspraak was dubbel geteld.');
    await correct.getByRole('button', { name: 'Correctie vastleggen' }).click();
    await provider.waitForURL(`${url}?uren=gecorrigeerd`);
    await expect(provider.getByRole('status').textContent()).resolves.toMatch(/^\s*De uren zijn gecorrigeerd\./);
    const declared = await api.db.prisma.hourDeclaration.findMany({
      where: { indication: { trajectoryId: id } },
      orderBy: { month: 'asc' },
    });
    expect(declared.map((d) => [dateOf(d.month), d.directMinutes, d.indirectMinutes, d.groupMinutes])).toEqual([
      [monthBefore, 60, 100, 0],
      [lastMonth, 90, 30, 40],
    ]);
    // Kept sealed (a note on the client's care), opened for the page.
    const { reason } = await api.db.prisma.correction.findFirstOrThrow({ where: { trajectoryId: id, kind: 'HOURS' } });
    expect(reason).toMatch(/^sealed:test:/);
    expect(testSecrets.open(reason)).toBe('Een afspraak was dubbel geteld.');
    // The timeline says who corrected which month, and why.
    await expect(provider.getByRole('row', { name: /Uren gecorrigeerd/ }).textContent()).resolves.toMatch(
      new RegExp(
        `Uren gecorrigeerd: ${dutchMonth(lastMonth)}\\s*Reden: Een afspraak was dubbel geteld\\.\\s*Demo begeleider A`,
      ),
    );
    // The months as they stand, newest first, each with the time-mix warning through it.
    const months = provider.getByRole('table', { name: 'Verantwoorde uren per maand' }).getByRole('row');
    await expect(months.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^\s*Maand/),
      expect.stringMatching(
        new RegExp(`^\\s*${dutchMonth(lastMonth)}\\s*90\\s*30\\s*0\\s*40\\s*meer dan 30% indirecte tijd\\s*$`),
      ),
      expect.stringMatching(
        new RegExp(`^\\s*${dutchMonth(monthBefore)}\\s*60\\s*100\\s*0\\s*0\\s*meer dan 30% indirecte tijd\\s*$`),
      ),
    ]);
    await expectAccessible(provider);
  });

  it('when a provider corrects the day of the intake with the reason, then the page shows the corrected day', async () => {
    const today = dateOf(new Date());
    const registered = await api.consultant
      .post('/trajectories', {
        client: { bsn: bsnOf(7_101), fullName: 'Intake Correctie', dateOfBirth: '1970-05-05' },
        providerId: demoIds.providerA,
        registeredAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      })
      .expect(201);
    const id = registered.body.trajectoryId as string;
    await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    const url = `${at.base}/trajecten/${id}`;
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(url);
    await expect(fact(provider, 'Intake gehouden op').textContent()).resolves.toBe(dutchDate(today));
    await unfold(provider, 'Datum van de intake corrigeren');
    const held = addDays(today, -2);
    await provider.getByLabel('Juiste datum van de intake').fill(held);
    await provider.getByLabel('Waarom klopte de datum niet?').fill('De intake was eerder dan ingevoerd.');
    await provider.getByRole('button', { name: 'Datum van de intake corrigeren' }).click();
    await provider.waitForURL(url);
    await expect(fact(provider, 'Intake gehouden op').textContent()).resolves.toBe(dutchDate(held));
    await expect(provider.getByRole('row', { name: /Intakedatum gecorrigeerd/ }).textContent()).resolves.toContain(
      'Reden: De intake was eerder dan ingevoerd.',
    );
    await expectAccessible(provider);
  });

  it('when a provider finds at the intake that the client does not fit, then the reason is asked beside its field, and the consultant reads it with the task to find another provider', async () => {
    const id = await api.register(demoIds.providerA);
    const url = `${at.base}/trajecten/${id}`;
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(url);
    await provider.getByLabel('Datum van de intake').fill(dateOf(new Date()));
    await provider.getByRole('radio', { name: 'Nee: de consulent zoekt een andere aanbieder' }).check();
    await provider.getByRole('button', { name: 'Intake vastleggen' }).click();
    await expect(provider.locator('#veld-intake-motivation-fout').textContent()).resolves.toBe('Vul dit veld in.');
    await expect(
      provider.getByRole('radio', { name: 'Nee: de consulent zoekt een andere aanbieder' }).isChecked(),
    ).resolves.toBe(true);
    await expectAccessible(provider);
    await provider.getByLabel('Waarom past de cliënt niet?').fill('Er is 24-uurs bereikbaarheid nodig.');
    await provider.getByRole('button', { name: 'Intake vastleggen' }).click();
    await provider.waitForURL(url);
    await expect(fact(provider, 'Fase').textContent()).resolves.toBe('Intake gehouden');
    await expect(fact(provider, 'Intake gehouden op').textContent()).resolves.toBe(
      `${dutchDate(dateOf(new Date()))}; de cliënt past niet bij de aanbieder`,
    );

    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    await expect(consultant.getByRole('row', { name: /Intake vastgelegd/ }).textContent()).resolves.toMatch(
      /de cliënt past niet bij de aanbieder\s*Waarom niet: Er is 24-uurs bereikbaarheid nodig\./,
    );
    await expect(
      consultant.getByRole('table', { name: 'Open taken bij dit traject' }).textContent(),
    ).resolves.toContain('Cliënt past niet bij aanbieder');
    await expectAccessible(consultant);

    // The consultant moves the client to another provider in one step: registered there, this trajectory closed.
    await unfold(consultant, 'Overstap naar een andere zorgaanbieder');
    const choice = consultant.getByLabel('Nieuwe zorgaanbieder');
    await expect(choice.locator('option').allTextContents()).resolves.not.toContain('Demo Begeleiding A');
    await consultant.getByRole('button', { name: 'Cliënt overzetten' }).click();
    await expect(consultant.locator('#veld-overstap-providerId-fout').textContent()).resolves.toBe(
      'Kies een waarde uit de lijst.',
    );
    await choice.selectOption({ label: 'Demo Zorg B' });
    await consultant.getByRole('button', { name: 'Cliënt overzetten' }).click();
    await consultant.waitForURL((u) => /^\/trajecten\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(id));
    await expect(consultant.getByRole('status').filter({ hasText: 'aangemeld' }).textContent()).resolves.toContain(
      'het vorige traject is afgesloten met reden 38 – Overstap naar andere aanbieder',
    );
    await expect(fact(consultant, 'Fase').textContent()).resolves.toBe('Aangemeld');
    await expect(
      consultant
        .getByRole('row', { name: /Aangemeld/ })
        .first()
        .textContent(),
    ).resolves.toContain(`overstap van traject ${referenceOf(id)}`);
    await expectAccessible(consultant);
    await consultant.goto(url);
    await expect(fact(consultant, 'Reden van beëindiging').textContent()).resolves.toBe(
      '38 – Overstap naar andere aanbieder',
    );
  });

  it('when a trajectory has open tasks, then its page lists them for their team or provider only; a task done by hand is closed there with what came of it, once', async () => {
    const id = await api.register(demoIds.providerA);
    type Assignee = { assigneeRole: 'CONSULTANT'; teamId: string } | { assigneeRole: 'PROVIDER'; providerId: string };
    const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);
    // Raised `raisedDaysAgo` days ago (a month, unless said): a task raised at its own due moment is to be done at once.
    const task = (kind: string, assignee: Assignee, dueInDays: number, raisedDaysAgo = 30) =>
      api.db.prisma.task.create({
        data: {
          idempotencyKey: `test:${kind}:${id}`,
          trajectoryId: id,
          kind,
          dueAt: daysFromNow(dueInDays),
          createdAt: daysFromNow(-raisedDaysAgo),
          ...assignee,
        },
      });
    const team = { assigneeRole: 'CONSULTANT' as const, teamId: demoIds.teamZeist };
    const byHand = await task('RISK_ANALYSIS', team, -2);
    await task('DECIDE_EXPANSION', team, 5); // done by the decision: no form of its own
    const atOnce = await task('INTAKE_OVERDUE', team, -1, 1); // raised yesterday at its due moment: at once
    await task('SUPPORT_PLAN_REVIEW', { assigneeRole: 'PROVIDER' as const, providerId: demoIds.providerA }, 30);
    const url = `${at.base}/trajecten/${id}`;
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    const rows = consultant.getByRole('table', { name: 'Open taken bij dit traject' }).getByRole('row');
    await expect(rows.allTextContents()).resolves.toEqual([
      expect.stringMatching(/Taak\s*Uiterlijk\s*Wat te doen/),
      expect.stringMatching(/Risicoanalyse\s*te laat: .*maak met de partners een risicoanalyse/),
      expect.stringMatching(
        new RegExp(`Intake te laat\\s*zo snel mogelijk \\(sinds ${dutchDate(atOnce.createdAt)}\\)`),
      ),
      expect.stringMatching(/Besluit over uitbreiding.*\(de taak gaat vanzelf af zodra dat is vastgelegd\)/),
    ]);
    // The intake is due within two weeks: its last day is the 14th day after the registration's.
    const { registeredAt } = await api.db.prisma.trajectory.findUniqueOrThrow({ where: { id } });
    await expect(consultant.getByRole('row', { name: /Intake uiterlijk/ }).textContent()).resolves.toContain(
      dutchDate(addDays(dateOf(registeredAt), 14)),
    );
    await expect(consultant.locator('summary', { hasText: 'Afronden:' }).allTextContents()).resolves.toEqual([
      'Afronden: Risicoanalyse',
    ]);
    const stale = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await stale.goto(url);

    await unfold(consultant, 'Afronden: Risicoanalyse');
    const outcome = consultant.getByLabel('Wat is eruit gekomen? (niet verplicht)');
    await outcome.fill('x'.repeat(2_001));
    await consultant.getByRole('button', { name: 'Risicoanalyse afronden' }).click();
    await expect(consultant.locator(`#veld-taak-${byHand.id}-outcome-fout`).count()).resolves.toBe(1);
    await expectAccessible(consultant);
    await outcome.fill('Met de wijkagent en de GGD besproken.');
    await consultant.getByRole('button', { name: 'Risicoanalyse afronden' }).click();
    await consultant.waitForURL(`${url}?taak=afgerond`);
    await expect(consultant.getByRole('status').first().textContent()).resolves.toContain('De taak is afgerond.');
    await expect(consultant.locator('summary', { hasText: 'Afronden:' }).count()).resolves.toBe(0);
    await expect(consultant.getByRole('row', { name: /Taak afgerond: Risicoanalyse/ }).textContent()).resolves.toMatch(
      /Taak afgerond: Risicoanalyse\s*Uitkomst: Met de wijkagent en de GGD besproken\.\s*Demo consulent\s*$/,
    );
    const done = await api.db.prisma.task.findUniqueOrThrow({ where: { id: byHand.id } });
    expect(done).toMatchObject({ status: 'DONE', completedById: demoIds.consultant });
    expect(done.outcome).toMatch(/^sealed:test:/);
    expect(testSecrets.open(done.outcome ?? '')).toBe('Met de wijkagent en de GGD besproken.');

    // A colleague's page from before: told it was done already, nothing changes.
    await unfold(stale, 'Afronden: Risicoanalyse');
    await stale.getByRole('button', { name: 'Risicoanalyse afronden' }).click();
    await stale.waitForURL(`${url}?taak=al-afgerond`);
    await expect(stale.getByRole('status').first().textContent()).resolves.toContain('Deze taak was al afgerond.');
    expect(await api.db.prisma.auditEvent.count({ where: { action: 'TASK_COMPLETED', trajectoryId: id } })).toBe(1);

    // The provider finds its own task on its work list, and on the page only its own, not the team's.
    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).click();
    const listed = provider.getByRole('table', { name: 'Open taken van uw organisatie, de oudste eerst' });
    await listed
      .getByRole('row', { name: /Bespreking ondersteuningsplan/ })
      .getByRole('link')
      .click();
    await provider.waitForURL(url);
    await expect(
      provider.getByRole('table', { name: 'Open taken bij dit traject' }).getByRole('row').allTextContents(),
    ).resolves.toEqual([
      expect.any(String),
      // Registered, not taken in yet: the intake to hold, from the registration (seed 003), first by its day.
      expect.stringMatching(/^\s*Intake houden/),
      expect.stringMatching(/^\s*Bespreking ondersteuningsplan/),
    ]);
    // The team's task shows as done in the timeline, without what the team wrote of it.
    await expect(
      provider.getByRole('row', { name: /Taak afgerond: Risicoanalyse/ }).textContent(),
    ).resolves.not.toContain('Uitkomst');
    await expectAccessible(provider);
  });

  it('when a consultant registers a client whose registration came in days ago, then the intake is due two weeks after that day; a day still to come is refused beside its field', async () => {
    const today = dateOf(new Date());
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(`${at.base}/trajecten/nieuw`);
    await consultant.getByLabel('BSN').fill(bsnOf(7_102));
    await consultant.getByLabel('Naam').fill('Eerder Aangemeld');
    await consultant.getByLabel('Geboortedatum').fill('1975-04-04');
    await consultant.getByLabel('Zorgaanbieder').selectOption({ label: 'Demo Begeleiding A' });
    await consultant.getByLabel('Datum van aanmelding').fill(addDays(today, 2));
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect(consultant.locator('#veld-registeredAt-fout').textContent()).resolves.toBe(
      'De aanmelding kan niet in de toekomst liggen.',
    );
    await expect(consultant.getByLabel('Naam').inputValue()).resolves.toBe('Eerder Aangemeld');
    await expectAccessible(consultant);
    const registeredOn = addDays(today, -5);
    await consultant.getByLabel('Datum van aanmelding').fill(registeredOn);
    await consultant.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await consultant.waitForURL(/\/trajecten\/[0-9a-f-]{36}$/);
    await expect(fact(consultant, 'Aangemeld op').textContent()).resolves.toBe(dutchDate(registeredOn));
    await expect(consultant.getByRole('row', { name: /Intake uiterlijk/ }).textContent()).resolves.toContain(
      dutchDate(addDays(registeredOn, 14)),
    );
  });

  it('when a consultant records the bemoeizorg end evaluation and moves the end date, then the page shows both', async () => {
    const id = await inCare('02B04', 3);
    const url = `${at.base}/trajecten/${id}`;
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

  it('when a consultant closes a trajectory with the keyboard alone, then Tab, Enter and typing reach and send the form', async () => {
    const id = await api.register(demoIds.providerA);
    const page = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await page.goto(`${at.base}/trajecten/${id}`);
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
    await page.waitForURL(`${at.base}/trajecten/${id}`);
    await expect(fact(page, 'Reden van beëindiging').textContent()).resolves.toBe(
      '19 – Levering volgens plan beëindigd',
    );
  });
});
