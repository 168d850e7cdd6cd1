import { LIMITS, type ArticleFormat, type Reference } from '@app/domain';
import { hasCitationMarker } from './citation-markers';
import { collectReferences } from './collect-references';
import type { Dialect } from './dialect';
import { ImportRejected } from './import-rejected';
import { markdownDialect } from './markdown-dialect';
import type { ParsedArticle, ParsedSection, SkippedLine } from './parsed-article';
import { prepareText } from './prepare-text';
import { readBlocks } from './read-blocks';
import { readClaims } from './read-claims';
import { toReference } from './reference-entry';
import { textDialect } from './text-dialect';

export type { ParsedArticle, ParsedClaim, ParsedSection, SkippedLine } from './parsed-article';
// The import summary is part of this module's contract; it lives in its own file.
export { summarizeImport, type ImportSummary } from './summarize-import';

/**
 * Reads an article (plain text or Markdown) into sections of claims and a reference list, as
 * WORKFLOW.md ("Importing an article") describes. Pure: no I/O, same text same result. Throws
 * `ImportRejected` for text that is not usable rather than importing part of it.
 */
export function parseArticle(text: string, format: ArticleFormat): ParsedArticle {
  const dialect = dialectFor(format);
  const sections: ParsedSection[] = [];
  const listed = new Map<number, { reference: Reference; line: number }>();
  const skipped: SkippedLine[] = [];
  let current: ParsedSection | null = null;

  for (const block of readBlocks(prepareText(text), dialect)) {
    switch (block.kind) {
      case 'heading': {
        const heading = readHeading(block.text, block.line, dialect);
        if (heading === '') {
          skipped.push({ line: block.line, text: block.text, reason: 'a heading with no text' });
          break;
        }
        current = { heading, claims: [] };
        sections.push(current);
        break;
      }
      case 'prose': {
        const claims = readClaims(dialect.inline(block.text), block.line, skipped);
        if (claims.length === 0) break;
        if (current === null) {
          // Text before the first heading: the lead section.
          current = { heading: '', claims: [] };
          sections.push(current);
        }
        current.claims.push(...claims);
        if (current.claims.length > LIMITS.claimsPerSection) {
          throw new ImportRejected(`a section may hold ${LIMITS.claimsPerSection} claims; this one holds more`, block.line);
        }
        break;
      }
      case 'reference': {
        const previous = listed.get(block.number);
        if (previous) {
          throw new ImportRejected(`reference [${block.number}] is listed twice (lines ${previous.line} and ${block.line})`, block.line);
        }
        listed.set(block.number, { reference: toReference(block.number, block.text, dialect.inline, block.line), line: block.line });
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

function dialectFor(format: ArticleFormat): Dialect {
  switch (format) {
    case 'TEXT':
      return textDialect;
    case 'MARKDOWN':
      return markdownDialect;
    default:
      // Unreachable for typed callers; a value that slipped past the GraphQL enum lands here.
      throw new ImportRejected(`unknown article format ${String(format as unknown)}; use TEXT or MARKDOWN`, null, 'format');
  }
}

function readHeading(raw: string, line: number, dialect: Dialect): string {
  const heading = dialect.inline(raw).replace(/\s+/g, ' ').trim();
  // Only Markdown gets here with a marker (`# Dosage [3]`): a heading is not a claim and cannot cite.
  if (hasCitationMarker(heading)) throw new ImportRejected(`the heading "${heading}" carries a citation marker; move it into a sentence`, line);
  if (heading.length > LIMITS.heading) {
    throw new ImportRejected(
      `the heading "${heading.slice(0, 60)}…" is ${heading.length} characters long; the limit is ${LIMITS.heading} (a paragraph missing its full stop?)`,
      line,
    );
  }
  return heading;
}
