import { findRefusedCharacter, LIMITS, normalizeText } from '@app/domain';
import { ImportRejected } from './import-rejected';

/**
 * Checks that the submitted text is text at all, by the domain's text rule for multi-line text,
 * then evens out what editors and word processors vary on so the readers see one shape. Returns
 * the lines.
 *
 * - A byte-order mark at the start goes; CRLF and CR become LF; the text is brought to NFC.
 * - Characters the rule refuses (controls other than tab and line feed, C1 controls, bidi
 *   controls, lone surrogates, U+2028/U+2029, noncharacters, U+FFFD) reject the import, naming
 *   line and column: they are what binary data, a wrong encoding or a disguise look like, and a
 *   line separator would silently cut a sentence in two.
 * - Non-breaking and typographic spaces become spaces; zero-width spaces and stray byte-order
 *   marks go.
 */
export function prepareText(text: string): string[] {
  if (typeof text !== 'string') throw new ImportRejected('the article text must be a string');
  // Checked before any scanning so an oversized upload costs nothing more, and again after NFC,
  // which can lengthen text (the limit counts what is stored).
  if (text.length > LIMITS.articleText) throw tooLong(text.length);
  const normalized = normalizeText(text.replace(/^\uFEFF/, ''));
  if (normalized.length > LIMITS.articleText) throw tooLong(normalized.length);
  rejectRefused(normalized);
  const evened = normalized.replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ').replace(/[\u200B\uFEFF]/g, '');
  if (evened.trim() === '') throw new ImportRejected('the article text is empty');
  return evened.split('\n');
}

function tooLong(length: number): ImportRejected {
  return new ImportRejected(`the article text is ${length} characters long; the limit is ${LIMITS.articleText}`);
}

function rejectRefused(text: string): void {
  const found = findRefusedCharacter(text, { multiline: true });
  if (!found) return;
  const before = text.slice(0, found.index);
  const line = before.split('\n').length;
  const column = found.index - before.lastIndexOf('\n');
  throw new ImportRejected(`column ${column} holds ${found.code}, ${found.name}, ${found.why}`, line);
}
