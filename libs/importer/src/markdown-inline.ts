/**
 * Markdown's inline syntax, reduced to the words a reader sees: emphasis and code markers go,
 * a link or image keeps its text (a link is not a citation: `[study](https://…)` reads
 * `study`), inline HTML tags go (so `<sup>[3]</sup>` leaves the citation marker). Numbered
 * citation markers (`[3]`) are not links and pass through for the citation reader.
 *
 * Paired markers are looked for at most 500 characters apart: a paragraph may be a megabyte,
 * and an unbounded search from every unclosed `**` would take minutes. Longer emphasis is rare
 * and keeps its markers, visibly.
 */
export function stripMarkdownInline(text: string): string {
  return restoreEscapes(
    hideEscapes(text)
      .replace(LINK, '$1')
      .replace(/<((?:https?|mailto):[^<>\s]+)>/gi, '$1')
      .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '')
      .replace(/(`+)([^`]*?)\1/g, '$2')
      .replace(/(\*\*|__)(?=\S)([\s\S]{0,500}?\S)\1/g, '$2')
      .replace(/\*(?=\S)([^*]*?\S)\*/g, '$1')
      // Underscores inside words (NS_105) are not emphasis in Markdown either.
      .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, '$1$2')
      .replace(/~~(?=\S)([\s\S]{0,500}?\S)~~/g, '$1')
      .replace(/`/g, ''),
  );
}

/** `[text](url)`, `[text](url "title")`, `![alt](url)`, with one level of brackets in the url. */
const LINK = /!?\[([^[\]]*)\]\(\s*(?:<[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g;

/**
 * A backslash-escaped character is literal. It is parked in the private-use range while the
 * markup is stripped (ASCII only, so U+E000–U+E07F) and put back afterwards.
 */
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|~<>])/g;
const PARKED = /[\uE000-\uE07F]/g;

function hideEscapes(text: string): string {
  return text.replace(ESCAPED, (_escape, char: string) => String.fromCharCode(0xe000 + char.charCodeAt(0)));
}

function restoreEscapes(text: string): string {
  return text.replace(PARKED, (char) => String.fromCharCode(char.charCodeAt(0) - 0xe000));
}
