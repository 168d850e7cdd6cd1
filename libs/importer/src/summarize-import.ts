import type { ParsedArticle } from './parsed-article';

/** What an import produced, in the counts of the import report (docs/workflow.md, "Importing an article"). */
export interface ImportSummary {
  sections: number;
  claims: number;
  /** Claim→reference links: a claim citing [5][6] counts two. */
  citations: number;
  /** Claims flagged `citationNeeded`. */
  uncitedClaims: number;
  /** Numbers cited but missing from the text's reference list, ascending. */
  unresolvedReferences: number[];
}

export function summarizeImport(parsed: ParsedArticle): ImportSummary {
  const claims = parsed.sections.flatMap((section) => section.claims);
  return {
    sections: parsed.sections.length,
    claims: claims.length,
    citations: claims.reduce((total, claim) => total + claim.citations.length, 0),
    uncitedClaims: claims.filter((claim) => claim.citationNeeded).length,
    unresolvedReferences: parsed.references
      .filter((reference) => reference.citation === null)
      .map((reference) => reference.number)
      .sort((a, b) => a - b),
  };
}
