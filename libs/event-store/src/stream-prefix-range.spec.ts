import { prefixRange } from './stream-prefix-range';

describe('prefixRange', () => {
  it('bounds a prefix by the same text with its last character incremented', () => {
    expect(prefixRange('claim-')).toEqual({ lower: 'claim-', upper: 'claim.' });
  });

  it('increments a whole code point, not half of a surrogate pair', () => {
    expect(prefixRange('a\u{1F600}')).toEqual({ lower: 'a\u{1F600}', upper: 'a\u{1F601}' });
  });

  it('skips the surrogate block, which UTF-8 text never contains', () => {
    expect(prefixRange('\u{D7FF}').upper).toBe('\u{E000}');
  });

  it('drops trailing U+10FFFF, which has no successor', () => {
    expect(prefixRange('a\u{10FFFF}').upper).toBe('b');
    expect(prefixRange('\u{10FFFF}').upper).toBeNull();
  });

  it('has no upper bound for the empty prefix', () => {
    expect(prefixRange('')).toEqual({ lower: '', upper: null });
  });
});
