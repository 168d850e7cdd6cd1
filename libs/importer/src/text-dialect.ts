import { hasCitationMarker } from './citation-markers';
import type { Dialect, LineKind } from './dialect';
import { BREAK } from './dialect';
import { endsLikeSentence, splitSentences } from './split-sentences';

/** Bullets seen in pasted articles, and numbered items `1.` / `1)` (at most three digits: `2015. ` is a year). */
const ITEM = /^\s*(?:[-*•◦▪‣]|\d{1,3}[.)])\s+(\S.*)$/u;

/**
 * Plain text as articles are pasted from the web: one paragraph per line, headings as lines of
 * their own. A heading is a line that does not read as prose: no sentence-ending `.` or `!`, no
 * citation marker, not a list item; a single question or a line ending in `:` counts as a
 * heading too (`What Is Fasoracetam?`). Two sentences on one line are prose, whatever the last
 * character.
 */
export const textDialect: Dialect = {
  classify(line: string): LineKind {
    const trimmed = line.trim();
    if (trimmed === '') return { kind: 'blank' };
    if (BREAK.test(trimmed)) return { kind: 'break' };
    const item = ITEM.exec(trimmed);
    if (item) return { kind: 'item', text: item[1] };
    if (isHeading(trimmed)) return { kind: 'heading', text: trimmed };
    return { kind: 'text', text: trimmed };
  },
  joinsLines: false,
  referencesEndAtHeading: false,
  inline: (text) => text,
};

function isHeading(line: string): boolean {
  return !hasCitationMarker(line) && !endsLikeSentence(line) && splitSentences(line).length === 1;
}
