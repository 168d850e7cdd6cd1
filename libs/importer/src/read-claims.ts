import { LIMITS } from '@app/domain';
import { extractCitations } from './citation-markers';
import { ImportRejected } from './import-rejected';
import type { ParsedClaim, SkippedLine } from './parsed-article';
import { splitSentences } from './split-sentences';

/**
 * The claims of one paragraph or list item: one per sentence, each with the citations whose
 * markers it carries. Reports a sentence with no words (a stray `…`) as skipped, and rejects
 * markers that follow no sentence at all: their numbers would otherwise be lost.
 */
export function readClaims(plainText: string, line: number, skipped: SkippedLine[]): ParsedClaim[] {
  const claims: ParsedClaim[] = [];
  for (const sentence of splitSentences(plainText)) {
    const { text, citations } = extractCitations(sentence, line);
    if (!/[\p{L}\p{N}]/u.test(text)) {
      if (citations.length > 0) throw new ImportRejected(`the citation markers in "${sentence}" follow no sentence`, line);
      skipped.push({ line, text: sentence, reason: 'no words to review' });
      continue;
    }
    if (text.length > LIMITS.claimText) {
      throw new ImportRejected(
        `a sentence is ${text.length} characters long; the limit for a claim is ${LIMITS.claimText} ("${text.slice(0, 60)}…")`,
        line,
      );
    }
    if (citations.length > LIMITS.citationsPerClaim) {
      throw new ImportRejected(`a sentence cites ${citations.length} references; a claim may cite ${LIMITS.citationsPerClaim}`, line);
    }
    claims.push({ text, citations, citationNeeded: citations.length === 0 });
  }
  return claims;
}
