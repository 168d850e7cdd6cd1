import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. .ci/run installs it with apt. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
}

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium. Playwright gives each launch a fresh temporary profile (user-data dir) and
 * each context fresh storage, so no test sees another's state.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Requests to any host but the server under test: there must be none. */
  foreignRequests: string[];
  /** Console errors and uncaught exceptions in the page. */
  pageErrors: string[];
}

/** A new browser context (its own storage: one signed-in user) watching what the page does. */
export async function openPage(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const page = await context.newPage();
  const origin = new URL(baseUrl).origin;
  const watched: WatchedPage = { context, page, foreignRequests: [], pageErrors: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith(origin.replace('http', 'ws'))) {
      watched.foreignRequests.push(url);
    }
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('console', (message) => {
    // Outside demo mode the sign-in page's look for demo users is meant to meet a 404.
    if (message.type() === 'error' && !message.location().url.endsWith('/demo/users')) watched.pageErrors.push(message.text());
  });
  // A stored text that ran a script would open a dialog: that fails the test.
  page.on('dialog', (dialog) => {
    watched.pageErrors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return watched;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export const ARTIFACTS = join(__dirname, '..', '..', '..', '.artifacts', 'screenshots');
/**
 * Where the README's screenshots go: docs/screenshots when the run is asked to renew them
 * (`SCREENSHOTS=docs npm test`), so a plain test run leaves the checkout as it was; beside the
 * other artifacts otherwise.
 */
export const SCREENSHOTS = process.env.SCREENSHOTS === 'docs' ? join(__dirname, '..', '..', '..', 'docs', 'screenshots') : ARTIFACTS;

export async function screenshot(page: Page, name: string, folder = ARTIFACTS, fullPage = true): Promise<string> {
  mkdirSync(folder, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
