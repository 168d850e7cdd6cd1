import { createHash } from 'node:crypto';
import { textHash } from './text-hash';

describe('textHash', () => {
  it('is the sha-256 hex digest of the text (FIPS 180-2 test vector)', () => {
    expect(textHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the empty text too', () => {
    expect(textHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the UTF-8 bytes, so typographic quotes and dashes hash the same everywhere', () => {
    const text = 'Fasoracetam’s dose: 10–20 mg';
    expect(textHash(text)).toBe('1d54c396a87318a17cbb9813fa242fb80f10cbe84a29dc9559499d017dc1b9eb');
    expect(textHash(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(textHash(text)).not.toBe(createHash('sha256').update(Buffer.from(text, 'utf16le')).digest('hex'));
  });

  it('tells texts apart that differ by one character', () => {
    expect(textHash('Take 10 mg daily.')).not.toBe(textHash('Take 100 mg daily.'));
  });
});
