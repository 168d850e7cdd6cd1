import type { Page } from 'playwright-core';
import { startApp, removeDir, type Harness } from '../support/app-harness';
import { chromiumMissing, launchBrowser, openPage, screenshot, SCREENSHOTS, type TestBrowser, type WatchedPage } from './support/browser';
import { WEB_ROOT } from './support/build-web-app';
import { confirmWithReason, expectAccessible, sectionState, signInAs, signInWithToken } from './support/reviewer';

const ARTICLE_TITLE = 'Creatine and Sleep Loss';
const ARTICLE = `What Is Known
Creatine may reduce the effect of sleep loss on mental tasks.[1] In small trials, people who took creatine kept their reaction times better after a night without sleep.[2]

References
1. McMorris T, et al. Effect of creatine supplementation and sleep deprivation on cognitive performance. Psychopharmacology. 2006.
2. McMorris T, et al. Creatine supplementation, sleep deprivation, cortisol, melatonin and behavior. Physiol Behav. 2007.`;
const SECTION = 'What Is Known';
const CLAIMS = [
  'Creatine may reduce the effect of sleep loss on mental tasks.',
  'In small trials, people who took creatine kept their reaction times better after a night without sleep.',
];

jest.setTimeout(120_000);

const skip = chromiumMissing();
if (skip) console.log(`Browser tests skipped: ${skip}`);
const describeInBrowser = skip ? describe.skip : describe;

/**
 * One section of an imported article from DRAFTED to PUBLISHED through the UI alone, by a fact
 * checker, a medical reviewer and a publisher, each in a browser of their own, against the real
 * server on a temporary SQLite store; a second browser watches the changes arrive live.
 */
