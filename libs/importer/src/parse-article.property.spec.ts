import fc from 'fast-check';
import { cleanText, cleanUrl, isReferenceNumber, LIMITS, TEXT_FIELDS, type ArticleFormat } from '@app/domain';
import { ImportRejected } from './import-rejected';
import { parseArticle } from './parse-article';

/**
 * Articles made of anything: any UTF-16 code unit (lone surrogates and controls included), any
 * code point, and the pieces an article and an attack are built from, so that they meet.
 */
const PIECES = [
  '\n', '\n\n', '\r\n', ' ', '\t', '# ', '## References\n', 'References\n', '---\n', '1. ', '- ', '> ', '```\n', '    ',
  'Word', 'Magnesium helps', '. ', '? ', 'Dr. ', 'e.g. ', '[1]', '[2, 3]', '[3–5]', '[0]', '[100000]', '[100001]',
  '[2147483648]', '[9007199254740993]', '[1-2-3]', '<b>', '</b>', '<svg/onload=alert(1)>', '<img src=x onerror=alert(1)>',
  '<!--', '-->', '<script>', '&lt;script&gt;', '&#x202E;', '&#0;', '**', '_', '`', '~~', '[x](javascript:alert(1))',
  '![a](b)', '[1]: https://example.org/a "T <b>"\n', '[t]: /x\n', '[t]', '<https://example.org/a>', 'https://example.org/a',
  "https://example.org/it's", 'p < 0.05', '<3', '<',
  '\u202E', '\u2066', '\u2028', '\u00A0', '\u200B', '\uFEFF', '\uD800', '\uDC00', 'e\u0301', '\uFFFE', '\u0085', '\u0958',
];
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const anything = fc.string({ unit, maxLength: 120 });

/** Articles shaped like articles (lines of sentences, headings, lists, references) with the odd hostile piece in them. */
const word = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('Magnesium', 'helps', 'most', 'adults', 'Dr.', 'e.g.', '2.5', 'mg', 'café', 'Cafe\u0301', 'NS_105', '**strong**', '[a link](https://example.org/x)') },
  { weight: 1, arbitrary: unit },
);
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 8 }), fc.constantFrom('.', '?', '.[1]', '.[2, 3]', ' [4–6].', '', '.[7]'))
  .map(([words, end]) => `${words.join(' ')}${end}`);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((sentences) => sentences.join(' ')) },
  { weight: 2, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => `# ${words.join(' ')}`) },
  { weight: 1, arbitrary: sentence.map((text) => `- ${text}`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'References', '## References', '---') },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 12 }), sentence).map(([n, text]) => `${n}. ${text} https://doi.org/10.1/${n}`) },
);
const shaped = fc.array(line, { maxLength: 20 }).map((lines) => lines.join('\n'));
const article = fc.oneof(anything, shaped);

/** A generous bound for one parse of at most a few hundred characters (they take well under a millisecond). */
const BOUND_MS = 250;

function checkArticle(text: string, format: ArticleFormat): void {
  const started = performance.now();
  let parsed;
  try {
    parsed = parseArticle(text, format);
  } catch (error) {
    // Anything else (a TypeError, a RangeError) would be a 500 instead of a message.
    if (!(error instanceof ImportRejected)) throw error;
    return;
  } finally {
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  }
  expect(parsed.sections.length).toBeLessThanOrEqual(LIMITS.sectionsPerArticle);
  expect(parsed.sections.reduce((n, s) => n + s.claims.length, 0)).toBeLessThanOrEqual(LIMITS.claimsPerArticle);
  for (const [index, section] of parsed.sections.entries()) {
    if (index > 0 || section.heading !== '') expect(cleanText(section.heading, TEXT_FIELDS.heading)).toBe(section.heading);
    for (const claim of section.claims) {
      expect(cleanText(claim.text, TEXT_FIELDS.claimText)).toBe(claim.text);
      expect(claim.citations.every(isReferenceNumber)).toBe(true);
      expect(claim.citations.length).toBeLessThanOrEqual(LIMITS.citationsPerClaim);
    }
  }
  for (const reference of parsed.references) {
    expect(isReferenceNumber(reference.number)).toBe(true);
    if (reference.citation !== null) expect(cleanText(reference.citation, TEXT_FIELDS.citation)).toBe(reference.citation);
    if (reference.url !== null) expect(cleanUrl(reference.url)).toBe(reference.url);
  }
}

describe('parseArticle on arbitrary text', () => {
  it.each(['TEXT', 'MARKDOWN'] as const)(
    'either rejects with ImportRejected or returns only what the text rule stores, numbers in range, quickly (%s)',
    (format) => {
      fc.assert(
        fc.property(article, (text) => checkArticle(text, format)),
        { numRuns: 1500 },
      );
    },
  );
});
