import type { Reference } from '@app/domain';
import type { ParsedSection } from './parsed-article';

/**
 * The article's reference list: every listed entry, plus an unresolved reference (citation and
 * url null) for each number the claims cite that the list lacks, so every citation points at
 * a reference a fact checker can resolve later. Sorted by number.
 */
export function collectReferences(listed: ReadonlyMap<number, Reference>, sections: readonly ParsedSection[]): Reference[] {
  const references = new Map(listed);
  for (const section of sections) {
    for (const claim of section.claims) {
      for (const number of claim.citations) {
        if (!references.has(number)) references.set(number, { number, citation: null, url: null });
      }
    }
  }
  return [...references.values()].sort((a, b) => a.number - b.number);
}
