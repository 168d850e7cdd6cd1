/**
 * A tag as a browser reads one: `<` and a letter, `/`, `!` or `?`, up to the next `>`. This is
 * the shape the domain's text rule refuses (`findMarkup`), so what is left after removal passes
 * it unless a tag was left open (`<b` with no `>`), which the rule then reports. `p < 0.05` and
 * `<3` are not tags. `[^<>]*` stops at the next `<` or `>`, so one pass is linear.
 */
const TAG = /<[A-Za-z/!?][^<>]*>/g;

/**
 * Removes markup from text an article is made of: the tags go, the words between them stay
 * (`<b>Dosage</b>` reads `Dosage`, `<script>alert(1)</script>` reads `alert(1)`, inert), and
 * comments go whole. Entities (`&lt;`) are not decoded: in plain text they are the characters
 * the author typed.
 */
export function removeTags(text: string): string {
  return text.includes('<') ? removeComments(text).replace(TAG, '') : text;
}

/**
 * `<!-- … -->` may hold `<` and `>`, so it is cut out by position, not by TAG. An unclosed
 * comment is left for TAG and the text rule; every later one is unclosed too, so the scan stops
 * there and stays linear.
 */
function removeComments(text: string): string {
  let kept = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf('<!--', from);
    const end = start === -1 ? -1 : text.indexOf('-->', start + 4);
    if (end === -1) return kept + text.slice(from);
    kept += text.slice(from, start);
    from = end + 3;
  }
}
