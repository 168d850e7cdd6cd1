import { removeDir, startApp, type Harness } from '../support/app-harness';
import { chromiumMissing, launchBrowser, openPage, screenshot, type TestBrowser, type WatchedPage } from './support/browser';
import { WEB_ROOT } from './support/build-web-app';
import { signInWithToken } from './support/reviewer';

jest.setTimeout(120_000);

const skip = chromiumMissing();
const describeInBrowser = skip ? describe.skip : describe;

/**
 * What a hostile editor sends. The service stores no markup (the importer keeps the words between
 * tags and drops the tags; a typed field holding a tag is refused), so what reaches the browser is
 * text that looks like markup only once decoded: entities, quotes, a javascript: text. Each would
 * set window.__xss if it ever ran, and an app that rendered HTML would show the entities decoded.
 */
const TITLE = `Hostile &lt;img src=x onerror="window.__xss='title'"&gt; "title" & 'quotes'`;
const ARTICLE = `Hostile <i onmouseover="window.__xss='heading-i'">heading</i> &lt;script&gt;window.__xss='heading'&lt;/script&gt;
Claims can carry <b onmouseover="window.__xss='claim'">bold</b> markup and <img src=x onerror="window.__xss='claim-img'"> images, and &lt;b&gt;entities&lt;/b&gt;.[1]

References
1. <a href="javascript:window.__xss='ref'">Evil reference</a> javascript:window.__xss='ref-text' Journal. 2020.`;
const REASON = `&lt;svg onload="window.__xss='reason'"&gt; no`;
const CITATION = `&lt;img src=x onerror="window.__xss='citation'"&gt; Second`;
const URL = `https://example.org/search?q=%3Cscript%3E&x=%22y%22`;
const URL_WITH_MARKUP = `https://example.org/"><img src=x onerror="window.__xss='url'">`;

describeInBrowser('stored text in the browser', () => {
  let h: Harness;
  let browser: TestBrowser;
  let watched: WatchedPage;
  let articleId = '';
  let claimId = '';

  beforeAll(async () => {
    h = await startApp({ WEB_ROOT });
    const editor = await h.token('erin', ['EDITOR']);
    const imported = await h.gql<{ importArticle: { article: { id: string; revision: number; sections: Array<{ claims: Array<{ id: string }> }> } } }>(
      editor,
      `mutation ($input: ImportArticleInput!) { importArticle(input: $input) { article { id revision sections { claims { id } } } } }`,
      { input: { title: TITLE, text: ARTICLE } },
    );
    expect(imported.errors).toBeUndefined();
    const article = imported.data!.importArticle.article;
    articleId = article.id;
    claimId = article.sections[0].claims[0].id;
    const addReference = (citation: string, url: string) =>
      h.gql(editor, `mutation ($input: AddReferenceInput!) { addReference(input: $input) { id } }`, {
        input: { articleId, expectedRevision: article.revision, citation, url, reason: REASON },
      });
    // Markup in a typed field is refused, not stored.
    const refused = await addReference(`<img src=x onerror="window.__xss='citation'">Second`, URL_WITH_MARKUP);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await addReference(CITATION, URL)).errors).toBeUndefined();
    const failed = await h.gql(
      await h.token('fred', ['FACT_CHECKER']),
      `mutation ($input: RecordEvidenceCheckInput!) { recordEvidenceCheck(input: $input) { state } }`,
      { input: { claimId, expectedRevision: 0, verdict: 'FAIL', reason: REASON } },
    );
    expect(failed.errors).toBeUndefined();
    browser = await launchBrowser();
    watched = await openPage(browser.browser, h.url);
    await signInWithToken(watched.page, await h.token('ada', ['AUDITOR']));
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    if (h) removeDir(h.dir);
  });

  it.each([
    ['the queue', () => `/queue`, ['Claims can carry bold markup', '&lt;b&gt;entities&lt;/b&gt;']],
    ['the articles', () => `/articles`, [TITLE]],
    ['the article', () => `/articles/${articleId}`, [TITLE, '&lt;script&gt;', 'Evil reference', `javascript:window.__xss='ref-text'`, CITATION, URL]],
    ['the claim', () => `/claims/${claimId}`, ['&lt;b&gt;entities&lt;/b&gt;', `Reason: ${REASON}`]],
    ['the audit trail', () => `/audit?article=${articleId}`, [`Reason: ${REASON}`]],
  ])('shows %s with every stored text as its characters, and runs none of it', async (name, path, texts) => {
    const { page } = watched;
    await page.goto(path());
    for (const text of texts) await page.getByText(text, { exact: false }).first().waitFor();
    await page.waitForTimeout(300);
    // Nothing became an element: the app itself renders no img, script, svg, b or i.
    expect(await page.locator('main').locator('img, script, svg, iframe, b, i').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    // Only http(s) links: no javascript: URL became one, and the URL with markup is an inert link.
    const hrefs = (await page.evaluate(`[...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href'))`)) as string[];
    expect(hrefs.filter((href) => !/^(\/|#|https?:)/.test(href))).toEqual([]);
    for (const link of await page.locator('main a[target=_blank]').all()) expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await screenshot(page, `stored-text-${name.replace(/\W+/g, '-')}`);
    expect(watched.pageErrors).toEqual([]);
  });
});
