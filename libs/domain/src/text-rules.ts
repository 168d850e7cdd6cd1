import { BadInput } from './errors';
import { LIMITS } from './types';

/**
 * The one rule for text that people type or import and other people read: titles, headings,
 * claims, citations, reasons, comments, evidence notes, reference URLs and ids. The GraphQL
 * boundary, the importer, the CLIs and the deciders all call these functions, so a string that
 * one path refuses, every path refuses, with the same words.
 *
 * What the rule does, in order:
 * 1. line breaks: CRLF and lone CR become LF (so "multi-line" has one meaning everywhere);
 * 2. Unicode NFC, so that text that looks the same is the same string (and hashes, compares and
 *    slugifies the same);
 * 3. leading and trailing whitespace is trimmed;
 * 4. emptiness and the field's length limit, counted on the result in UTF-16 code units (what
 *    JavaScript's `length` and GraphQL clients count);
 * 5. characters that are not text or can disguise it are refused (see `findRefusedCharacter`);
 * 6. line feeds are refused in single-line fields;
 * 7. anything that reads as an HTML tag is refused (see `findMarkup`): stored text must stay
 *    inert wherever it is shown later, whatever escapes that screen forgets.
 *
 * Refusals are `BadInput(message, field)`, the message naming the field and saying what to fix.
 */

/** How one field is checked. */
export interface TextRule {
  /** The input field at fault, as the client knows it (`title`, `evidence[2].note`). */
  field: string;
  /** The field's LIMITS entry: the most UTF-16 code units allowed after cleaning. */
  max: number;
  /** Reasons and comments may hold line feeds; titles, headings, claims and citations may not. */
  multiline?: boolean;
  /** A lead section's heading is ""; for every other field empty text is a mistake. */
  allowEmpty?: boolean;
}

/** The rule for each kind of text field, with the field name the GraphQL inputs use. */
export const TEXT_FIELDS = {
  title: { field: 'title', max: LIMITS.title },
  heading: { field: 'heading', max: LIMITS.heading },
  claimText: { field: 'text', max: LIMITS.claimText },
  citation: { field: 'citation', max: LIMITS.citation },
  locator: { field: 'locator', max: LIMITS.locator },
  note: { field: 'note', max: LIMITS.note },
  reason: { field: 'reason', max: LIMITS.reason, multiline: true },
  comment: { field: 'text', max: LIMITS.comment, multiline: true },
} as const satisfies Record<string, TextRule>;

/** A character the rule refuses, where it is and how to say so. */
export interface RefusedCharacter {
  /** UTF-16 index in the text it was found in. */
  index: number;
  /** `U+202E`. */
  code: string;
  /** `a right-to-left override`. */
  name: string;
  /** What it means and what to do: `which can disguise text; remove it`. */
  why: string;
}

export type TextCheck = { ok: true; text: string } | { ok: false; problem: string };

/**
 * Everything the rule refuses in any field (line feeds are handled apart, by field kind). With the
 * `u` flag a surrogate range matches only lone surrogates: a valid pair is one astral code point.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const REFUSED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\uD800-\uDFFF\uFFFD]|\p{Noncharacter_Code_Point}/u;
const REFUSED_OR_LINE_FEED = new RegExp(`${REFUSED.source}|\\n`, 'u');

const BIDI_NAMES: Record<number, string> = {
  0x061c: 'an Arabic letter mark',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x202a: 'a left-to-right embedding',
  0x202b: 'a right-to-left embedding',
  0x202c: 'a pop directional formatting',
  0x202d: 'a left-to-right override',
  0x202e: 'a right-to-left override',
  0x2066: 'a left-to-right isolate',
  0x2067: 'a right-to-left isolate',
  0x2068: 'a first-strong isolate',
  0x2069: 'a pop directional isolate',
};

/** CRLF and CR to LF, then NFC. What every other check here is counted on. */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').normalize('NFC');
}

/**
 * The first character of `text` the rule refuses, or null. A line feed is refused only when
 * `multiline` is false. Expects normalised text (a CR is refused as a control character).
 */
