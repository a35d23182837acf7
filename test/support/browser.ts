import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { useApi } from './api';

/** Debian's chromium (ENVIRONMENT.md): .ci/run installs it; CHROMIUM_PATH points elsewhere. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium as every browser suite runs it. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

/**
 * The app served on a random port and a headless Chromium for a browser suite (call inside the
 * describe block, after useApi), with what every page test needs.
 */
export function useBrowser(api: ReturnType<typeof useApi>) {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const at = { base: '' };

  beforeAll(async () => {
    server = api.app().listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
    const address = server.address();
    at.base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A page in a context of its own; `viewport` for a narrow screen (Playwright's default is 1280×720). */
  const newPage = async (viewport?: { width: number; height: number }): Promise<Page> =>
    (await browser!.newContext(viewport ? { viewport } : {})).newPage();

  /** Signed in through the development sign-in as the user whose button matches. */
  async function signedIn(who: RegExp, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(viewport);
    await page.goto(`${at.base}/`);
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

  /** Opens a folded form by its title. */
  const unfold = (page: Page, title: string) => page.locator('summary', { hasText: title }).click();

  /** The value beside a key of the page's data list ("Fase", "BSN"). */
  const fact = (page: Page, key: string) =>
    page.locator('.utrecht-data-list__item', { has: page.getByText(key, { exact: true }) }).locator('dd');

  return { at, newPage, signedIn, keep, expectAccessible, unfold, fact };
}
