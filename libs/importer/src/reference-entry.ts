import { inspectText, inspectUrl, isReferenceNumber, LIMITS, TEXT_FIELDS, type Reference } from '@app/domain';
import { ImportRejected } from './import-rejected';

/** `1. Author. Title.`, `1) …`, `[1] …`, `[1]: …`, also behind a list bullet (`- [1] …`). Blanks are single by now. */
const ENTRY = /^(?:[-*+•] )?(?:\[(\d+)\]:?|(\d+)[.)]) (\S.*)$/u;
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"]+/i;

/**
 * The number and text of a numbered entry in a reference list, or null for any other line. An
 * entry numbered outside 1…LIMITS.referenceNumber is rejected, not read as prose: it is meant
 * as an entry, and its number would reach the store.
 */
export function readReferenceEntry(line: string, lineNumber: number): { number: number; text: string } | null {
  const entry = ENTRY.exec(line);
  if (!entry) return null;
  return { number: entryNumber(entry[1] ?? entry[2], lineNumber), text: entry[3].trim() };
}

/** The number an entry is listed under, checked before it is used. */
export function entryNumber(digits: string, line: number): number {
  const number = Number(digits);
  if (number === 0) throw new ImportRejected('reference numbers start at 1, not 0', line);
  if (!isReferenceNumber(number)) {
    const shown = digits.length > 24 ? `${digits.slice(0, 20)}…` : digits;
    throw new ImportRejected(`the reference list entry ${shown} is numbered past ${LIMITS.referenceNumber}, the highest reference number`, line);
  }
  return number;
}

/**
 * A listed reference, resolved: the citation is the entry as the reader sees it, and the first
 * web address in `withTargets` (the entry with its links' targets written out) becomes its url.
 * Both must pass the domain's text and URL rules.
 */
export function toReference(number: number, text: string, withTargets: string, line: number): Reference {
  const citation = inspectText(text, TEXT_FIELDS.citation);
  if (!citation.ok) throw new ImportRejected(`reference [${number}] ${citation.problem}`, line);
  const found = findUrl(withTargets);
  if (found === null) return { number, citation: citation.text, url: null };
  const url = inspectUrl(found);
  if (!url.ok) throw new ImportRejected(`the address in reference [${number}] ${url.problem}`, line);
  return { number, citation: citation.text, url: url.text };
}

function findUrl(text: string): string | null {
  const found = WEB_ADDRESS.exec(text)?.[0];
  if (found === undefined) return null;
  // Sentence punctuation and the bracket that wraps an address are not part of it, but a
  // bracket the address opened itself (Wikipedia's `…_(disambiguation)`) is. An address over
  // the limit is refused by the URL rule as it is; below it the loop is short.
  let url = withoutTrailingPunctuation(found);
  if (url.length > LIMITS.url) return url;
  while (/[)\]]$/.test(url) && count(url, url.endsWith(')') ? '(' : '[') < count(url, url.slice(-1))) {
    url = withoutTrailingPunctuation(url.slice(0, -1));
  }
  return url;
}

/** Walks back over `.,;:!?'"` (a regex anchored only at the end would retry every start in a long run). */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && `.,;:!?'"`.includes(url[end - 1])) end--;
  return url.slice(0, end);
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
