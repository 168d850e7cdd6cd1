/** What one line of the source is, as far as the line alone can tell. */
export type LineKind =
  | { kind: 'blank' }
  /** `---`, `***`: decoration between parts, no content. */
  | { kind: 'break' }
  /** A Markdown code fence (```` ``` ````, `~~~`). */
  | { kind: 'fence' }
  | { kind: 'heading'; text: string }
  /** A list item (`- `, `* `, `• `, `1. `, `1) `), its marker removed. */
  | { kind: 'item'; text: string }
  | { kind: 'text'; text: string };

/** How one article format marks structure. The block reader does the rest the same way for all. */
export interface Dialect {
  classify(line: string): LineKind;
  /** Markdown wraps paragraphs over several lines; in plain text each line stands alone. */
  readonly joinsLines: boolean;
  /**
   * Markdown can end the reference list with a new `#` heading. Plain text has no way to, and
   * what follows its list is back matter (disclaimers, "last updated"), so the list runs to the end.
   */
  readonly referencesEndAtHeading: boolean;
  /** Reduces the format's inline markup to plain words (citation markers kept). */
  inline(text: string): string;
}

/** A horizontal rule: three or more of the same `-`, `*`, `_`, `=` or `~`, blanks allowed between. */
export const BREAK = /^\s*([-*_=~])(?:\s*\1){2,}\s*$/;
