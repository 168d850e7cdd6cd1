import MarkdownIt from 'markdown-it';
import { ReferenceList, isReferencesHeading, skipLines, type Block } from './read-blocks';
import { entryNumber } from './reference-entry';
import { removeTags } from './remove-markup';

type Token = MarkdownIt.Token;

/**
 * CommonMark (the `commonmark` preset: no tables, no typographer, no linkify) plus `~~strike~~`.
 * Raw HTML must be recognised as HTML (`html: true`) so that it arrives as html tokens, which are
 * dropped, instead of as text. Every link may parse as a link (`validateLink`): a link's target
 * never becomes text, so `[x](javascript:…)` reads `x`; reference URLs are kept only when the
 * domain's URL rule accepts them.
 */
const markdown = new MarkdownIt('commonmark', { html: true });
markdown.enable('strikethrough');
markdown.validateLink = () => true;

/** Where the numbered link definitions of one parse are kept (see the core rule below). */
const NUMBERED = Symbol('numbered link definitions');
type NumberedDefinition = { label: string; href: string; title: string };

// `[3]` in an article is a citation marker, and `[3]: https://…` the entry it points to.
// CommonMark would make every `[3]` a link to that definition and consume the definition,
// losing the citation and the entry alike. So numeric labels are taken out of the link
// references after the block pass, before inline parsing, and read as reference entries.
markdown.core.ruler.after('block', 'numbered_definitions', (state) => {
  const references = state.env.references ?? {};
  const numbered: NumberedDefinition[] = [];
  for (const [label, reference] of Object.entries(references)) {
    if (!/^\d+$/.test(label)) continue;
    numbered.push({ label, ...reference });
    delete references[label];
  }
  state.env[NUMBERED] = numbered;
});

/**
 * Markdown read with a real parser: headings (ATX and setext), paragraphs, list items and block
 * quotes give text; only the parser's text nodes become words (inline code keeps its text, an
 * image its alt text, a link its text). HTML, link targets, image sources and code fences' info
 * strings never do; code blocks and HTML blocks are reported as skipped. The reference list is
 * the numbered entries under a `References` heading, up to the next heading, and every numbered
 * link definition (`[3]: https://…`) wherever it stands.
 */
export function readMarkdownBlocks(lines: readonly string[]): Block[] {
  const env: MarkdownIt.Env = {};
  const tokens = markdown.parse(lines.join('\n'), env);
  const blocks: Block[] = [];
  let references: ReferenceList | null = null;
  /** The list items open around the current token, innermost last, and whether each has shown text yet. */
  const items: { marker: string; started: boolean }[] = [];

  for (const [index, token] of tokens.entries()) {
    const line = (token.map?.[0] ?? 0) + 1;
    switch (token.type) {
      case 'heading_open': {
        const text = plainText(tokens[index + 1]?.children ?? []);
        references?.close();
        references = isReferencesHeading(text) ? new ReferenceList(blocks) : null;
        if (!references) blocks.push({ kind: 'heading', text, line });
        break;
      }
      case 'list_item_open':
        // `info` is an ordered item's number as written; bullets have none.
        items.push({ marker: token.info === '' ? '' : `${token.info}${token.markup} `, started: false });
        break;
      case 'list_item_close':
        items.pop();
        break;
      case 'paragraph_open': {
        const children = tokens[index + 1]?.children ?? [];
        const item = items.at(-1);
        if (references) {
          readReferenceLines(references, children, line, item, lines);
        } else {
          blocks.push({ kind: 'prose', text: plainText(children), line });
        }
        if (item) item.started = true;
        break;
      }
      case 'fence':
        // The content starts on the line after the opening fence; the info string is not content.
        skipLines(blocks, token.content, line + 1, 'inside a code block');
        break;
      case 'code_block':
        skipLines(blocks, token.content, line, 'inside a code block');
        break;
      case 'html_block':
        skipLines(blocks, lines.slice(line - 1, token.map?.[1] ?? line).join('\n'), line, 'raw HTML, which is not read as text');
        break;
    }
  }
  references?.close();
  const definitions = (env[NUMBERED] ?? []) as NumberedDefinition[];
  if (definitions.length === 0) return blocks;
  const lineOf = definitionLines(lines);
  const entries = definitions.map((definition) => definitionEntry(definition, lineOf.get(definition.label) ?? 1));
  // In source order with the rest, so that a number listed twice is reported in reading order.
  return [...blocks, ...entries].sort((a, b) => a.line - b.line);
}

/**
 * `[3]: https://doi.org/… "Smith J. A trial. 2020."` as reference [3]: the title is the citation
 * (the address when there is none), the address the url.
 */
function definitionEntry({ label, href, title }: NumberedDefinition, line: number): Block {
  const text = removeTags(title || href).replace(/\s+/g, ' ').trim();
  return { kind: 'reference', number: entryNumber(label, line), text, withTargets: ` ${href} `, line };
}

/** The parser keeps no line for a definition: the first line that starts like one, per label, in one pass. */
function definitionLines(lines: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const [index, source] of lines.entries()) {
    const label = /^[ >]*\[\s*(\d+)\s*\]:/.exec(source)?.[1];
    if (label !== undefined && !found.has(label)) found.set(label, index + 1);
  }
  return found;
}

/**
 * A paragraph under `References`, line by line as written: a wrapped entry continues over its
 * lines, and several `[n] …` lines in one paragraph are several entries. The first paragraph of
 * an ordered list item gets the item's number back (`2. `), which the parser took off.
 */
function readReferenceLines(
  references: ReferenceList,
  children: readonly Token[],
  line: number,
  item: { marker: string; started: boolean } | undefined,
  lines: readonly string[],
): void {
  splitAtLineBreaks(children).forEach((part, offset) => {
    const marker = offset === 0 && item && !item.started ? item.marker : '';
    const continuesEntry = offset > 0 || item?.started === true;
    const source = (lines[line + offset - 1] ?? '').trim();
    references.line(marker + plainText(part), marker + plainText(part, true), line + offset, continuesEntry, source);
  });
}

function splitAtLineBreaks(children: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (const child of children) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push([]);
    else parts[parts.length - 1].push(child);
  }
  return parts;
}

/**
 * The words of an inline run: text and code spans as they read, an image's alt text, a link's
 * text; html, emphasis and link delimiters give nothing. Text that still looks like a tag (an
 * entity such as `&lt;b&gt;` decoded, or `<svg/onload=…>`, which CommonMark does not count as
 * HTML but a browser would) is removed like any tag. With `withTargets`, each link's target is
 * written out where the link starts.
 */
function plainText(children: readonly Token[], withTargets = false): string {
  let text = '';
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        text += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      case 'image':
        text += plainText(child.children ?? []);
        break;
      case 'link_open':
        if (withTargets) text += ` ${child.attrGet('href') ?? ''} `;
        break;
    }
  }
  return removeTags(text).replace(/\s+/g, ' ').trim();
}
