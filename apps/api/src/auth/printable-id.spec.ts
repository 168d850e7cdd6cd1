import { MAX_ID_LENGTH, whyNotPrintableId } from './printable-id';

describe('whyNotPrintableId', () => {
  it.each([
    'alice',
    'auth0|5f7c8ec7c33c6c004bbafe82',
    'alice@example.org',
    'Jane Doe',
    'José',
    'Zoë Ångström',
    '山田太郎',
    '😀', // one code point, two UTF-16 units
    'x'.repeat(MAX_ID_LENGTH),
    '😀'.repeat(MAX_ID_LENGTH),
  ])('accepts %j', (id) => {
    expect(whyNotPrintableId(id)).toBeNull();
  });

  it.each([
    ['', 'is empty'],
    ['x'.repeat(MAX_ID_LENGTH + 1), 'is longer than 200 characters'],
    ['😀'.repeat(MAX_ID_LENGTH + 1), 'is longer than 200 characters'],
    ['alice\r', 'contains U+000D'],
    ['alice\nADMIN', 'contains U+000A'],
    ['alice\u0000', 'contains U+0000'],
    ['ali\tce', 'contains U+0009'],
    ['alice\u001B[31m', 'contains U+001B'],
    ['alice\u007F', 'contains U+007F'],
    ['alice\u0085', 'contains U+0085'],
    ['alice\u009B', 'contains U+009B'],
    ['alice\u202Egnp.exe', 'contains U+202E'],
    ['\u202Aalice', 'contains U+202A'],
    ['alice\u2066', 'contains U+2066'],
    ['alice\u2069', 'contains U+2069'],
    ['alice\u200E', 'contains U+200E'],
    ['alice\u200F', 'contains U+200F'],
    ['alice\u061C', 'contains U+061C'],
    ['alice\u2028', 'contains U+2028'],
    ['alice\u2029', 'contains U+2029'],
    ['ali\u200Bce', 'contains U+200B'],
    ['\uFEFFalice', 'contains U+FEFF'],
    ['alice\uFFFD', 'contains U+FFFD'],
    ['alice\uD800', 'contains a lone surrogate (U+D800)'],
    ['\uDC00alice', 'contains a lone surrogate (U+DC00)'],
    ['alice\uDBFF\uDBFF\uDC00', 'contains a lone surrogate (U+DBFF)'],
    [' ', 'is only whitespace'],
    ['     ', 'is only whitespace'],
    ['\u00A0\u3000', 'is only whitespace'],
    [' alice', 'begins or ends with whitespace'],
    ['alice ', 'begins or ends with whitespace'],
    ['alice\u00A0', 'begins or ends with whitespace'],
    ['Jose\u0301', 'is not in Unicode normalisation form NFC'],
    ['\u212B', 'is not in Unicode normalisation form NFC'], // ANGSTROM SIGN, NFC is U+00C5
  ])('refuses %j: %s', (id, reason) => {
    expect(whyNotPrintableId(id)).toContain(reason);
  });

  it('takes its length bound as an argument', () => {
    expect(whyNotPrintableId('abcd', 3)).toBe('is longer than 3 characters');
    expect(whyNotPrintableId('abc', 3)).toBeNull();
  });
});
