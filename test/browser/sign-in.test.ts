import type { Page } from 'playwright-core';
import { demoIds } from '../../prisma/seed/demo';
import { dateOf } from '../../domain/calendar';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';
import { sessionCookieAt } from '../support/sessions';

/**
 * Signing in and the browser session: the sign-in page, back to the page that asked, Secure cookies
 * behind a proxy, the keyboard, and a session that ends after a time without a page, with its
 * warning (WCAG 2.2.1).
 */
describe('signing in and sessions in a real browser', () => {
  const api = useApi();
  const { at, newPage, signedIn, expectAccessible } = useBrowser(api);
  let trajectoryA = '';

  beforeAll(async () => {
    trajectoryA = await api.register(demoIds.providerA);
  });

  it('when nobody is signed in, then every page leads to the Dutch sign-in page, which is accessible', async () => {
    const page = await newPage();
    await page.goto(`${at.base}/werkvoorraad`);
    expect(new URL(page.url()).pathname).toBe('/aanmelden');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Aanmelden');
    await expectAccessible(page);
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
