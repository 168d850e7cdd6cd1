import { cleanText, cleanUrl, LIMITS, TEXT_FIELDS, type ArticleFormat } from '@app/domain';
import { ImportRejected } from './import-rejected';
import { parseArticle, type ParsedArticle } from './parse-article';

/**
 * Articles written to break the importer, each read as TEXT and as MARKDOWN. An outcome is either
 * the claims (text and citations) the article must read as, or the rejection it must get.
 */
type Claims = [string, number[]][];
type Outcome = { claims: Claims; headings?: string[] } | RegExp;

const claimsOf = (parsed: ParsedArticle): Claims => parsed.sections.flatMap((s) => s.claims.map((c) => [c.text, c.citations] as [string, number[]]));

function read(text: string, format: ArticleFormat): ParsedArticle | ImportRejected {
  try {
    return parseArticle(text, format);
  } catch (error) {
    if (error instanceof ImportRejected) return error;
    throw error;
  }
}

function expectOutcome(text: string, format: ArticleFormat, outcome: Outcome): void {
  const result = read(text, format);
  if (outcome instanceof RegExp) {
    expect(result).toBeInstanceOf(ImportRejected);
    expect((result as ImportRejected).message).toMatch(outcome);
    return;
  }
  if (result instanceof ImportRejected) throw new Error(`expected an import, got: ${result.message}`);
  expect(claimsOf(result)).toEqual(outcome.claims);
  if (outcome.headings) expect(result.sections.map((s) => s.heading)).toEqual(outcome.headings);
  // Whatever was imported is what the domain's rule stores, unchanged.
  for (const section of result.sections) {
    if (section.heading !== '') expect(cleanText(section.heading, TEXT_FIELDS.heading)).toBe(section.heading);
    for (const claim of section.claims) expect(cleanText(claim.text, TEXT_FIELDS.claimText)).toBe(claim.text);
  }
}

const both = (outcome: Outcome): [Outcome, Outcome] => [outcome, outcome];
const only = (...claims: Claims): Outcome => ({ claims });
const OUT_OF_RANGE = /reference numbers run from 1 to 100000/;
const MARKUP = /reads as an HTML tag/;
/** A References heading both formats read as one: a plain line in TEXT (the rule under it is a break), setext in Markdown. */
const REFERENCES = 'References\n----------';

// [case, article, as TEXT, as MARKDOWN]
const NUMBERS: [string, string, Outcome, Outcome][] = [
  ['a number past the last integer a double can step through', 'Claim one.[9007199254740993]', ...both(OUT_OF_RANGE)],
  ['a number past GraphQL Int', 'Claim one.[3000000000]', ...both(OUT_OF_RANGE)],
  ['the first number past GraphQL Int', 'Claim one.[2147483648]', ...both(OUT_OF_RANGE)],
  ['the first number past the limit', 'Claim one.[100001]', ...both(OUT_OF_RANGE)],
  ['a 400-digit number', `Claim one.[${'9'.repeat(400)}]`, ...both(/names 99999999999999999999…; reference numbers run/)],
  ['the last number allowed', 'Claim one.[100000]', ...both(only(['Claim one.', [100_000]]))],
  ['a zero', 'Claim one.[0]', ...both(/names 0; reference numbers start at 1/)],
  ['a zero with leading zeros', 'Claim one.[000]', ...both(/names 0/)],
  ['a range that ends past the limit', 'Claim one.[99999–100001]', ...both(OUT_OF_RANGE)],
  ['a range that starts past the limit', 'Claim one.[2147483648-2147483650]', ...both(OUT_OF_RANGE)],
  ['a range with three ends', 'Claim one.[1-2-3]', ...both(/more than two ends/)],
  ['a backwards range', 'Claim one.[5–3]', ...both(/runs backwards/)],
  ['a range too wide', 'Claim one.[1–10000]', ...both(/spans more than 50/)],
  ['a list of more than 50', `Claim one.[${Array.from({ length: 60 }, (_, i) => i + 1).join(', ')}]`, ...both(/cites more than 50/)],
  ['a valid range', 'Claim one.[98–100]', ...both(only(['Claim one.', [98, 99, 100]]))],
  [
    'a reference entry numbered past the limit',
    `Claim one.[1]\n\n${REFERENCES}\n\n123456789012. Author A. A title. 2020.`,
    /line 6: the reference list entry 123456789012 is numbered past 100000/,
    /line 6: the reference list entry 123456789012 is numbered past 100000/,
  ],
  [
    'a bracketed reference entry past GraphQL Int',
    `Claim one.[1]\n\n${REFERENCES}\n\n[3000000000] Author A. 2020.`,
    /numbered past 100000/,
    /numbered past 100000/,
  ],
  ['a reference entry numbered 0', `Claim one.[1]\n\n${REFERENCES}\n\n0. Author A. 2020.`, ...both(/line 6: reference numbers start at 1, not 0/)],
  ['a reference entry at the limit', `Claim one.[1]\n\n${REFERENCES}\n\n100000. Author A. 2020.`, ...both(only(['Claim one.', [1]]))],
];

