import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newWebhookSecret } from '../../activities/delivery/webhook';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';
import { raiseAlert } from '../../activities/operations-alerts';
import { activitiesFor, testSecrets } from '../support/delivery';
import { eventually } from '../support/eventually';

/** Notifications and alerts in the pages: where they go, what failed to arrive, what is stuck (issue 10's API, issue 11's screens). */
describe('delivery pages for operations in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible, keep } = useBrowser(api);
  const prisma = () => api.db.prisma;
  const operations = () => signedIn(/\(Contractmanagement\)/);

  it('when a delivery failed for good, then operations see it in Dutch with its time and error, and send it again or close it from the page', async () => {
    const trajectoryId = await api.register(demoIds.providerA);
    const notification = await prisma().notification.create({
      data: {
        idempotencyKey: `test:${randomUUID()}`,
        trajectoryId,
        recipientRole: 'PROVIDER',
        providerId: demoIds.providerA,
        kind: 'INTAKE_DUE_SOON',
        payload: { trajectoryId, dueAt: '2026-12-07T23:00:00.000Z' },
      },
    });
    const deadTo = (address: string) =>
      prisma().delivery.create({
        data: {
          notificationId: notification.id,
          channel: 'EMAIL',
          address,
          state: 'DEAD',
          attempts: 6,
          lastError: '550 mailbox unavailable',
        },
      });
    const contact = 'planning@a.example';
    await prisma().provider.update({ where: { id: demoIds.providerA }, data: { contactEmails: [contact] } });
    const delivery = await deadTo(contact);
    const removed = await deadTo('vervallen@a.test'); // no longer among them
    const page = await operations();
    await page.getByRole('link', { name: 'Bezorging' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Bezorging van meldingen');
    const row = page.getByRole('row', { name: /vervallen@a\.test/ });
    await expect(row.textContent()).resolves.toMatch(
      /Intake binnenkort verwacht.*E-mail.*vervallen@a\.test.*6.*550 mailbox unavailable.*\d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}/s,
    );
    await expectAccessible(page);
    await keep(page, 'contractmanagement-bezorging');

    await row.getByRole('button', { name: 'Opnieuw versturen' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'het adres krijgt deze melding niet meer. Het is bij de zorgaanbieder of het team verwijderd',
    );
    await expect(prisma().delivery.findUniqueOrThrow({ where: { id: removed.id } })).resolves.toMatchObject({
      state: 'DEAD',
      retries: 0,
    });
    await row
      .getByRole('button', { name: 'Niet meer versturen: Intake binnenkort verwacht aan vervallen@a.test' })
      .click();
    await page.waitForURL(/bericht=afgesloten$/);
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'De bezorging is afgesloten zonder haar te versturen.',
    );
    const failed = page.getByRole('table', { name: 'Mislukte bezorgingen, de laatste eerst' });
    await expect(failed.getByRole('row', { name: /vervallen@a\.test/ }).count()).resolves.toBe(0);
    await expect(prisma().delivery.findUniqueOrThrow({ where: { id: removed.id } })).resolves.toMatchObject({
      state: 'DISMISSED',
    });
    // Closed by mistake? It is listed apart and can be sent after all; this one still has no recipient.
    const closed = page
      .getByRole('table', { name: 'Afgesloten zonder verzenden, de laatste eerst' })
      .getByRole('row', { name: /vervallen@a\.test/ });
    await expect(closed.textContent()).resolves.toMatch(/Intake binnenkort verwacht.*E-mail.*vervallen@a\.test/s);
    await expectAccessible(page);
    await closed
      .getByRole('button', { name: 'Toch versturen: Intake binnenkort verwacht aan vervallen@a.test' })
      .click();
    await page.waitForURL(/bericht=geen-ontvanger$/);
    await expect(prisma().delivery.findUniqueOrThrow({ where: { id: removed.id } })).resolves.toMatchObject({
      state: 'DISMISSED',
      retries: 0,
    });
    // (The registration's own notice to this address is listed too: the test has no SMTP server.)
    await page.getByRole('button', { name: `Opnieuw versturen: Intake binnenkort verwacht aan ${contact}` }).click();
    await page.waitForURL(/bericht=opnieuw$/); // the page before said the refusal in the same place
    await expect(page.getByRole('status').textContent()).resolves.toContain('De bezorging wordt opnieuw verstuurd.');
    const retried = await prisma().delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(retried.retries).toBe(1);
    await expect(
      prisma().auditEvent.count({
        where: { action: 'DELIVERY_RETRIED', data: { path: ['deliveryId'], equals: delivery.id } },
      }),
    ).resolves.toBe(1);
    // A message the page does not know (or one the object inherits) is not shown.
    await page.goto(`${at.base}/bezorging?bericht=toString`);
    await expect(page.getByRole('status').count()).resolves.toBe(0);
    // Without an SMTP server in this suite it fails for good again, and is listed again.
    await eventually(
      () => prisma().delivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      (d) => d.state === 'DEAD',
    );
  });

  it("when operations set a provider's addresses and webhook, then a wrong address is refused beside its field, and the new secret is shown once and kept sealed", async () => {
    const page = await operations();
    await page.goto(`${at.base}/bezorging`);
    const providerB = () => page.getByRole('row', { name: /^Demo Zorg B/ });
    await expect(providerB().textContent()).resolves.toMatch(/Geen: meldingen alleen in de inbox\s*Nee/);
    await page.getByRole('link', { name: 'Adressen van Demo Zorg B' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Adressen van Demo Zorg B');
    await page.getByLabel('Contactadressen').fill('planning@b.test\ngeen-adres');
    await page.getByLabel('Webhook-adres').fill('https://zorg-b.example/hooks/wmo');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Niet alles is goed ingevuld');
    await expect(page.getByLabel('Contactadressen').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#veld-contactEmails-fout').textContent()).resolves.toBe(
      'Zet op elke regel één e-mailadres, zoals planning@aanbieder.nl (hoogstens 10).',
    );
    await expect(page.getByLabel('Contactadressen').inputValue()).resolves.toBe('planning@b.test\ngeen-adres');
    await expectAccessible(page);
    const unchanged = await prisma().provider.findUniqueOrThrow({ where: { id: demoIds.providerB } });
    expect(unchanged).toMatchObject({ contactEmails: [], webhookUrl: null, webhookSecret: null });

    await page.getByLabel('Contactadressen').fill('planning@b.test\nteamleider@b.test');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Nieuw webhookgeheim');
    const shown = String(await page.locator('code.secret').textContent());
    expect(shown).toMatch(/^whsec_/);
    await expectAccessible(page);
    const saved = await prisma().provider.findUniqueOrThrow({ where: { id: demoIds.providerB } });
    expect(saved).toMatchObject({
      contactEmails: ['planning@b.test', 'teamleider@b.test'],
      webhookUrl: 'https://zorg-b.example/hooks/wmo',
    });
    expect(saved.webhookSecret).not.toContain(shown.slice(6));
    expect(testSecrets.open(String(saved.webhookSecret))).toBe(shown);

    await page.getByRole('link', { name: 'Terug naar bezorging' }).click();
    await expect(providerB().textContent()).resolves.toMatch(/2 adressen\s*Ja/);

    // Saved again without asking for a new secret: none is shown, the one set stays.
    await page.goto(`${at.base}/bezorging/aanbieders/${demoIds.providerB}`);
    await expect(page.getByLabel('Contactadressen').inputValue()).resolves.toBe('planning@b.test\nteamleider@b.test');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'De adressen van de zorgaanbieder zijn opgeslagen.',
    );
    const kept = await prisma().provider.findUniqueOrThrow({ where: { id: demoIds.providerB } });
    expect(kept.webhookSecret).toBe(saved.webhookSecret);

    // A new secret on request.
    await page.goto(`${at.base}/bezorging/aanbieders/${demoIds.providerB}`);
    await page.getByLabel('Maak een nieuw geheim voor de webhook').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const renewed = String(await page.locator('code.secret').textContent());
    expect(renewed).toMatch(/^whsec_/);
    expect(renewed).not.toBe(shown);
    const stored = await prisma().provider.findUniqueOrThrow({ where: { id: demoIds.providerB } });
    expect(testSecrets.open(String(stored.webhookSecret))).toBe(renewed);
  });

  it("when operations test a provider's webhook that points inside this network, then the page says in Dutch that it did not arrive, with the channel's reason, and nothing was sent", async () => {
    const hits: string[] = [];
    const receiver = createServer((req, res) => {
      hits.push(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      await prisma().provider.update({
        where: { id: demoIds.providerA },
        data: { webhookUrl: `http://127.0.0.1:${port}/hook`, webhookSecret: testSecrets.seal(newWebhookSecret()) },
      });
      const page = await operations();
      await page.goto(`${at.base}/bezorging/aanbieders/${demoIds.providerA}`);
      await page.getByRole('button', { name: 'Webhook testen' }).click();
      const said = page.getByRole('status');
      await expect(said.textContent()).resolves.toContain('Het testbericht is niet aangekomen.');
      await expect(said.locator('[lang="en"]').textContent()).resolves.toContain(
        '127.0.0.1, an address inside this network',
      );
      await expectAccessible(page);
      expect(hits).toEqual([]);
      await expect(
        prisma().auditEvent.count({
          where: { action: 'PROVIDER_WEBHOOK_TESTED', data: { path: ['providerId'], equals: demoIds.providerA } },
        }),
      ).resolves.toBe(1);
    } finally {
      await prisma().provider.update({
        where: { id: demoIds.providerA },
        data: { webhookUrl: null, webhookSecret: null },
      });
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("when operations set a team's shared mailbox, then it is saved, and an address that is none is refused beside that team's field", async () => {
    const page = await operations();
    await page.goto(`${at.base}/bezorging`);
    const field = page.getByLabel('Gedeelde mailbox van Wmo-consulenten Dordrecht (Dordrecht)');
    await field.fill('geen adres');
    await page.locator('form', { has: field }).getByRole('button', { name: 'Mailbox opslaan' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Niet alles is goed ingevuld');
    await expect(
      page.getByLabel('Gedeelde mailbox van Wmo-consulenten Dordrecht (Dordrecht)').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await expectAccessible(page);
    await page.getByLabel('Gedeelde mailbox van Wmo-consulenten Dordrecht (Dordrecht)').fill('wmo@dordrecht.test');
    await page
      .locator('form', { has: page.getByLabel('Gedeelde mailbox van Wmo-consulenten Dordrecht (Dordrecht)') })
      .getByRole('button', { name: 'Mailbox opslaan' })
      .click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('De teammailbox is opgeslagen.');
    const teams = await prisma().team.findMany({ where: { id: { in: [demoIds.teamDordrecht, demoIds.teamZeist] } } });
    expect(Object.fromEntries(teams.map((t) => [t.id, t.mailbox]))).toEqual({
      [demoIds.teamDordrecht]: 'wmo@dordrecht.test',
      [demoIds.teamZeist]: null,
    });
  });

  it("when a consultant chooses the daily overview for doubled months and no e-mail for the overview itself, then the choice is kept, and the team's next doubled month waits for the overview", async () => {
    const page = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await page.getByRole('link', { name: 'E-mailinstellingen' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('E-mailinstellingen');
    const doubled = page.getByRole('group', { name: 'Verbruik in een maand verdubbeld' });
    await expect(doubled.getByLabel('Direct per e-mail').isChecked()).resolves.toBe(true); // the default
    await doubled.getByLabel('Verzameld in het dagoverzicht').check();
    await page.getByRole('group', { name: 'Dagoverzicht' }).getByLabel('Alleen in de inbox').check();
    // A task a colleague gives: at once by default, like every notice.
    await expect(
      page.getByRole('group', { name: 'Taak aan u toegewezen' }).getByLabel('Direct per e-mail').isChecked(),
    ).resolves.toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Uw keuzes zijn opgeslagen.');
    await expect(
      page
        .getByRole('group', { name: 'Verbruik in een maand verdubbeld' })
        .getByLabel('Verzameld in het dagoverzicht')
        .isChecked(),
    ).resolves.toBe(true);
    const kept = await prisma().notificationPreference.findMany({ where: { userId: demoIds.consultant } });
    expect(Object.fromEntries(kept.map((p) => [p.kind, p.mode]))).toEqual({
      MONTH_DOUBLED: 'DIGEST',
      CONSECUTIVE_NO_SHOWS: 'IMMEDIATE',
      TASK_ASSIGNED: 'IMMEDIATE',
      DAILY_DIGEST: 'INBOX_ONLY',
    });

    const trajectoryId = await api.register(demoIds.providerA);
    await activitiesFor(prisma()).enqueueNotification({
      idempotencyKey: `test:${randomUUID()}`,
      trajectoryId,
      recipientRole: 'CONSULTANT',
      teamId: demoIds.teamZeist,
      kind: 'MONTH_DOUBLED',
      payload: { trajectoryId, month: '2026-11-01' },
    });
    const mine = await prisma().delivery.findFirstOrThrow({
      where: { userId: demoIds.consultant, notification: { trajectoryId } },
    });
    expect(mine.state).toBe('HELD');
  });

  it("when a provider opens the e-mail settings, then only a task given to them is theirs to choose, without the consultants' daily overview; operations are refused", async () => {
    const provider = await signedIn(/Demo begeleider A \(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.getByRole('link', { name: 'E-mailinstellingen' }).click();
    await expect(provider.getByRole('group').count()).resolves.toBe(1);
    const given = provider.getByRole('group', { name: 'Taak aan u toegewezen' });
    await expect(given.getByRole('radio').count()).resolves.toBe(2);
    await given.getByLabel('Alleen in de inbox').check();
    await expectAccessible(provider);
    await provider.getByRole('button', { name: 'Opslaan' }).click();
    await expect(provider.getByRole('status').textContent()).resolves.toContain('Uw keuzes zijn opgeslagen.');
    const kept = await prisma().notificationPreference.findMany({ where: { userId: demoIds.providerUserA } });
    expect(kept.map((p) => [p.kind, p.mode])).toEqual([['TASK_ASSIGNED', 'INBOX_ONLY']]);

    const page = await operations();
    expect((await page.goto(`${at.base}/instellingen`))?.status()).toBe(403);
    await expect(page.getByRole('link', { name: 'E-mailinstellingen' }).count()).resolves.toBe(0);
  });

  it("when a trajectory's workflow keeps failing, then operations see the signal in Dutch with the trajectory, and mark it handled", async () => {
    const trajectoryId = await api.register(demoIds.providerA);
    const alert = { kind: 'WORKFLOW_TASK_FAILED' as const, trajectoryId, detail: 'run 1: TypeError: x is undefined' };
    await raiseAlert(prisma(), alert);
    await raiseAlert(prisma(), alert); // reported again: one row, counted twice
    const page = await operations();
    await page.getByRole('link', { name: 'Signalen' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Signalen');
    const row = page.getByRole('row', { name: /loopt steeds vast/ });
    await expect(row.textContent()).resolves.toMatch(
      /Het proces van het traject loopt steeds vast.*Open traject.*2.*\d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}.*TypeError: x is undefined/s,
    );
    await expect(row.getByRole('link', { name: 'Open traject' }).getAttribute('href')).resolves.toBe(
      `/trajecten/${trajectoryId}`,
    );
    await expectAccessible(page);
    const resolve = row.getByRole('button', { name: 'Afgehandeld' });
    // Named with the signal it handles, so a list of buttons tells them apart.
    await expect(resolve.getAttribute('aria-label')).resolves.toMatch(
      /^Afgehandeld: Het proces van het traject loopt steeds vast, sinds \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}$/,
    );
    await resolve.click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Het signaal is afgehandeld.');
    await expect(page.getByText('Er zijn geen open signalen.').count()).resolves.toBe(1);
    const stored = await prisma().operationsAlert.findFirstOrThrow({ where: { trajectoryId } });
    expect(stored.resolvedAt).not.toBeNull();
  });

  it('when a consultant opens the delivery pages, then they are refused', async () => {
    const page = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    expect((await page.goto(`${at.base}/bezorging`))?.status()).toBe(403);
    expect((await page.goto(`${at.base}/signalen`))?.status()).toBe(403);
    expect((await page.goto(`${at.base}/bezorging/aanbieders/${demoIds.providerA}`))?.status()).toBe(403);
    await expect(page.getByRole('link', { name: 'Bezorging' }).count()).resolves.toBe(0);
  });
});
