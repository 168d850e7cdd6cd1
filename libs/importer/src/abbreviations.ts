/**
 * What a full stop after a word means. Health writing is full of abbreviations whose full stop
 * does not end a sentence (`approx. 50 mg`, `Dr. Smith`, `et al.`), and of short words that do
 * (`vitamin D.`, `… etc.`). A wrong split cuts a claim in two, so the lists err on the side of
 * the common case and are kept here, apart from the splitting itself.
 */

/** Titles and name parts: always followed by the name they belong to. Case matters (`ms` is milliseconds). */
const TITLES = new Set(['Dr', 'Drs', 'Mr', 'Mrs', 'Ms', 'Prof', 'St', 'Mt', 'Rev', 'Gen', 'Sgt', 'Capt', 'Lt', 'Hon']);

/** Abbreviations that practically never end a sentence, whatever follows. */
const NEVER_FINAL = new Set(['approx', 'vs', 'al', 'cf', 'ca', 'viz', 'incl', 'esp', 'resp', 'dept', 'est', 'appx']);

/**
 * Abbreviations that continue the sentence when a number follows (`Fig. 2`, `No. 5`, `mg. 3
 * times`) but are as often the last word of one (`… in milligrams (mg). The`, `… etc. Later`).
 */
const BEFORE_NUMBER = new Set([
  'no', 'nos', 'fig', 'figs', 'eq', 'vol', 'p', 'pp', 'ref', 'refs', 'ch', 'sec', 'tab', 'art', 'ed', 'eds',
  'etc', 'mg', 'mcg', 'g', 'kg', 'ml', 'l', 'iu', 'oz', 'lb', 'lbs', 'min', 'max', 'hr', 'hrs', 'wk', 'wks',
  'yr', 'yrs', 'mo', 'mos', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Words after which a single capital letter is a name, not an initial: `vitamin D.` and `type 2
 * … group B.` end sentences, while `J. Smith` does not.
 */
const LETTER_NAMES = new Set([
  'vitamin', 'vitamins', 'type', 'group', 'groups', 'phase', 'class', 'grade', 'stage', 'hepatitis', 'schedule',
  'category', 'appendix', 'table', 'figure', 'section', 'part', 'plan', 'omega', 'lane', 'block', 'wing', 'arm',
]);

/** e.g, i.e, U.S, Ph.D, a.m: letter groups of one or two joined by full stops. */
const INITIALISM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;

/**
 * Whether the full stop that ends `before` (the text up to, not including, the stop) belongs to
 * an abbreviation, so that the sentence goes on; `next` is the text after the stop and the blanks.
 */
export function continuesAfterFullStop(before: string, next: string): boolean {
  const token = /[^\s(["'“‘]*$/u.exec(before)?.[0] ?? '';
  if (token === '') return false;
  if (INITIALISM.test(token)) return true;
  if (/^\p{Lu}$/u.test(token)) return !namesALetter(before);
  if (TITLES.has(token)) return true;
  const lower = token.toLowerCase();
  if (NEVER_FINAL.has(lower)) return true;
  return BEFORE_NUMBER.has(lower) && /^\p{N}/u.test(next);
}

function namesALetter(before: string): boolean {
  const word = /(\p{L}+)\s+\p{Lu}$/u.exec(before)?.[1];
  return word !== undefined && LETTER_NAMES.has(word.toLowerCase());
}