export function findRefusedCharacter(text: string, options: { multiline: boolean }): RefusedCharacter | null {
  const found = (options.multiline ? REFUSED : REFUSED_OR_LINE_FEED).exec(text);
  if (!found) return null;
  const codePoint = found[0].codePointAt(0) ?? 0;
  return { index: found.index, code: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`, ...describe(codePoint) };
}

function describe(codePoint: number): { name: string; why: string } {
  if (codePoint === 0x0a) return { name: 'a line break', why: 'which this field cannot hold; keep it on one line' };
  if (codePoint < 0x20 || codePoint === 0x7f) {
    return { name: 'a control character', why: 'which is not text: is this a binary file? Only tabs and line breaks are allowed' };
  }
  if (codePoint <= 0x9f) {
    return {
      name: 'a C1 control character',
      why: 'which is not text: is this text in another encoding (such as Windows-1252)? Save it as UTF-8',
    };
  }
  const bidi = BIDI_NAMES[codePoint];
  if (bidi !== undefined) return { name: bidi, why: 'which can disguise text; remove it' };
  if (codePoint === 0x2028 || codePoint === 0x2029) {
    return {
      name: codePoint === 0x2028 ? 'a line separator' : 'a paragraph separator',
      why: 'which some programs show as a line break and others do not; use an ordinary line break or a space',
    };
  }
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
    return { name: 'a lone surrogate', why: 'which is not text: half of a character that was cut apart; retype it' };
  }
  if (codePoint === 0xfffd) {
    return {
      name: 'a replacement character',
      why: 'which is not text but a mark for bytes that were not UTF-8: is this a binary file, or text in another encoding?',
    };
  }
  return { name: 'a noncharacter', why: 'which is never text; remove it' };
}

/**
 * `<` followed by a letter, `/`, `!` or `?` opens a tag, an end tag, a comment or doctype, or a
 * processing instruction in HTML, which is what a browser would act on. `p < 0.05`, `<3`, `<=`
 * and `a < b` are text.
 */
const MARKUP = /<[A-Za-z/!?]/;

/** The first tag-like text in `text`, or null. */
export function findMarkup(text: string): { index: number; text: string } | null {
  const found = MARKUP.exec(text);
  if (!found) return null;
  const tag = /^<[^\s>]{0,15}>?/.exec(text.slice(found.index, found.index + 17))?.[0] ?? found[0];
  return { index: found.index, text: tag };
}

/** The text as it would be stored, or why it cannot be. Never throws, for callers that phrase their own errors. */
export function inspectText(value: string, rule: TextRule): TextCheck {
  const text = normalizeText(value).trim();
  if (text === '' && !rule.allowEmpty) return { ok: false, problem: 'must not be empty' };
  if (text.length > rule.max) return { ok: false, problem: `is ${text.length} characters long; the limit is ${rule.max}` };
  const refused = findRefusedCharacter(text, { multiline: rule.multiline === true });
  if (refused) return { ok: false, problem: `contains ${refused.name} (${refused.code}), ${refused.why}` };
  const markup = findMarkup(text);
  if (markup) {
    return {
      ok: false,
      problem: `contains "${markup.text}", which reads as an HTML tag; remove it (for a less-than sign, put a space after "<")`,
    };
  }
  return { ok: true, text };
}

/** The cleaned text (normalised, trimmed), or a `BadInput` on `rule.field` saying what is wrong. */
export function cleanText(value: unknown, rule: TextRule): string {
  if (typeof value !== 'string') throw new BadInput(`${rule.field} must be text`, rule.field);
  const checked = inspectText(value, rule);
  if (!checked.ok) throw new BadInput(`${rule.field} ${checked.problem}`, rule.field);
  return checked.text;
}

/** null and undefined mean "not given" and stay null; anything else is cleaned. */
export function cleanOptionalText(value: unknown, rule: TextRule): string | null {
  return value === null || value === undefined ? null : cleanText(value, rule);
}

/**
 * What a reference URL may not hold anywhere: quotes, angle brackets, backslashes and backticks
 * (how an address breaks out of an attribute or a Markdown link), and whitespace. Control and
 * disguising characters are the text rule's.
 */
const URL_BREAKERS = /["'<>\\`\s]/u;

/** The URL as it would be stored, or why it cannot be. */
export function inspectUrl(value: string): TextCheck {
  const url = normalizeText(value).trim();
  if (url === '') return { ok: false, problem: 'must not be empty; leave it out instead' };
  if (url.length > LIMITS.url) return { ok: false, problem: `is ${url.length} characters long; the limit is ${LIMITS.url}` };
  const refused = findRefusedCharacter(url, { multiline: false });
  if (refused) return { ok: false, problem: `contains ${refused.name} (${refused.code}), ${refused.why}` };
  const breaker = URL_BREAKERS.exec(url);
  if (breaker) {
    const what = /\s/u.test(breaker[0]) ? 'whitespace' : `"${breaker[0]}"`;
    return { ok: false, problem: `contains ${what}, which a web address cannot hold; percent-encode it or remove it` };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: 'is not a web address (expected https://…)' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, problem: `must be an http: or https: address, not ${parsed.protocol}` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, problem: 'holds a user name or password before "@", which can disguise where it leads; remove it' };
  }
  return { ok: true, text: url };
}

/** The URL as given (normalised, trimmed), or a `BadInput` on `field`. */
export function cleanUrl(value: unknown, field = 'url'): string {
  if (typeof value !== 'string') throw new BadInput(`${field} must be text`, field);
  const checked = inspectUrl(value);
  if (!checked.ok) throw new BadInput(`${field} ${checked.problem}`, field);
  return checked.text;
}

export function cleanOptionalUrl(value: unknown, field = 'url'): string | null {
  return value === null || value === undefined ? null : cleanUrl(value, field);
}

/** Ids are ASCII: letters and digits, then also `.`, `_`, `:` and `-`. UUIDs and slugs fit. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The id, or a `BadInput` on `field`. Ids are never trimmed or normalised: they are matched byte for byte. */
export function cleanId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new BadInput(`${field} must not be empty`, field);
  if (value.length > LIMITS.id) throw new BadInput(`${field} is ${value.length} characters long; the limit is ${LIMITS.id}`, field);
  if (!ID.test(value)) throw new BadInput(`${field} is not a valid id: use letters, digits, ".", "_", ":" and "-"`, field);
  return value;
}

export function cleanOptionalId(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : cleanId(value, field);
}
