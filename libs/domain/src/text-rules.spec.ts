import { BadInput } from './errors';
import { cleanId, cleanOptionalText, cleanOptionalUrl, cleanText, cleanUrl, findMarkup, TEXT_FIELDS } from './text-rules';
import { LIMITS } from './types';

/** What one field kind does with one input: keeps it as given, stores a cleaned string, or refuses. */
type Outcome = 'same' | { stored: string } | RegExp;

const single = TEXT_FIELDS.title;
const multi = TEXT_FIELDS.reason;
/** URLs get each hostile string in the middle of the path, so trimming cannot hide it. */
const inUrl = (value: string) => `https://example.org/a${value}b`;

const u = (codePoint: number) => String.fromCodePoint(codePoint);
const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, '0');

const BIDI: [number, string][] = [
  [0x061c, 'an Arabic letter mark'],
  [0x200e, 'a left-to-right mark'],
  [0x200f, 'a right-to-left mark'],
  [0x202a, 'a left-to-right embedding'],
  [0x202b, 'a right-to-left embedding'],
  [0x202c, 'a pop directional formatting'],
  [0x202d, 'a left-to-right override'],
  [0x202e, 'a right-to-left override'],
  [0x2066, 'a left-to-right isolate'],
  [0x2067, 'a right-to-left isolate'],
  [0x2068, 'a first-strong isolate'],
  [0x2069, 'a pop directional isolate'],
];
const C0 = [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f];
const C1 = [0x80, 0x85, 0x92, 0x9f];
const NONCHARACTERS = [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x1ffff, 0x10fffe, 0x10ffff];

/** Refused in every kind, with the field named and the character's code. */
const everywhere = (name: string, codePoint: number): [string, string, Outcome, Outcome, Outcome] => {
  const why = new RegExp(`contains ${name} \\(U\\+${hex(codePoint)}\\)`);
  return [`${name} U+${hex(codePoint)}`, `Fine ${u(codePoint)} text`, why, why, why];
};

const markup = (name: string, value: string): [string, string, Outcome, Outcome, Outcome] => [
  name,
  `It helps ${value} most people`,
  /reads as an HTML tag/,
  /reads as an HTML tag/,
  /contains "<"|contains whitespace/,
];

// [case, input, single-line (title), multi-line (reason), URL (in a path)]
const CASES: [string, string, Outcome, Outcome, Outcome][] = [
  ['plain text', 'Magnesium helps', 'same', 'same', /contains whitespace/],
  ['plain text without blanks', 'Magnesium-helps', 'same', 'same', 'same'],
  ...C0.map((codePoint) => everywhere('a control character', codePoint)),
  everywhere('a control character', 0x7f),
  ...C1.map((codePoint) => everywhere('a C1 control character', codePoint)),
  ...BIDI.map(([codePoint, name]) => everywhere(name, codePoint)),
  ['a lone high surrogate', 'Broken \uD83D text', /lone surrogate \(U\+D83D\)/, /lone surrogate \(U\+D83D\)/, /lone surrogate/],
  ['a lone low surrogate', 'Broken \uDE00 text', /lone surrogate \(U\+DE00\)/, /lone surrogate \(U\+DE00\)/, /lone surrogate/],
  ['a surrogate pair in the wrong order', 'Broken \uDE00\uD83D text', /lone surrogate \(U\+DE00\)/, /lone surrogate/, /lone surrogate/],
  ['a valid surrogate pair (an emoji)', 'Strong-\u{1F4AA}-bones', 'same', 'same', 'same'],
  everywhere('a line separator', 0x2028),
  everywhere('a paragraph separator', 0x2029),
  ...NONCHARACTERS.map((codePoint) => everywhere('a noncharacter', codePoint)),
  everywhere('a replacement character', 0xfffd),
  ['a line feed', 'Line one\nline two', /title contains a line break/, 'same', /line break/],
  ['CRLF', 'Line one\r\nline two', /title contains a line break/, { stored: 'Line one\nline two' }, /line break/],
  ['a lone CR', 'Line one\rline two', /title contains a line break/, { stored: 'Line one\nline two' }, /line break/],
  ['a tab', 'Dose\t5 mg', 'same', 'same', /contains whitespace/],
  ['surrounding blanks', '  \t Magnesium \u00A0', { stored: 'Magnesium' }, { stored: 'Magnesium' }, /contains whitespace/],
  ['whitespace only', ' \t\u00A0\u3000 ', /title must not be empty/, /reason must not be empty/, /contains whitespace/],
  ['the empty string', '', /title must not be empty/, /reason must not be empty/, 'same'],
  ['NFD text', 'Cafe\u0301-cre\u0300me', { stored: 'Café-crème' }, { stored: 'Café-crème' }, { stored: inUrl('Café-crème') }],
  ...[
    ['<script>', '<script>alert(1)</script>'],
    ['an end tag', 'strong</b>'],
    ['upper-case tags', '<SCRIPT SRC=x>'],
    ['<svg/onload=…>', '<svg/onload=alert(1)>'],
    ['<img onerror=…>', '<img src=x onerror=alert(1)>'],
    ['an HTML comment', '<!-- hidden -->'],
    ['a doctype', '<!DOCTYPE html>'],
    ['a processing instruction', '<?xml version="1.0"?>'],
    ['a tag left open', 'x <b and more'],
  ].map(([name, value]) => markup(name, value)),
  ['a less-than sign before a number', 'Significant at p < 0.05 and p<0.01', 'same', 'same', /contains "<"|whitespace/],
  ['a heart', 'We <3 magnesium', 'same', 'same', /whitespace/],
  ['comparison signs', 'a <= b and c >= d, 5 > 3', 'same', 'same', /whitespace/],
  ['escaped entities, which stay literal text', '&lt;script&gt;', 'same', 'same', 'same'],
];

