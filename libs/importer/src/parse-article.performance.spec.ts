import { performance } from 'node:perf_hooks';
import { LIMITS, type ArticleFormat } from '@app/domain';
import { ImportRejected } from './import-rejected';
import { parseArticle } from './parse-article';

/**
 * Parsing must stay linear: a 1 MB article parses in about a tenth of a second here, and a
 * quadratic step (a regex that rescans a long run at every position, a copy of the rest at every
 * full stop) turns that into minutes. The bound is twenty times the usual time, so a busy machine
 * passes and a quadratic regression does not. The texts are fixed, so every run parses the same.
 */
const BOUND_MS = 3000;

/** Cited sentences of about 250 characters, in sections of 400, until the text is just under the limit. */
function bigArticle(format: ArticleFormat): { text: string; claims: number } {
  const sentence = (i: number) => {
    const words =
      format === 'MARKDOWN'
        ? `**Magnesium** at doses of 2.5 mg per kg (approx. 350 mg) may lower blood pressure in adults, e.g. in the [trial ${i}](https://example.org/t/${i}) by Dr. Smith et al. that ran for ${i % 52} weeks`
        : `Magnesium at doses of 2.5 mg per kg (approx. 350 mg) may lower blood pressure in adults with hypertension, e.g. in the trial ${i} by Dr. Smith et al. that ran for ${i % 52} weeks`;
    return `${words.padEnd(240, ' and longer')}.[${(i % 90) + 1}]`;
  };
  const parts: string[] = [];
  let length = 0;
  let claims = 0;
  for (; length < LIMITS.articleText - 2000; claims++) {
    const heading = claims % 400 === 0 ? (format === 'MARKDOWN' ? `\n## Part ${claims / 400 + 1}\n\n` : `Part ${claims / 400 + 1}\n`) : '';
    const part = `${heading}${sentence(claims)}\n`;
    parts.push(part);
    length += part.length;
  }
  return { text: parts.join(''), claims };
}

/** One line of 1 MB: 500 sentences of nearly 2,000 characters each, the most one section may hold. */
function oneHugeLine(): string {
  const sentence = (i: number) => `Claim ${i} ${'holds for most adults '.repeat(89)}in trials.[${(i % 50) + 1}]`;
  return Array.from({ length: 500 }, (_, i) => sentence(i)).join(' ');
}

function timed(text: string, format: ArticleFormat): { ms: number; claims: number | string } {
  const started = performance.now();
  let claims: number | string;
  try {
    claims = parseArticle(text, format).sections.reduce((n, section) => n + section.claims.length, 0);
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    claims = error.message;
  }
  return { ms: performance.now() - started, claims };
}

describe('parseArticle on 1 MB articles', () => {
  const blanks = ' '.repeat(LIMITS.articleText - 100);
  const plain = bigArticle('TEXT');
  const markdown = bigArticle('MARKDOWN');

  it.each([
    ['4,000 cited sentences in plain text', plain.text, 'TEXT' as const, plain.claims],
    ['4,000 cited sentences in Markdown, with emphasis and links', markdown.text, 'MARKDOWN' as const, markdown.claims],
    ['one line of 500 long sentences', oneHugeLine(), 'TEXT' as const, 500],
    ['a sentence holding a megabyte of blanks', `Lead\nIt${blanks}helps.`, 'TEXT' as const, 1],
    ['a Markdown heading holding a megabyte of blanks', `# Lead${blanks}x\n\nIt helps.`, 'MARKDOWN' as const, 1],
    ['a megabyte of unclosed citation lists', `It helps.${'[1,'.repeat(300_000)}`, 'TEXT' as const, /heading|sentence/],
    ['a megabyte of unclosed tags', `It helps <b${' <b'.repeat(300_000)}.`, 'TEXT' as const, /the limit is 2000/],
    [
      '50,000 numbered link definitions',
      `It helps.[1]\n\n${Array.from({ length: 50_000 }, (_, i) => `[${i + 1}]: /r/${i + 1}`).join('\n')}`,
      'MARKDOWN' as const,
      1,
    ],
  ])('parses %s within the bound', (_case, text, format, expected) => {
    expect(text.length).toBeLessThanOrEqual(LIMITS.articleText);
    const { ms, claims } = timed(text, format);
    if (expected instanceof RegExp) expect(claims).toMatch(expected);
    else expect(claims).toBe(expected);
    expect(ms).toBeLessThan(BOUND_MS);
  }, 60_000);

  it(`stops an article of more than ${LIMITS.claimsPerArticle} claims (840 KB, 120,000 claims) within the bound`, () => {
    const lines: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      if (i % 400 === 0) lines.push(`Part ${i / 400 + 1}`);
      lines.push(`S${i % 10}.[${(i % 9) + 1}]`);
    }
    const { ms, claims } = timed(lines.join('\n'), 'TEXT');
    expect(claims).toMatch(/an article may hold 5000 claims/);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
