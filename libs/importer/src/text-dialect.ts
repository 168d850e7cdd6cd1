import { hasCitationMarker } from './citation-markers';
import { ReferenceList, isReferencesHeading, type Block } from './read-blocks';
import { removeTags } from './remove-markup';
import { endsLikeSentence, sentencesOf } from './split-sentences';

/** A horizontal rule: three or more of the same `-`, `*`, `_`, `=` or `~`, blanks allowed between. */
const BREAK = /^([-*_=~])(?: ?\1){2,}$/;
/** Bullets seen in pasted articles, and numbered items `1.` / `1)` (at most three digits: `2015. ` is a year). */
const ITEM = /^(?:[-*•◦▪‣]|\d{1,3}[.)]) (\S.*)$/u;

/**
 * Plain text as articles are pasted from the web: one paragraph per line, headings as lines of
 * their own. A heading is a line that does not read as prose: no sentence-ending `.` or `!`, no
 * citation marker, not a list item; a single question or a line ending in `:` counts as a
 * heading too (`What Is Fasoracetam?`). Two sentences on one line are prose, whatever the last
 * character. The reference list runs to the end: what follows it is back matter (disclaimers,
 * "last updated"), and plain text has no way to end it.
 *
 * Markup pasted along with the text is removed from each line first (`removeTags`), and runs of
 * blanks become one space, so every later step reads a line as a reader would.
 */
export function readTextBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let references: ReferenceList | null = null;

  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const text = removeTags(raw).replace(/\s+/g, ' ').trim();
    if (text === '' || BREAK.test(text)) {
      references?.close();
      continue;
    }
    if (references) {
      references.line(text, text, line, false);
      continue;
    }
    const item = ITEM.exec(text);
    if (item) {
      blocks.push({ kind: 'prose', text: item[1], line });
    } else if (!isHeading(text)) {
      blocks.push({ kind: 'prose', text, line });
    } else if (isReferencesHeading(text)) {
      references = new ReferenceList(blocks);
    } else {
      blocks.push({ kind: 'heading', text, line });
    }
  }
  references?.close();
  return blocks;
}

function isHeading(line: string): boolean {
  if (hasCitationMarker(line) || endsLikeSentence(line)) return false;
  const sentences = sentencesOf(line);
  sentences.next();
  return sentences.next().done === true;
}