const MARKUP_CASES: [string, string, Outcome, Outcome][] = [
  ['<svg/onload=…>', 'It helps <svg/onload=alert(1)> most adults.[1]', ...both(only(['It helps most adults.', [1]]))],
  ['<img onerror=…>', 'It helps <img src=x onerror=alert(1)> most adults.', ...both(only(['It helps most adults.', []]))],
  ['<script>, keeping the words between the tags', 'It helps <script>alert(1)</script> most adults.', ...both(only(['It helps alert(1) most adults.', []]))],
  ['upper-case tags', 'It helps <SCRIPT SRC=//x.example/a.js></SCRIPT> most adults.', ...both(only(['It helps most adults.', []]))],
  ['<b> and <sup>', 'It helps <b>most</b> adults.<sup>[3]</sup>', ...both(only(['It helps most adults.', [3]]))],
  ['an <a href=javascript:…>', 'It helps <a href="javascript:alert(1)">most</a> adults.', ...both(only(['It helps most adults.', []]))],
  ['an HTML comment', 'It helps <!-- <script>alert(1)</script> --> most adults.', ...both(only(['It helps most adults.', []]))],
  ['a doctype', '<!DOCTYPE html>\n\nIt helps most adults.', ...both(only(['It helps most adults.', []]))],
  ['a tag left open', 'It helps <b most adults.', ...both(MARKUP)],
  ['a less-than sign and a heart', 'Significant at p < 0.05 and p<0.01, and we <3 it.', ...both(only(['Significant at p < 0.05 and p<0.01, and we <3 it.', []]))],
  [
    'escaped entities, literal in plain text and decoded (then removed as a tag) in Markdown',
    'It helps &lt;script&gt;alert(1)&lt;/script&gt; most adults.',
    only(['It helps &lt;script&gt;alert(1)&lt;/script&gt; most adults.', []]),
    only(['It helps alert(1) most adults.', []]),
  ],
  [
    'an entity that decodes to a bidi override',
    'It helps &#x202E;most adults.',
    only(['It helps &#x202E;most adults.', []]),
    /line 1: a sentence contains a right-to-left override \(U\+202E\)/,
  ],
  [
    'a javascript: link',
    'See [the trial](javascript:alert(1)) for more.',
    only(['See [the trial](javascript:alert(1)) for more.', []]),
    only(['See the trial for more.', []]),
  ],
  [
    'an image whose source is script',
    'It helps ![a chart](javascript:alert(1)) most adults.',
    only(['It helps ![a chart](javascript:alert(1)) most adults.', []]),
    only(['It helps a chart most adults.', []]),
  ],
  [
    'a raw HTML block',
    '<div onmouseover="alert(1)">\n<p>Hidden words.</p>\n</div>\n\nVisible words.',
    only(['Hidden words.', []], ['Visible words.', []]),
    only(['Visible words.', []]),
  ],
  [
    'a multi-line HTML comment',
    '<!--\nHidden words.\n-->\n\nVisible words.',
    /line 1: .*"<!--", which reads as an HTML tag/,
    only(['Visible words.', []]),
  ],
  [
    'a code fence with an info string',
    '```html onload=alert(1)\n<script>alert(1)</script>\n```\n\nVisible words.',
    // Plain text has no fences: inert lines that read as headings.
    { claims: [['Visible words.', []]], headings: ['```html onload=alert(1)', 'alert(1)', '```'] },
    only(['Visible words.', []]),
  ],
];

const HEADINGS: [string, string, Outcome, Outcome][] = [
  [
    'markup in headings',
    'TEXT: <h2>Dosage</h2>\nTake 5 mg.\n\n# <b>Safety</b>\n\nAsk first.',
    { claims: [['Take 5 mg.', []], ['Ask first.', []]], headings: ['TEXT: Dosage', '# Safety'] },
    { claims: [['TEXT: Dosage Take 5 mg.', []], ['Ask first.', []]], headings: ['', 'Safety'] },
  ],
];

