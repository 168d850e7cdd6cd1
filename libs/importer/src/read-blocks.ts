import type { Dialect } from './dialect';
import { readReferenceEntry } from './reference-entry';

/** The source cut into the units the article is built from; text still carries its markup. */
export type Block =
  | { kind: 'heading'; text: string; line: number }
  /** A paragraph or a list item: one or more sentences. */
  | { kind: 'prose'; text: string; line: number }
  | { kind: 'reference'; number: number; text: string; line: number }
  | { kind: 'skipped'; text: string; line: number; reason: string };

/** `References`, `References:`, `REFERENCES` (Markdown emphasis already gone). */
export function isReferencesHeading(heading: string): boolean {
  return /^references:?$/i.test(heading.replace(/[*_`]/g, '').trim());
}

/**
 * Groups lines into blocks: headings, paragraphs and list items outside the reference list,
 * numbered entries inside it. The `References` heading itself yields no block: it is where the
 * list starts, not a section. Lines inside the list that are not entries are kept as skipped.
 */
export function readBlocks(lines: readonly string[], dialect: Dialect): Block[] {
  const blocks: Block[] = [];
  let open: { block: Extract<Block, { kind: 'prose' | 'reference' }>; parts: string[] } | null = null;
  let inReferences = false;
  let inCode = false;

  const close = () => {
    if (open) blocks.push({ ...open.block, text: open.parts.join(' ') });
    open = null;
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const kind = dialect.classify(raw);
    if (kind.kind === 'fence') {
      close();
      inCode = !inCode;
      return;
    }
    if (inCode) {
      // Code is not a claim a reviewer could check; kept in the report instead.
      if (raw.trim() !== '') blocks.push({ kind: 'skipped', text: raw.trim(), line, reason: 'inside a code block' });
      return;
    }
    if (kind.kind === 'blank' || kind.kind === 'break') {
      close();
      return;
    }
    // In plain text a heading-like line inside the list is back matter, not the end of the list.
    const leavesReferences = kind.kind === 'heading' && dialect.referencesEndAtHeading;
    if (inReferences && !leavesReferences) {
      const entry = readReferenceEntry(raw);
      if (entry) {
        close();
        open = { block: { kind: 'reference', number: entry.number, text: '', line }, parts: [entry.text] };
      } else if (open && dialect.joinsLines && kind.kind === 'text') {
        // A wrapped entry; a new list item is not part of the entry before it.
        open.parts.push(kind.text);
      } else {
        close();
        blocks.push({ kind: 'skipped', text: raw.trim(), line, reason: 'in the reference list but not a numbered entry' });
      }
      return;
    }
    if (kind.kind === 'heading') {
      close();
      inReferences = isReferencesHeading(kind.text);
      if (!inReferences) blocks.push({ kind: 'heading', text: kind.text, line });
      return;
    }
    if (kind.kind === 'item' || !open || !dialect.joinsLines) {
      close();
      open = { block: { kind: 'prose', text: '', line }, parts: [kind.text] };
      return;
    }
    open.parts.push(kind.text);
  });
  close();
  return blocks;
}
