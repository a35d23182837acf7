import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { demoIds } from '../../prisma/seed/demo';
import { freePort } from '../../scripts/ports';
import { useApi } from '../support/api';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';

/** Issue 11: people sign in at their organisation's identity provider, a real one started by the test. */
describe('sign-in through OpenID Connect', () => {
  const ports = { app: 0, idp: 0 };
  let idp: ChildProcess;
  let idpOutput = '';
  beforeAll(async () => {
    ports.app = await freePort();
    ports.idp = await freePort();
  });
  const base = () => `http://127.0.0.1:${ports.app}`;
  const api = useApi({
    oidc: () => ({
      issuer: `http://127.0.0.1:${ports.idp}`,
      clientId: 'wmo-trajecten',
      clientSecret: 'a client secret for the browser tests only',
      redirectUrl: `${base()}/aanmelden/oidc/terug`,
    }),
  });
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    idp = spawn(
      process.execPath,
      [path.join(__dirname, '..', 'support', 'oidc-provider.mjs'), String(ports.idp), `${base()}/aanmelden/oidc/terug`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    idp.stdout?.on('data', (c: Buffer) => (idpOutput += c.toString()));
    idp.stderr?.on('data', (c: Buffer) => (idpOutput += c.toString()));
    await eventually(
      async () => idpOutput,
      (out) => out.includes('oidc-provider ready'),
    );
    server = api.app().listen(ports.app, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    idp?.kill();
  });

  /** Through the provider's own login and consent pages, as a person would; ends back on this application. */
  async function throughProvider(login: string, from = '/aanmelden'): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base()}${from}`);
    await page.getByRole('link', { name: 'Aanmelden via uw organisatie' }).click();
    await page.waitForURL((url) => url.port === String(ports.idp));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    // The login form, then once the consent to this application: each a submit on the provider's pages.
    for (let step = 0; step < 3 && new URL(page.url()).port === String(ports.idp); step++) {
      await Promise.all([page.waitForNavigation(), page.locator('button[type="submit"]').first().click()]);
    }
    expect(new URL(page.url()).port).toBe(String(ports.app));
    return page;
  }

  it('when OIDC is configured, then the sign-in page offers the organisation only (accessible), and the development sign-in is refused', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base()}/aanmelden`);
    await expect(page.getByRole('button', { name: /Aanmelden als/ }).count()).resolves.toBe(0);
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(violations).toEqual([]);
    const forged = await page.request.post(`${base()}/aanmelden`, { form: { userId: demoIds.operations } });
    expect(forged.status()).toBe(403);
  });

  it('when a provider signs in at the identity provider, then the account is found by e-mail, bound to the subject, and the inbox opens', async () => {
    const page = await throughProvider('begeleider-a');
    const refusals = api.logs.lines().filter((l) => String(l.msg).startsWith('A sign-in answer was refused'));
    expect([new URL(page.url()).pathname, refusals]).toEqual(['/meldingen', []]);
    await expect(page.getByText('Demo begeleider A (Zorgaanbieder)').count()).resolves.toBe(1);
    const user = await api.db.prisma.user.findUniqueOrThrow({ where: { id: demoIds.providerUserA } });
    expect(user.oidcSubject).toBe('begeleider-a');
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL(`${base()}/aanmelden`);
    // Found by the bound subject from now on, even when the address here changes.
    await api.db.prisma.user.update({ where: { id: user.id }, data: { email: 'nieuw-adres@a.example' } });
    try {
      const again = await throughProvider('begeleider-a');
      expect(new URL(again.url()).pathname).toBe('/meldingen');
    } finally {
      await api.db.prisma.user.update({ where: { id: user.id }, data: { email: user.email } });
    }
  });

  it('when a provider opens the deadlines before signing in, then the identity provider brings them back there', async () => {
    const page = await throughProvider('begeleider-a', '/termijnen');
    expect(new URL(page.url()).pathname).toBe('/termijnen');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Termijnen');
  });

  it('when someone unknown here signs in at the identity provider, then no session is made: 403 page', async () => {
    const page = await throughProvider('onbekend');
    expect(new URL(page.url()).pathname).toBe('/aanmelden/oidc/terug');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Geen toegang');
    const response = await page.goto(`${base()}/meldingen`);
    expect(new URL(page.url()).pathname).toBe('/aanmelden');
    expect(response?.status()).toBe(200);
  });

  it('when the answer is replayed or forged (wrong state, no flow cookie), then it is refused', async () => {
    const page = await (await browser.newContext()).newPage();
    const response = await page.goto(`${base()}/aanmelden/oidc/terug?code=forged&state=forged`);
    expect(response?.status()).toBe(400);
  });
});
