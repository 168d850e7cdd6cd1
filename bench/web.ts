/**
 * Web app benchmark: bundle sizes, and time to first render of a review queue of 1,000 claims.
 *
 *   npm run bench:web [-- --claims 1000] [--rounds 7]
 *
 * 1. Builds the web app (Vite) and prints the size of what each page loads, raw and gzip: the
 *    entry script, the chunks it preloads and its style sheet.
 * 2. Starts the real server (in this process) on a temporary SQLite store and imports an article
 *    of --claims claims (sections of 250), all DRAFTED.
 * 3. In headless Chromium (Debian's), signed in as a fact checker, loads /queue?state=DRAFTED and
 *    times, from the navigation's start, the first queue row on screen (the page shows the first
 *    100 claims). Baseline in the same run, in alternating rounds: the same page for a state with
 *    no claims (/queue?state=PUBLISHED), which makes the same requests and renders the same shell.
 *    Prints the medians and their ratio. Not part of npm test.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { removeDir, startApp } from '../test/support/app-harness';
import { chromiumMissing, launchBrowser } from '../test/browser/support/browser';
import { WEB_ROOT } from '../test/browser/support/build-web-app';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The files a page loads at once: its module script, the chunks it preloads, its style sheets. */
function pageFiles(page: string): string[] {
  const html = readFileSync(join(WEB_ROOT, page), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
}

function printBundle(page: string): void {
  let raw = 0;
  let gzip = 0;
  console.log(`\n${page}`);
  for (const file of pageFiles(page)) {
    const bytes = readFileSync(join(WEB_ROOT, file));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    console.log(`  ${file.padEnd(44)} ${kib(bytes.length).padStart(12)} ${kib(zipped).padStart(12)} gzip`);
  }
  console.log(`  ${'total'.padEnd(44)} ${kib(raw).padStart(12)} ${kib(gzip).padStart(12)} gzip`);
}

/** `claims` claims in sections of 250 (a section holds at most 500). */
function article(claims: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= claims; i++) {
    if (i % 250 === 1) lines.push(`Measurements, part ${Math.ceil(i / 250)}`);
    lines.push(`Claim number ${i} says that a measured dose of creatine did something in trial ${i}.[1]`);
  }
  lines.push('', 'References', '1. Bench A, et al. A trial of many claims. J Bench. 2026.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const claims = option('claims', 1000);
  const rounds = option('rounds', 7);
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);

  const started = Date.now();
  execFileSync(process.execPath, [join(__dirname, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/reviewer-web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: join(__dirname, '..'),
    stdio: 'inherit',
  });
  console.log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s (${WEB_ROOT})`);
  console.log(`${''.padEnd(46)} ${'raw'.padStart(12)} ${'gzip'.padStart(17)}`);
  printBundle('index.html');
  printBundle('graphiql.html');

  const h = await startApp({ WEB_ROOT });
  const browser = await launchBrowser();
  try {
    const imported = await h.gql<{ importArticle: { claims: number } }>(
      await h.token('erin', ['EDITOR']),
      'mutation ($input: ImportArticleInput!) { importArticle(input: $input) { claims } }',
      { input: { title: 'Bench: a long queue', text: article(claims) } },
    );
    if (imported.errors) throw new Error(JSON.stringify(imported.errors));
    console.log(`\nimported ${imported.data!.importArticle.claims} DRAFTED claims`);

    const token = await h.token('fred', ['FACT_CHECKER']);
    /** Milliseconds from the navigation's start until `selector` is on the page. */
    const timeToRender = async (path: string, selector: string): Promise<number> => {
      const context = await browser.browser.newContext({ baseURL: h.url, viewport: { width: 1280, height: 900 } });
      await context.addInitScript(`sessionStorage.setItem('health-review.token', ${JSON.stringify(token)})`);
      const page = await context.newPage();
      await page.goto(path, { waitUntil: 'commit' });
      await page.waitForSelector(selector, { timeout: 60_000 });
      const ms = (await page.evaluate(
        `new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))`,
      )) as number;
      await context.close();
      return ms;
    };

    const subject: number[] = [];
    const baseline: number[] = [];
    await timeToRender('/queue?state=DRAFTED', '.queue-row'); // warm the server's caches and Chromium's
    for (let round = 0; round < rounds; round++) {
      subject.push(await timeToRender('/queue?state=DRAFTED', '.queue-row'));
      baseline.push(await timeToRender('/queue?state=PUBLISHED', '.empty'));
    }
    const s = median(subject);
    const b = median(baseline);
    console.log(`\ntime to first render, median of ${rounds} alternating rounds (from navigation start, first frame after it is on the page):`);
    console.log(`  queue of ${claims} claims (first page of 100 rows): ${s.toFixed(0)} ms   [${subject.map((v) => v.toFixed(0)).join(', ')}]`);
    console.log(`  baseline, empty queue (same shell and requests):   ${b.toFixed(0)} ms   [${baseline.map((v) => v.toFixed(0)).join(', ')}]`);
    console.log(`  ratio: ${(s / b).toFixed(2)}`);
  } finally {
    await browser.close();
    await h.close();
    removeDir(h.dir);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