const CHARACTERS: [string, string, Outcome, Outcome][] = [
  ...[0x202e, 0x202a, 0x2066, 0x2069, 0x200e, 0x200f, 0x061c].map(
    (codePoint): [string, string, Outcome, Outcome] => {
      const code = codePoint.toString(16).toUpperCase().padStart(4, '0');
      return [`U+${code}`, `Lead\nClaim ${String.fromCodePoint(codePoint)}one.`, ...both(new RegExp(`line 2: column 7 holds U\\+${code}, .*which can disguise text`))];
    },
  ),
  ['a lone high surrogate', 'Claim \uD83D one.', ...both(/line 1: column 7 holds U\+D83D, a lone surrogate/)],
  ['a lone low surrogate', 'Claim \uDE00 one.', ...both(/column 7 holds U\+DE00, a lone surrogate/)],
  ['a C1 control', 'It\u0092s fine.', ...both(/holds U\+0092, a C1 control character/)],
  ['a line separator', 'Half a sen\u2028tence continues.', ...both(/column 11 holds U\+2028, a line separator/)],
  ['a paragraph separator', 'One.\u2029Two.', ...both(/holds U\+2029, a paragraph separator/)],
  ['a noncharacter', 'Claim \uFFFE one.', ...both(/holds U\+FFFE, a noncharacter/)],
  ['NFD text, stored as NFC', 'Cafe\u0301 helps.[1]', ...both(only(['Café helps.', [1]]))],
  ['CRLF and CR line breaks', 'Iron\r\nTake 18 mg.\rTake it daily.', only(['Take 18 mg.', []], ['Take it daily.', []]), only(['Iron Take 18 mg.', []], ['Take it daily.', []])],
];

describe.each([
  ['numbers', NUMBERS],
  ['markup', MARKUP_CASES],
  ['headings', HEADINGS],
  ['characters', CHARACTERS],
])('hostile articles: %s', (_group, cases) => {
  describe.each(cases)('%s', (_case, text, asText, asMarkdown) => {
    it('as TEXT', () => expectOutcome(text, 'TEXT', asText));
    it('as MARKDOWN', () => expectOutcome(text, 'MARKDOWN', asMarkdown));
  });
});

describe('hostile reference lists', () => {
  it('keeps an http(s) link target as the url and never a javascript: one', () => {
    const parsed = parseArticle(
      'Claim.[1][2]\n\n## References\n\n1. [Smith J](javascript:alert(1)). A trial. 2020.\n2. [Jones K](https://doi.org/10.1/x). 2021.',
      'MARKDOWN',
    );
    expect(parsed.references).toEqual([
      { number: 1, citation: 'Smith J. A trial. 2020.', url: null },
      { number: 2, citation: 'Jones K. 2021.', url: 'https://doi.org/10.1/x' },
    ]);
    for (const reference of parsed.references) if (reference.url !== null) expect(cleanUrl(reference.url)).toBe(reference.url);
  });

  it('rejects an address the URL rule refuses, naming the reference', () => {
    expect(() => parseArticle("Claim.[1]\nReferences\n1. Smith J. https://example.org/it's-here", 'TEXT')).toThrow(
      /line 3: the address in reference \[1\] contains "'", which a web address cannot hold/,
    );
    expect(() => parseArticle(`Claim.[1]\nReferences\n1. Smith J. https://example.org/${'x'.repeat(LIMITS.url)}`, 'TEXT')).toThrow(
      /line 3: reference \[1\] is \d+ characters long; the limit is 2000|the address in reference \[1\] is \d+ characters long/,
    );
  });

  it('removes markup from a citation', () => {
    const parsed = parseArticle('Claim.[1]\nReferences\n1. Smith J. <i>A trial</i>. 2020.<script>x</script>', 'TEXT');
    expect(parsed.references[0].citation).toBe('Smith J. A trial. 2020.x');
  });
});

describe('limits per article', () => {
  it(`rejects an article of more than ${LIMITS.claimsPerArticle} claims`, () => {
    const sections = Array.from({ length: 11 }, (_, s) => [`Part ${s + 1}`, ...Array.from({ length: 500 }, (_, c) => `Claim ${c}.`)]);
    expect(() => parseArticle(sections.flat().join('\n'), 'TEXT')).toThrow(/an article may hold 5000 claims; this one holds more/);
    expect(() => parseArticle(sections.slice(0, 10).flat().join('\n'), 'TEXT')).not.toThrow();
  });

  it(`rejects an article of more than ${LIMITS.sectionsPerArticle} sections`, () => {
    const headings = Array.from({ length: LIMITS.sectionsPerArticle + 1 }, (_, i) => `# Part ${i + 1}`);
    expect(() => parseArticle(headings.join('\n'), 'MARKDOWN')).toThrow(/line 501: an article may hold 500 sections/);
    expect(parseArticle(headings.slice(0, -1).join('\n'), 'MARKDOWN').sections).toHaveLength(LIMITS.sectionsPerArticle);
  });

  it('rejects a paragraph of more claims than a section holds without reading all of it', () => {
    expect(() => parseArticle('1. '.repeat(300_000), 'TEXT')).toThrow(/a section may hold 500 claims/);
  });
});
