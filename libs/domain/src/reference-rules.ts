import { BadInput } from './errors';
import type { Reference } from './types';

/**
 * Rules that need the article's reference list. They run after the state checks (docs/api.md,
 * "Order of checks"): whether a number is in the list is a fact about the article, not about the
 * input's shape.
 */

/** Every cited number is in the list, resolved or not: an unresolved one still names a source to find. */
export function requireCitedNumbersListed(citations: readonly number[], references: readonly Reference[]): void {
  const listed = new Set(references.map((reference) => reference.number));
  const missing = citations.filter((number) => !listed.has(number));
  if (missing.length > 0) {
    throw new BadInput(`the article's reference list has no ${missing.map((n) => `[${n}]`).join(', ')}`, 'citations');
  }
}

export function unresolvedNumbers(citations: readonly number[], references: readonly Reference[]): number[] {
  const resolved = new Set(references.filter((reference) => reference.citation !== null).map((reference) => reference.number));
  return citations.filter((number) => !resolved.has(number));
}
