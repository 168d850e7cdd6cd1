import { BadInput } from './errors';
import {
  isReferenceNumber,
  requireBoundedText,
  requireCitationNumbers,
  requireId,
  requireOptionalText,
  requireReason,
  requireReferenceNumber,
  requireText,
  requireUrl,
} from './input-rules';
import { LIMITS } from './types';

/** The deciders' checks: the text rule's, and text must arrive in the form it stores. */
describe('input rules delegate to the text rule', () => {
  const refuses = (check: () => void, field: string, message: RegExp) => {
    expect(check).toThrow(BadInput);
    expect(check).toThrow(expect.objectContaining({ field }));
    expect(check).toThrow(message);
  };

  it.each([
    ['a right-to-left override', 'Claim \u202Etxet', /right-to-left override \(U\+202E\)/],
    ['a C1 control', 'It\u0092s fine', /C1 control character/],
    ['a lone surrogate', 'Broken \uD83D', /lone surrogate/],
    ['a line separator', 'Half\u2028a sentence', /line separator/],
    ['a line feed', 'Two\nlines', /line break/],
    ['markup', 'It helps <b>a lot</b>', /reads as an HTML tag/],
    ['NFD text', 'Cafe\u0301', /not in its stored form/],
    ['untrimmed text', ' Claim ', /not in its stored form/],
  ])('requireText refuses %s', (_case, value, message) => {
    refuses(() => requireText(value, 'text', LIMITS.claimText), 'text', message);
  });

  it('requireReason allows line feeds but not CR, which the boundary turns into LF', () => {
    expect(() => requireReason('first line\nsecond line')).not.toThrow();
    refuses(() => requireReason('first\r\nsecond'), 'reason', /not in its stored form/);
    refuses(() => requireReason('ok \u2066hidden\u2069'), 'reason', /left-to-right isolate/);
  });

  it('requireBoundedText and requireOptionalText allow empty text and null, nothing the rule refuses', () => {
    expect(() => requireBoundedText('', 'heading', LIMITS.heading)).not.toThrow();
    expect(() => requireOptionalText(null, 'evidence', LIMITS.note)).not.toThrow();
    refuses(() => requireBoundedText('Dosage\u200F', 'heading', LIMITS.heading), 'heading', /right-to-left mark/);
    refuses(() => requireOptionalText('p. 3\u0000', 'evidence', LIMITS.locator), 'evidence', /control character/);
  });

  it('requireId takes the id rule: ASCII letters, digits and . _ : -', () => {
    expect(() => requireId('6f1c8a8e-2b7c-4d51-9a55-3e2a8f0b9c11', 'claimId')).not.toThrow();
    refuses(() => requireId('c1\u202E', 'claimId'), 'claimId', /not a valid id/);
  });

  it('requireUrl takes the URL rule', () => {
    expect(() => requireUrl('https://doi.org/10.1/x')).not.toThrow();
    refuses(() => requireUrl('javascript:alert(1)'), 'url', /http: or https:/);
    refuses(() => requireUrl(' https://doi.org/10.1/x'), 'url', /not in its stored form/);
  });
});

describe('reference numbers', () => {
  it.each([1, 7, LIMITS.referenceNumber])('accepts %d', (number) => {
    expect(isReferenceNumber(number)).toBe(true);
  });

  it.each([0, -1, 1.5, LIMITS.referenceNumber + 1, 2_147_483_648, 3_000_000_000, Number("9007199254740993"), Infinity, NaN, '3'])(
    'refuses %p',
    (number) => {
      expect(isReferenceNumber(number)).toBe(false);
      expect(() => requireReferenceNumber(number as number, 'number')).toThrow(/not a reference number \(1 to 100000\)/);
    },
  );

  it('bounds citation numbers by the same limit', () => {
    expect(() => requireCitationNumbers([LIMITS.referenceNumber])).not.toThrow();
    expect(() => requireCitationNumbers([LIMITS.referenceNumber + 1])).toThrow(expect.objectContaining({ field: 'citations' }));
    expect(() => requireCitationNumbers([3_000_000_000])).toThrow(/not a reference number/);
  });

  it('keeps every limit within GraphQL Int', () => {
    for (const [name, value] of Object.entries(LIMITS)) {
      expect([name, value <= 2_147_483_647]).toEqual([name, true]);
    }
  });
});
