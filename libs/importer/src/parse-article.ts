import { inspectText, LIMITS, TEXT_FIELDS, type ArticleFormat, type Reference } from '@app/domain';
import { hasCitationMarker } from './citation-markers';
import { collectReferences } from './collect-references';
import { ImportRejected } from './import-rejected';
import { readMarkdownBlocks } from './markdown-dialect';
import type { ParsedArticle, ParsedSection, SkippedLine } from './parsed-article';
import { prepareText } from './prepare-text';
import type { Block } from './read-blocks';
import { preview, readClaims } from './read-claims';
import { toReference } from './reference-entry';
import { readTextBlocks } from './text-dialect';

export type { ParsedArticle, ParsedClaim, ParsedSection, SkippedLine } from './parsed-article';
// The import summary is part of this module's contract; it lives in its own file.
export { summarizeImport, type ImportSummary } from './summarize-import';

/**
 * Reads an article (plain text or Markdown) into sections of claims and a reference list, as
 * docs/workflow.md ("Importing an article") describes. Pure: no I/O, same text same result. Throws
 * `ImportRejected` for text that is not usable rather than importing part of it.
 *
 * Every heading, claim and citation it returns has passed the domain's text rule (NFC, no
 * refused characters, no markup, within its limit), every number is a reference number
 * (1…LIMITS.referenceNumber), and the article holds at most LIMITS.claimsPerArticle claims in
 * LIMITS.sectionsPerArticle sections. Each step is linear in the text's length.
 */
export function parseArticle(text: string, format: ArticleFormat): ParsedArticle {
  const readBlocks = blockReaderFor(format);
  const sections: ParsedSection[] = [];
  const listed = new Map<number, { reference: Reference; line: number }>();
  const skipped: SkippedLine[] = [];
  let current: ParsedSection | null = null;
  let claimCount = 0;

  const startSection = (heading: string, line: number): ParsedSection => {
    if (sections.length === LIMITS.sectionsPerArticle) {
      throw new ImportRejected(`an article may hold ${LIMITS.sectionsPerArticle} sections; this one holds more (split it into several articles)`, line);
    }
    const section: ParsedSection = { heading, claims: [] };
    sections.push(section);
    return section;
  };

  for (const block of readBlocks(prepareText(text))) {
    switch (block.kind) {
      case 'heading': {
        const heading = readHeading(block.text, block.line);
        if (heading === '') {
          skipped.push({ line: block.line, text: block.text, reason: 'a heading with no text' });
          break;
        }
        current = startSection(heading, block.line);
        break;
      }
      case 'prose': {
        const claims = readClaims(block.text, block.line, skipped, LIMITS.claimsPerSection);
        if (claims.length === 0) break;
        // Text before the first heading: the lead section.
        current ??= startSection('', block.line);
        // Checked before the claims are added: one paragraph may hold a hundred thousand.
        if (current.claims.length + claims.length > LIMITS.claimsPerSection) {
          throw new ImportRejected(`a section may hold ${LIMITS.claimsPerSection} claims; this one holds more`, block.line);
        }
        claimCount += claims.length;
        if (claimCount > LIMITS.claimsPerArticle) {
          throw new ImportRejected(`an article may hold ${LIMITS.claimsPerArticle} claims; this one holds more (split it into several articles)`, block.line);
        }
        current.claims.push(...claims);
        break;
      }
      case 'reference': {
        const previous = listed.get(block.number);
        if (previous) {
          throw new ImportRejected(`reference [${block.number}] is listed twice (lines ${previous.line} and ${block.line})`, block.line);
        }
        listed.set(block.number, { reference: toReference(block.number, block.text, block.withTargets, block.line), line: block.line });
        break;
      }
      case 'skipped':
        skipped.push({ line: block.line, text: block.text, reason: block.reason });
        break;
    }
  }

  if (sections.length === 0) throw new ImportRejected('the text holds no heading and no sentence to import');
  const references = collectReferences(new Map([...listed].map(([number, entry]) => [number, entry.reference])), sections);
  return { sections, references, skipped };
}

function blockReaderFor(format: ArticleFormat): (lines: readonly string[]) => Block[] {
  switch (format) {
    case 'TEXT':
      return readTextBlocks;
    case 'MARKDOWN':
      return readMarkdownBlocks;
    default:
      // Unreachable for typed callers; a value that slipped past the GraphQL enum lands here.
      throw new ImportRejected(`unknown article format ${String(format as unknown)}; use TEXT or MARKDOWN`, null, 'format');
  }
}

function readHeading(text: string, line: number): string {
  // Only Markdown gets here with a marker (`# Dosage [3]`): a heading is not a claim and cannot cite.
  if (hasCitationMarker(text)) throw new ImportRejected(`the heading "${preview(text)}" carries a citation marker; move it into a sentence`, line);
  const checked = inspectText(text, { ...TEXT_FIELDS.heading, allowEmpty: true });
  if (!checked.ok) {
    const hint = text.length > LIMITS.heading ? ' (a paragraph missing its full stop?)' : '';
    throw new ImportRejected(`the heading "${preview(text)}" ${checked.problem}${hint}`, line);
  }
  return checked.text;
}
