import type { Dialect, LineKind } from './dialect';
import { BREAK } from './dialect';
import { stripMarkdownInline } from './markdown-inline';

/** `# Heading`, `## Heading ##` (ATX); the closing hashes are decoration. */
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** `- `, `* `, `+ `, `• ` and ordered items `1.` / `1)`. */
const ITEM = /^\s*(?:[-*+•]|\d{1,9}[.)])[ \t]+(\S.*)$/u;
const FENCE = /^ {0,3}(?:```|~~~)/;
/** Blockquote markers are layout, not content: `> text` reads as `text`. */
const QUOTE = /^ {0,3}(?:>[ \t]?)+/;

/**
 * Markdown (CommonMark's block structure, reduced to what an article uses): `#` headings,
 * paragraphs wrapped over several lines, bullet and ordered lists. Setext headings and tables
 * are not read as structure.
 */
export const markdownDialect: Dialect = {
  classify(line: string): LineKind {
    if (FENCE.test(line)) return { kind: 'fence' };
    const unquoted = line.replace(QUOTE, '');
    if (unquoted.trim() === '') return { kind: 'blank' };
    if (BREAK.test(unquoted)) return { kind: 'break' };
    const heading = HEADING.exec(unquoted);
    if (heading) return { kind: 'heading', text: (heading[1] ?? '').trim() };
    const item = ITEM.exec(unquoted);
    if (item) return { kind: 'item', text: item[1].trim() };
    // A trailing backslash or two trailing blanks force a line break; as prose it is a blank.
    return { kind: 'text', text: unquoted.trim().replace(/\\$/, '') };
  },
  joinsLines: true,
  referencesEndAtHeading: true,
  inline: stripMarkdownInline,
};
