import { readReferenceEntry } from './reference-entry';

/** The source cut into the units the article is built from, as plain text: markup already gone. */
export type Block =
  | { kind: 'heading'; text: string; line: number }
  /** A paragraph or a list item: one or more sentences. */
  | { kind: 'prose'; text: string; line: number }
  /**
   * A numbered entry of the reference list. `withTargets` is the same text with each link's
   * target written out where the link is, so that the entry's first web address can be found in
   * reading order, bare or linked.
   */
  | { kind: 'reference'; number: number; text: string; withTargets: string; line: number }
  | { kind: 'skipped'; text: string; line: number; reason: string };

/** `References`, `References:`, `REFERENCES`. */
export function isReferencesHeading(heading: string): boolean {
  return /^references:?$/i.test(heading.trim());
}

/**
 * Reads the lines under a `References` heading into numbered entries. A line that is not an
 * entry continues the open one when the format says it is part of it (a wrapped Markdown list
 * item); otherwise it is kept as skipped, so that back matter is reported rather than dropped.
 */
export class ReferenceList {
  private open: { number: number; line: number; parts: string[]; targets: string[] } | null = null;

  constructor(private readonly blocks: Block[]) {}

  /** `source` is the line as written, for the report of a skipped line (Markdown's `text` has lost its markers). */
  line(text: string, withTargets: string, line: number, continuesEntry: boolean, source = text): void {
    const entry = readReferenceEntry(text, line);
    if (entry) {
      this.close();
      // The entry's marker (`1.`, `[1]`) holds no address, so the targets can keep it.
      this.open = { number: entry.number, line, parts: [entry.text], targets: [withTargets] };
    } else if (this.open && continuesEntry) {
      this.open.parts.push(text);
      this.open.targets.push(withTargets);
    } else {
      this.close();
      if (text !== '') this.blocks.push({ kind: 'skipped', text: source, line, reason: 'in the reference list but not a numbered entry' });
    }
  }

  close(): void {
    if (this.open) {
      const { number, line, parts, targets } = this.open;
      this.blocks.push({ kind: 'reference', number, text: parts.join(' '), withTargets: targets.join(' '), line });
    }
    this.open = null;
  }
}

/** The lines of a block that is not text (code, raw HTML), reported as skipped rather than dropped. */
export function skipLines(blocks: Block[], text: string, firstLine: number, reason: string): void {
  text.split('\n').forEach((raw, offset) => {
    if (raw.trim() !== '') blocks.push({ kind: 'skipped', text: raw.trim(), line: firstLine + offset, reason });
  });
}
