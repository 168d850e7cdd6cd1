import { LIMITS } from '@app/domain';
import { ImportRejected } from './import-rejected';

/**
 * Checks that the submitted text is text at all, then evens out what editors and word processors
 * vary on (byte-order mark, CRLF, non-breaking spaces) so the readers see one shape. Returns the
 * lines.
 */
export function prepareText(text: string): string[] {
  if (typeof text !== 'string') throw new ImportRejected('the article text must be a string');
  // Checked before any scanning so an oversized upload costs nothing more.
  if (text.length > LIMITS.articleText) {
    throw new ImportRejected(`the article text is ${text.length} characters long; the limit is ${LIMITS.articleText}`);
  }
  const unified = text.replace(/^\uFEFF/, '').replace(/\r\n?|[\u2028\u2029]/g, '\n');
  rejectNonText(unified);
  const normalized = unified
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B\uFEFF]/g, '');
  if (normalized.trim() === '') throw new ImportRejected('the article text is empty');
  return normalized.split('\n');
}

/**
 * Control characters, U+FFFD and unpaired surrogates do not occur in written text; they are what
 * binary data or a wrong encoding look like once decoded, and would otherwise end up in claims.
 */
const NOT_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function rejectNonText(text: string): void {
  const found = NOT_TEXT.exec(text);
  if (!found) return;
  const before = text.slice(0, found.index);
  const line = before.split('\n').length;
  const column = found.index - before.lastIndexOf('\n');
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  throw new ImportRejected(
    `column ${column} holds U+${code}, which is not text: is this a binary file or text in another encoding? ` +
      'Only UTF-8 text with tabs and line breaks can be imported',
    line,
  );
}
