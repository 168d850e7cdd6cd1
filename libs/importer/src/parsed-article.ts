import type { Reference } from '@app/domain';

/** One sentence or list item that asserts something, with the reference numbers it cites. */
export interface ParsedClaim {
  /** The sentence as written, citation markers removed. */
  text: string;
  /** Cited reference numbers in the order the markers appear, without repeats. */
  citations: number[];
  /** True when nothing is cited: a reviewer must find a source or sign it off as needing none. */
  citationNeeded: boolean;
}

export interface ParsedSection {
  /** "" for the lead section (the text before the first heading). */
  heading: string;
  claims: ParsedClaim[];
}

/**
 * A line the importer read but turned into neither a section, a claim nor a reference (the back
 * matter under `References`, a Markdown code block). Listed so that nothing is dropped silently.
 */
export interface SkippedLine {
  /** 1-based line number in the imported text. */
  line: number;
  text: string;
  reason: string;
}

export interface ParsedArticle {
  sections: ParsedSection[];
  /**
   * Sorted by number: every entry of the text's reference list, plus an unresolved reference
   * (citation null) for each cited number the list lacks.
   */
  references: Reference[];
  skipped: SkippedLine[];
}