describeInBrowser('the reviewer web app, in Chromium', () => {
  let h: Harness;
  let first: TestBrowser;
  let second: TestBrowser;
  const pages: WatchedPage[] = [];
  let articleUrl = '';

  const open = async (browser: TestBrowser, viewport?: { width: number; height: number }) => {
    const watched = await openPage(browser.browser, h.url, viewport);
    pages.push(watched);
    return watched.page;
  };
  const claimPage = async (page: Page, text: string) => {
    await page.goto(articleUrl);
    await page.getByRole('link', { name: text }).click();
    await page.getByRole('heading', { name: 'Claim', exact: true }).waitFor();
  };

  beforeAll(async () => {
    h = await startApp({ DEMO: '1', WEB_ROOT });
    first = await launchBrowser();
    second = await launchBrowser();
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await h?.close();
    if (h) removeDir(h.dir);
  });

  afterEach(() => {
    // Nothing is fetched from another host, and no page logged an error.
    for (const watched of pages) {
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.pageErrors).toEqual([]);
    }
  });

  it('lets an editor import an article and shows the import report', async () => {
    // An editor who is also a fact checker, signed in with a token of their own.
    const page = await open(first);
    await signInWithToken(page, await h.token('erin-editor', ['EDITOR', 'FACT_CHECKER']));
    await expectAccessible(page, 'queue, empty');
    await page.getByRole('link', { name: 'Import article' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill(ARTICLE_TITLE);
    await page.getByRole('textbox', { name: 'Article text' }).fill(ARTICLE);
    await page.getByRole('button', { name: 'Import article' }).click();
    const report = page.getByRole('region', { name: `Imported “${ARTICLE_TITLE}”` });
    await report.waitFor();
    for (const [term, value] of [['Sections', '1'], ['Claims', '2'], ['Citations', '2'], ['Claims without a citation', '0'], ['Unresolved references', 'None']]) {
      await expectText(report.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').first(), value);
    }
    await expectAccessible(page, 'import report');
    await screenshot(page, 'import-report');
    await report.getByRole('link', { name: 'Open the article' }).click();
    await page.getByRole('heading', { name: ARTICLE_TITLE }).waitFor();
    articleUrl = new URL(page.url()).pathname;
    await expectText(sectionState(page, SECTION), 'Drafted');
  });

  it("refuses the author's own evidence check with a sentence, not a code", async () => {
    const page = pages[0].page;
    await claimPage(page, CLAIMS[0]);
    await page.getByLabel('Evidence level for reference 1').selectOption('HUMAN_RCT');
    await page.getByLabel('Locator for reference 1').fill('Abstract');
    await page.getByRole('textbox', { name: 'Reason' }).first().fill('Checking my own claim');
    await page.getByRole('button', { name: 'Pass evidence check' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'four' }).or(page.getByRole('alert').filter({ hasText: 'another fact checker' }));
    await expectText(alert, 'You wrote the current text of this claim, so another fact checker must pass its evidence check.');
    expect(await page.locator('main').innerText()).not.toContain('SEPARATION_OF_DUTIES');
    await screenshot(page, 'refusal-self-approval');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('takes the section to PUBLISHED: fact checker, medical reviewer, publisher; a second browser sees it live', async () => {
    // The publisher watches the article in a second browser from the start.
    const watcher = await open(second);
    await signInAs(watcher, 'paul-publisher');
    await watcher.goto(articleUrl);
    await expectText(sectionState(watcher, SECTION), 'Drafted');

    // Fact checker: the queue first, then each claim's evidence, then the section's sign-off.
    const checker = await open(first);
    await signInAs(checker, 'fred-fact-checker');
    await checker.getByRole('list', { name: 'Drafted claims' }).waitFor();
    await expectText(checker.getByRole('list', { name: 'Drafted claims' }).getByRole('listitem').first(), 'You can check its evidence');
    await expectAccessible(checker, 'queue');
    await screenshot(checker, 'queue', SCREENSHOTS, false);
    for (const [index, text] of CLAIMS.entries()) {
      const number = index + 1;
      await claimPage(checker, text);
      await checker.getByLabel(`Evidence level for reference ${number}`).selectOption('HUMAN_RCT');
      await checker.getByLabel(`Locator for reference ${number}`).fill(index === 0 ? 'Results, table 2' : 'Abstract, p. 1');
      await checker.getByRole('textbox', { name: 'Reason' }).fill('The trial reports this outcome');
      if (index === 0) await expectAccessible(checker, 'claim, evidence check form');
      await checker.getByRole('button', { name: 'Pass evidence check' }).click();
      await checker.getByText('The evidence check passed.', { exact: false }).waitFor();
    }
    await checker.goto(articleUrl);
    await checker.getByRole('button', { name: 'Sign off evidence' }).click();
    await expectAccessible(checker, 'reason dialog');
    await checker.getByRole('button', { name: 'Cancel' }).click();
    await confirmWithReason(checker, 'Sign off evidence', 'Every claim checked against its sources');
    await expectText(sectionState(checker, SECTION), 'Evidence checked');

    // The second browser heard it, without a reload.
    await expectText(sectionState(watcher, SECTION), 'Evidence checked');
    await expectText(watcher.getByRole('status').filter({ hasText: 'fred-fact-checker' }), "fred-fact-checker signed off the section's evidence.");

    // Medical reviewer: approves each claim, then signs the section off.
    const reviewer = await open(first);
    await signInAs(reviewer, 'maya-medical-reviewer');
    for (const [index, text] of CLAIMS.entries()) {
      await claimPage(reviewer, text);
      await reviewer.getByRole('textbox', { name: 'Reason' }).fill('Accurate; the wording is appropriately cautious');
      if (index === 0) {
        await expectAccessible(reviewer, 'claim, medical review form');
        await screenshot(reviewer, 'claim-review', SCREENSHOTS, false);
      }
      await reviewer.getByRole('button', { name: 'Approve' }).click();
      await reviewer.getByText('You approved this claim.', { exact: false }).waitFor();
    }
    await reviewer.goto(articleUrl);
    await confirmWithReason(reviewer, 'Sign off medical review', 'The section is medically sound');
    await expectText(sectionState(reviewer, SECTION), 'Medically reviewed');

    // Publisher, in the second browser: the action appeared live; done from the keyboard alone.
    const publish = watcher.getByRole('button', { name: 'Publish section' });
    await publish.waitFor();
    await publish.focus();
    await watcher.keyboard.press('Enter');
    const dialog = watcher.getByRole('dialog', { name: 'Publish section' });
    await dialog.waitFor();
    await watcher.keyboard.type('Reviewed and approved for publication');
    await watcher.keyboard.press('Tab');
    expect(await watcher.evaluate('document.activeElement.textContent')).toBe('Publish section');
    expect(await watcher.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await watcher.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectText(sectionState(watcher, SECTION), 'Published');
    // The claims go live a moment later (ClaimPublished), and show beside their drafts.
    await expectText(watcher.locator('.live-text').first(), CLAIMS[0]);
    await expectAccessible(watcher, 'article, published');
    await screenshot(watcher, 'article-published', SCREENSHOTS, false);
  });

  it('shows the audit trail and verifies that the chain is intact', async () => {
    const page = await open(first);
    await signInAs(page, 'ada-auditor');
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
    await page.getByLabel('Article', { exact: true }).selectOption({ label: ARTICLE_TITLE });
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('published the section').first().waitFor();
    await page.getByRole('button', { name: 'Verify integrity' }).click();
    await page.getByText('Chain intact.').waitFor();
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();
    await expectAccessible(page, 'audit');
    await screenshot(page, 'audit', SCREENSHOTS);
  });

  it('works at phone width', async () => {
    const page = await open(first, { width: 390, height: 844 });
    await signInAs(page, 'maya-medical-reviewer');
    await expectAccessible(page, 'queue, phone');
    await claimPage(page, CLAIMS[1]);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'claim, phone');
    await screenshot(page, 'claim-phone', SCREENSHOTS, false);
    await page.goto('/audit');
    await page.getByRole('button', { name: 'Verify integrity' }).waitFor();
    expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(390);
  });

  it('serves GraphiQL from the same origin, with nothing from another host', async () => {
    const page = await open(first);
    await page.goto('/graphiql');
    await page.locator('.graphiql-container').waitFor();
    await page.getByText('Every request needs a token').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'graphiql');
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 }).catch(async () => {
    const actual = await locator.allInnerTexts().catch(() => []);
    throw new Error(`expected "${text}", found ${JSON.stringify(actual)}`);
  });
}
