import fc from 'fast-check';
import { BadInput } from './errors';
import { cleanText, cleanUrl, findMarkup, findRefusedCharacter, TEXT_FIELDS, type TextRule } from './text-rules';

/**
 * Strings from every corner of UTF-16: any code unit (so lone surrogates and controls), any code
 * point, and a handful that the rule is about, mixed so that they meet each other.
 */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const interesting = fc.constantFrom(
  '<', '>', '/', '!', '?', 'a', 'Z', ' ', '\t', '\n', '\r', '\u00A0', '\u0301', 'e', '\u202E', '\u2028',
  '\uD83D', '\uDE00', '\uFFFE', '\u0085', '\u0958', '&lt;', 'https://', ':', '@', '"',
);
const anyText = fc.string({ unit: fc.oneof(codeUnit, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), interesting), maxLength: 60 });

const RULES: TextRule[] = [TEXT_FIELDS.title, TEXT_FIELDS.reason, { field: 'heading', max: 20, allowEmpty: true }];

describe('the text rule on arbitrary strings', () => {
  it.each(RULES.map((rule) => [rule.field, rule] as const))(
    'either refuses with BadInput or returns NFC text that the rule keeps as it is (%s)',
    (_field, rule) => {
      fc.assert(
        fc.property(anyText, (value) => {
          let cleaned: string;
          try {
            cleaned = cleanText(value, rule);
          } catch (error) {
            expect(error).toBeInstanceOf(BadInput);
            expect((error as BadInput).field).toBe(rule.field);
            return;
          }
          expect(cleaned.normalize('NFC')).toBe(cleaned);
          expect(cleaned).toBe(cleaned.trim());
          expect(cleaned.length).toBeLessThanOrEqual(rule.max);
          expect(findRefusedCharacter(cleaned, { multiline: rule.multiline === true })).toBeNull();
          expect(cleaned).not.toMatch(/\r/);
          expect(findMarkup(cleaned)).toBeNull();
          expect(cleanText(cleaned, rule)).toBe(cleaned);
        }),
        { numRuns: 1000 },
      );
    },
  );

  it('either refuses a URL or returns an http(s) address the rule keeps as it is', () => {
    const urlish = fc.tuple(fc.constantFrom('https://', 'http://', 'javascript:', 'HTTPS://', ''), anyText).map(([scheme, rest]) => scheme + rest);
    fc.assert(
      fc.property(urlish, (value) => {
        let cleaned: string;
        try {
          cleaned = cleanUrl(value);
        } catch (error) {
          expect(error).toBeInstanceOf(BadInput);
          return;
        }
        expect(['http:', 'https:']).toContain(new URL(cleaned).protocol);
        expect(cleaned).not.toMatch(/["'<>\\`\s]/u);
        expect(findRefusedCharacter(cleaned, { multiline: false })).toBeNull();
        expect(cleanUrl(cleaned)).toBe(cleaned);
      }),
      { numRuns: 1000 },
    );
  });
});
