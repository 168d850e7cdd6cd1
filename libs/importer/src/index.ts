/** Reads article text (plain or Markdown) into sections, claims and references. Pure: no I/O. */
export { parseArticle } from './parse-article';
export { summarizeImport, type ImportSummary } from './summarize-import';
export type { ParsedArticle, ParsedClaim, ParsedSection, SkippedLine } from './parsed-article';
export { ImportRejected } from './import-rejected';
export { SAMPLE_ARTICLE } from './sample-article';
