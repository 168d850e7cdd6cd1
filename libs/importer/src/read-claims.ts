import { inspectText, TEXT_FIELDS } from '@app/domain';
import { extractCitations } from './citation-markers';
import { ImportRejected } from './import-rejected';
import type { ParsedClaim, SkippedLine } from './parsed-article';
import { sentencesOf } from './split-sentences';

/**
 * The claims of one paragraph or list item (plain text, blanks single): one per sentence, each
 * with the citations whose markers it carries and its text as the domain's text rule stores it.
 * Reports a sentence with no words (a stray `…`) as skipped, and rejects markers that follow no
 * sentence at all: their numbers would otherwise be lost. Stops reading once it holds more than
 * `atMost` claims: the caller rejects the paragraph then, and the rest would be wasted work.
 */
export function readClaims(plainText: string, line: number, skipped: SkippedLine[], atMost: number): ParsedClaim[] {
  const claims: ParsedClaim[] = [];
  for (const sentence of sentencesOf(plainText)) {
    if (claims.length > atMost) break;
    const { text, citations } = extractCitations(sentence, line);
    if (!/[\p{L}\p{N}]/u.test(text)) {
      if (citations.length > 0) throw new ImportRejected(`the citation markers in "${preview(sentence)}" follow no sentence`, line);
      skipped.push({ line, text: sentence, reason: 'no words to review' });
      continue;
    }
    const checked = inspectText(text, TEXT_FIELDS.claimText);
    if (!checked.ok) throw new ImportRejected(`a sentence ${checked.problem} ("${preview(text)}")`, line);
    claims.push({ text: checked.text, citations, citationNeeded: citations.length === 0 });
  }
  return claims;
}

/** The start of a long text, for a message. */
export function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