function expectOutcome(run: () => string, input: string, outcome: Outcome, field: string): void {
  if (outcome instanceof RegExp) {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadInput);
    expect(caught).toMatchObject({ field, code: 'BAD_USER_INPUT' });
    expect((caught as BadInput).message).toMatch(outcome);
    expect((caught as BadInput).message.startsWith(`${field} `)).toBe(true);
    return;
  }
  expect(run()).toBe(outcome === 'same' ? input : outcome.stored);
}

describe('the text rule, for each kind of field', () => {
  describe.each(CASES)('%s', (_case, input, asSingleLine, asMultiLine, asUrl) => {
    it('in a single-line field (title)', () => expectOutcome(() => cleanText(input, single), input, asSingleLine, 'title'));
    it('in a multi-line field (reason)', () => expectOutcome(() => cleanText(input, multi), input, asMultiLine, 'reason'));
    it('in a URL', () => {
      const url = input === '' ? inUrl('') : inUrl(input);
      expectOutcome(() => cleanUrl(url, 'url'), url, asUrl, 'url');
    });
  });

  it('says in plain words what is wrong and how to fix it', () => {
    expect(() => cleanText('Safe \u202Etxt.exe', single)).toThrow(
      'title contains a right-to-left override (U+202E), which can disguise text; remove it',
    );
    expect(() => cleanText('<svg/onload=alert(1)>', TEXT_FIELDS.claimText)).toThrow(
      'text contains "<svg/onload=aler", which reads as an HTML tag; remove it (for a less-than sign, put a space after "<")',
    );
    expect(() => cleanText('x'.repeat(301), single)).toThrow('title is 301 characters long; the limit is 300');
  });

  it('counts the length after normalisation', () => {
    // U+0958 has no composed form: NFC writes it as two code units, so 151 of them are 302.
    expect(() => cleanText('\u0958'.repeat(151), single)).toThrow(/is 302 characters long; the limit is 300/);
    // 200 decomposed "é" are 400 code units as given, 200 once composed.
    expect(cleanText('e\u0301'.repeat(200), single)).toBe('é'.repeat(200));
    expect(cleanText('x'.repeat(LIMITS.title), single)).toHaveLength(LIMITS.title);
  });

  it('refuses values that are not strings, and keeps null as "not given" for optional fields', () => {
    expect(() => cleanText(42, single)).toThrow(/title must be text/);
    expect(() => cleanText(undefined, single)).toThrow(BadInput);
    expect(cleanOptionalText(null, single)).toBeNull();
    expect(cleanOptionalText(undefined, single)).toBeNull();
    expect(cleanOptionalText(' A ', single)).toBe('A');
  });

  it('lets a lead section heading be empty when asked', () => {
    expect(cleanText('  ', { ...TEXT_FIELDS.heading, allowEmpty: true })).toBe('');
  });

  it('gives every kind of field a rule with its LIMITS entry', () => {
    expect(TEXT_FIELDS).toMatchObject({
      title: { max: LIMITS.title },
      heading: { max: LIMITS.heading },
      claimText: { field: 'text', max: LIMITS.claimText },
      citation: { max: LIMITS.citation },
      reason: { max: LIMITS.reason, multiline: true },
      comment: { max: LIMITS.comment, multiline: true },
    });
  });
});

