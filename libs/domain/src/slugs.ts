import { LIMITS } from './types';

/**
 * The URL slug of an article title: lower-case ASCII letters and digits joined by `-`, accents
 * dropped (`Café Crème` → `cafe-creme`), at most LIMITS.slug characters, `article` when nothing is
 * left. The title is brought to NFC first, so the composed and decomposed spellings of the same
 * title give the same slug (and so collide, as they should: `uniqueSlug` then tells them apart).
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFC')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, LIMITS.slug)
    .replace(/-$/, '');
  return slug || 'article';
}

/**
 * `slug` itself when no article has it yet, else the first free `slug-2`, `slug-3`, … (cut so that
 * the suffix fits LIMITS.slug). Pure: the caller keeps the set of slugs taken. At most
 * `taken.size + 1` candidates are tried, so it always ends.
 */
export function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; n <= taken.size + 2; n++) {
    const suffix = `-${n}`;
    const candidate = `${slug.slice(0, LIMITS.slug - suffix.length).replace(/-$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
  // Unreachable: taken.size + 1 distinct candidates cannot all be in a set of taken.size.
  throw new Error('no free slug');
}
