/**
 * How long parseArticle alone takes on big articles (no store, no GraphQL):
 *   npx ts-node -r tsconfig-paths/register --transpile-only libs/importer/scripts/measure-parse.ts
 * Prints one line per shape: characters, claims (or the rejection) and the best of three runs in
 * milliseconds. The parse-article.performance spec keeps the same shapes within a bound.
 */
import { performance } from 'node:perf_hooks';
import type { ArticleFormat } from '@app/domain';
import { parseArticle } from '../src/parse-article';

interface Shape {
  name: string;
  format: ArticleFormat;
  text: string;
}

/** About 970 KB: 120,000 one-word cited sentences, one per line (TEXT) or wrapped in paragraphs (MARKDOWN), a heading every 400. */
function manyShortSentences(count: number, markdown: boolean): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 400 === 0) lines.push(markdown ? `\n## Part ${i / 400 + 1}\n` : `Part ${i / 400 + 1}`);
    lines.push(`S${i % 10}.[${(i % 9) + 1}]`);
  }
  return lines.join('\n');
}

/** About 1 MB of ordinary prose: 4,000 sentences of 250 characters, 10 sections of 400. */
function longSentences(markdown: boolean): string {
  const words = 'Magnesium supplementation at doses of 2.5 mg per kg (approx. 350 mg) may lower blood pressure slightly in adults with hypertension, e.g. in trials by Dr. Smith et al. that ran for';
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) {
    if (i % 400 === 0) lines.push(markdown ? `\n## Part ${i / 400 + 1}\n` : `Part ${i / 400 + 1}`);
    const text = `${words} ${i} weeks`.padEnd(235, ' and more weeks');
    lines.push(markdown ? `${text.replace('Magnesium', '**Magnesium**')}.[${(i % 9) + 1}]` : `${text}.[${(i % 9) + 1}]`);
  }
  return lines.join('\n');
}

/** 200,000 blanks inside one sentence or heading: each regex that rescans a blank run at every position is quadratic here. */
const blanks = ' '.repeat(200_000);

const shapes: Shape[] = [
  { name: '120,000 short cited sentences, TEXT', format: 'TEXT', text: manyShortSentences(120_000, false) },
  { name: '120,000 short cited sentences, MARKDOWN', format: 'MARKDOWN', text: manyShortSentences(120_000, true) },
  { name: '4,000 long sentences, TEXT', format: 'TEXT', text: longSentences(false) },
  { name: '4,000 long sentences, MARKDOWN', format: 'MARKDOWN', text: longSentences(true) },
  { name: 'a sentence holding 200,000 blanks, TEXT', format: 'TEXT', text: `Lead\nA${blanks}b.` },
  { name: 'a heading holding 200,000 blanks, MARKDOWN', format: 'MARKDOWN', text: `# a${blanks}b\nText.` },
  { name: '100,000 backtick pairs, MARKDOWN', format: 'MARKDOWN', text: `Lead ${'` '.repeat(100_000)}.` },
];

for (const shape of shapes) {
  let best = Infinity;
  let outcome = '';
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    try {
      const parsed = parseArticle(shape.text, shape.format);
      outcome = `${parsed.sections.reduce((n, s) => n + s.claims.length, 0)} claims`;
    } catch (error) {
      outcome = `rejected: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`;
    }
    best = Math.min(best, performance.now() - started);
  }
  console.log(`${shape.name}: ${shape.text.length} characters, ${outcome}, ${best.toFixed(0)} ms`);
}
