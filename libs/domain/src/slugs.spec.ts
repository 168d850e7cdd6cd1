import { slugify, uniqueSlug } from './slugs';
import { LIMITS } from './types';

describe('slugify', () => {
  it.each([
    ['Creatine Monohydrate: What the Research Shows', 'creatine-monohydrate-what-the-research-shows'],
    ['Café Crème', 'cafe-creme'],
    ['  --Vitamin D3 & K2--  ', 'vitamin-d3-k2'],
    ['维生素', 'article'],
    ['', 'article'],
  ])('makes %j into %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('gives the composed (NFC) and decomposed (NFD) spelling of a title the same slug', () => {
    expect(slugify('Caf\u00e9')).toBe('cafe');
    expect(slugify('Cafe\u0301')).toBe('cafe');
  });

  it('stays within LIMITS.slug and never ends in a dash', () => {
    const slug = slugify(`${'a'.repeat(LIMITS.slug - 1)} b`);
    expect(slug.length).toBeLessThanOrEqual(LIMITS.slug);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('uniqueSlug', () => {
  it('keeps a slug no article has', () => {
    expect(uniqueSlug('cafe', new Set(['tea']))).toBe('cafe');
  });

  it('numbers a taken slug from 2, skipping numbers also taken', () => {
    expect(uniqueSlug('cafe', new Set(['cafe']))).toBe('cafe-2');
    expect(uniqueSlug('cafe', new Set(['cafe', 'cafe-2', 'cafe-3']))).toBe('cafe-4');
  });

  it('tells two imports of the NFC and the NFD "Café" apart', () => {
    const taken = new Set<string>();
    for (const title of ['Caf\u00e9', 'Cafe\u0301']) taken.add(uniqueSlug(slugify(title), taken));
    expect([...taken]).toEqual(['cafe', 'cafe-2']);
  });

  it('cuts a long slug so that the suffix fits', () => {
    const long = 'a'.repeat(LIMITS.slug);
    const slug = uniqueSlug(long, new Set([long]));
    expect(slug).toBe(`${'a'.repeat(LIMITS.slug - 2)}-2`);
    expect(slug).toHaveLength(LIMITS.slug);
  });
});
