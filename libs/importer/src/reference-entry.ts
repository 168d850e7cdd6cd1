import { LIMITS, type Reference } from '@app/domain';
import { ImportRejected } from './import-rejected';

/** `1. Author. Title.`, `1) …`, `[1] …`, `[1]: …`, also behind a list bullet (`- [1] …`). */
const ENTRY = /^\s*(?:[-*+•]\s+)?(?:\[(\d+)\]:?|(\d+)[.)])\s+(\S.*)$/u;
const URL = /\bhttps?:\/\/[^\s<>"]+/i;

/** The number and text of a numbered entry in a reference list, or null for any other line. */
export function readReferenceEntry(line: string): { number: number; text: string } | null {
  const entry = ENTRY.exec(line);
  if (!entry) return null;
  return { number: Number(entry[1] ?? entry[2]), text: entry[3].trim() };
}

/**
 * A listed reference, resolved: the citation is the entry as the reader sees it, and the first
 * web address in the entry (bare or a Markdown link's target) becomes its url.
 */
export function toReference(
  number: number,
  rawText: string,
  inline: (text: string) => string,
  line: number,
): Reference {
  if (number < 1) throw new ImportRejected('reference numbers start at 1, not 0', line);
  const citation = inline(rawText).replace(/\s+/g, ' ').trim();
  if (citation === '') throw new ImportRejected(`reference [${number}] has no text`, line);
  if (citation.length > LIMITS.citation) {
    throw new ImportRejected(`reference [${number}] is ${citation.length} characters long; the limit is ${LIMITS.citation}`, line);
  }
  const url = findUrl(rawText);
  if (url !== null && url.length > LIMITS.url) {
    throw new ImportRejected(`the address in reference [${number}] is longer than ${LIMITS.url} characters`, line);
  }
  return { number, citation, url };
}

function findUrl(text: string): string | null {
  const found = URL.exec(text)?.[0];
  if (found === undefined) return null;
  // Sentence punctuation and the bracket that wraps an address are not part of it, but a
  // bracket the address opened itself (Wikipedia's `…_(disambiguation)`) is.
  let url = found.replace(/[.,;:!?'"]+$/, '');
  while (/[)\]]$/.test(url) && count(url, url.endsWith(')') ? '(' : '[') < count(url, url.slice(-1))) {
    url = url.slice(0, -1).replace(/[.,;:!?'"]+$/, '');
  }
  return url;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
