import { BadInput } from '@app/domain';
import { cursor } from './cursor';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same bytes, spelled with a last character whose unused low bit is set. */
function strayBits(value: string): string {
  expect(value.length % 4).not.toBe(0);
  const last = ALPHABET.indexOf(value[value.length - 1]);
  const spelled = value.slice(0, -1) + ALPHABET[last ^ 1];
  expect(Buffer.from(spelled, 'base64url')).toEqual(Buffer.from(value, 'base64url'));
  return spelled;
}

describe('cursors', () => {
  it('gives back the numbers it was made from, for the same query and scope', () => {
    expect(cursor.decode('queue', cursor.encode('queue', [3, 0, 12]), 3)).toEqual([3, 0, 12]);
    expect(cursor.decode('history', cursor.encode('history', [7], 'claim-1'), 1, 'claim-1')).toEqual([7]);
  });

  it.each([
    ['another query’s cursor', () => cursor.decode('audit', cursor.encode('history', [7], 'claim-1'), 1)],
    ['a history cursor of another stream', () => cursor.decode('history', cursor.encode('history', [7], 'claim-1'), 1, 'claim-2')],
    ['a review queue cursor for the audit trail', () => cursor.decode('audit', cursor.encode('queue', [1, 2, 3]), 1)],
    ['characters outside base64url', () => cursor.decode('audit', 'M*A', 1)],
    ['padding', () => cursor.decode('audit', `${cursor.encode('audit', [5])}=`, 1)],
    ['a non-canonical encoding (the unused bits of its last character set)', () => cursor.decode('audit', strayBits(cursor.encode('audit', [5])), 1)],
    ['the empty string', () => cursor.decode('audit', '', 1)],
    ['plain base64url of a number', () => cursor.decode('audit', Buffer.from('5').toString('base64url'), 1)],
    ['too few numbers', () => cursor.decode('queue', cursor.encode('queue', [1, 2]), 3)],
    ['a number past 15 digits', () => cursor.decode('audit', cursor.encode('audit', [1e16]), 1)],
    ['a negative number', () => cursor.decode('audit', cursor.encode('audit', [-1]), 1)],
    ['over 512 characters', () => cursor.decode('audit', 'A'.repeat(600), 1)],
  ])('refuses %s with BAD_USER_INPUT on after', (_name, decode) => {
    expect(decode).toThrow(BadInput);
    try {
      decode();
    } catch (error) {
      expect((error as BadInput).field).toBe('after');
    }
  });
});