describe('findMarkup', () => {
  it.each([
    ['<b>bold</b>', '<b>'],
    ['x </p>', '</p>'],
    ['<!-- c -->', '<!--'],
    ['<svg/onload=alert(1)>', '<svg/onload=aler'],
  ])('finds the tag in %s', (text, tag) => {
    expect(findMarkup(text)?.text).toBe(tag);
  });

  it.each(['p < 0.05', '<3', '<= 5', '5 > 3', '<<', '< b>'])('finds none in %s', (text) => {
    expect(findMarkup(text)).toBeNull();
  });
});

describe('cleanUrl', () => {
  it.each([
    ['https://doi.org/10.1186/s12970-017-0173-z', 'https://doi.org/10.1186/s12970-017-0173-z'],
    ['  http://example.org/path?q=1#x ', 'http://example.org/path?q=1#x'],
    ['https://en.wikipedia.org/wiki/GABA_(disambiguation)', 'https://en.wikipedia.org/wiki/GABA_(disambiguation)'],
    ['https://de.wikipedia.org/wiki/Cafe\u0301', 'https://de.wikipedia.org/wiki/Café'],
  ])('keeps %s', (url, stored) => {
    expect(cleanUrl(url)).toBe(stored);
  });

  it.each([
    ['a javascript: address', 'javascript:alert(1)', /must be an http: or https: address, not javascript:/],
    ['a data: address', 'data:text/html,<b>x</b>', /contains "<"/],
    ['a file: address', 'file:///etc/passwd', /not file:/],
    ['a relative address', '/papers/1', /is not a web address/],
    ['a double quote', 'https://example.org/"onmouseover=alert(1)', /contains """/],
    ['a single quote', "https://example.org/'x", /contains "'"/],
    ['an angle bracket', 'https://example.org/<script>', /contains "<"/],
    ['a backslash', 'https://example.org\\@evil.example', /contains "\\"/],
    ['a space inside', 'https://example.org/a b', /contains whitespace/],
    ['a tab inside', 'https://example.org/a\tb', /contains whitespace/],
    ['a line break inside', 'https://example.org/a\nb', /contains a line break/],
    ['a control character', 'https://example.org/\u0000', /control character \(U\+0000\)/],
    ['a bidi override', 'https://example.org/\u202Egnp.exe', /right-to-left override/],
    ['a user name', 'https://trusted.example@evil.example/', /user name or password/],
    ['an address over the limit', `https://example.org/${'x'.repeat(LIMITS.url)}`, /the limit is 2000/],
    ['an empty string', '', /must not be empty/],
  ])('refuses %s', (_case, url, message) => {
    expect(() => cleanUrl(url, 'references[0].url')).toThrow(expect.objectContaining({ field: 'references[0].url' }));
    expect(() => cleanUrl(url, 'references[0].url')).toThrow(message);
  });

  it('keeps null as "no URL"', () => {
    expect(cleanOptionalUrl(null)).toBeNull();
    expect(cleanOptionalUrl(undefined)).toBeNull();
  });
});

describe('cleanId', () => {
  it.each(['c1', '6f1c8a8e-2b7c-4d51-9a55-3e2a8f0b9c11', 'article.v2:x_y'])('keeps %s', (id) => {
    expect(cleanId(id, 'claimId')).toBe(id);
  });

  it.each([
    ['an empty id', ''],
    ['an id over the limit', 'x'.repeat(LIMITS.id + 1)],
    ['spaces and quotes', "x' OR 1=1 --"],
    ['a leading dash', '-x'],
    ['a bidi override', 'c1\u202E'],
    ['a line break', 'c1\nc2'],
    ['a non-string', 7],
  ])('refuses %s', (_case, id) => {
    expect(() => cleanId(id, 'claimId')).toThrow(expect.objectContaining({ field: 'claimId', code: 'BAD_USER_INPUT' }));
  });
});
