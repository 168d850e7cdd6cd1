/** Longest `sub` (and role name) accepted, in characters (code points). */
export const MAX_ID_LENGTH = 200;

/** A UTF-16 surrogate without its other half: not a character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters that never belong in an id, whatever the issuer meant:
 * - `Cc`: C0 controls (NUL, TAB, CR, LF…), DEL and the C1 controls — they split log lines, CSV rows
 *   and headers, and end C strings;
 * - `Cf`: invisible formatting, which includes every bidirectional control (U+061C, U+200E/F,
 *   U+202A–U+202E, U+2066–U+2069) and the zero-width characters — they make one id display as
 *   another, in the audit export and any UI;
 * - `Zl`, `Zp`: U+2028 and U+2029, line breaks to JavaScript and to many viewers;
 * - U+FFFD: what a decoder puts for bytes that were not UTF-8, so two different byte strings could
 *   come out as the same id.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFD]/u;
const EDGE_WHITESPACE = /^\p{White_Space}|\p{White_Space}$/u;
const ONLY_WHITESPACE = /^\p{White_Space}+$/u;

/**
 * Why `value` cannot be an actor id (or role name), or null when it can. The rule is the verifier's:
 * an actor id is written into every event its owner causes, compared for the four-eyes rules and
 * printed in the audit export, so it must be one visible, unambiguous string.
 *
 * Text that is not in Unicode normalisation form NFC is refused, not normalised. Issuers compare
 * `sub` as exact strings (OpenID Connect Core, 5.7), so "José" precomposed and "José" with a combining
 * accent are two subjects to them; normalising would merge two accounts into one actor, and the four-
 * eyes rules would see one person where the issuer sees two. Refusing keeps the mapping one-to-one, and
 * an id that passes compares equal to itself in every token that carries it.
 */
export function whyNotPrintableId(value: string, maxLength = MAX_ID_LENGTH): string | null {
  if (value.length === 0) return 'is empty';
  // Measured in code points, after a cheap bound on UTF-16 units (two per code point at most).
  if (value.length > 2 * maxLength || [...value].length > maxLength) return `is longer than ${maxLength} characters`;
  const lone = LONE_SURROGATE.exec(value);
  if (lone) return `contains a lone surrogate (${codePoint(lone[0])}), which is not Unicode text`;
  const forbidden = FORBIDDEN.exec(value);
  if (forbidden) return `contains ${codePoint(forbidden[0])}, a control, invisible or line-break character`;
  if (ONLY_WHITESPACE.test(value)) return 'is only whitespace';
  if (EDGE_WHITESPACE.test(value)) return 'begins or ends with whitespace';
  if (value.normalize('NFC') !== value) return 'is not in Unicode normalisation form NFC';
  return null;
}

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}
