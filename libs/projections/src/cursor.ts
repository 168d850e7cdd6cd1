import { BadInput } from '@app/domain';

/** The queries that page with cursors; a cursor names its query and is refused by any other. */
export type CursorKind = 'queue' | 'due' | 'history' | 'audit';

const SEPARATOR = '\u001f';
const BASE64URL = /^[A-Za-z0-9_-]{1,512}$/;

/**
 * Opaque to clients: inside, the query's kind, then what the query needs to go on (a sort key of
 * non-negative integers, and for a history the stream it pages through).
 */
export const cursor = {
  encode(kind: CursorKind, numbers: readonly number[], scope = ''): string {
    return Buffer.from([kind, scope, ...numbers].join(SEPARATOR), 'utf8').toString('base64url');
  },

  /**
   * The numbers of a cursor this query issued (`count` of them), for the same `scope`; anything
   * else (another query's cursor, another stream's, a string that is not one of ours) is
   * BAD_USER_INPUT on `after`.
   */
  decode(kind: CursorKind, value: string, count: number, scope = ''): number[] {
    const refuse = () => new BadInput(`after is not a cursor this ${describe(kind)} issued`, 'after');
    if (!BASE64URL.test(value)) throw refuse();
    const text = Buffer.from(value, 'base64url').toString('utf8');
    // Only the encoding this service writes: no padding, no stray bits, no other alphabet.
    if (Buffer.from(text, 'utf8').toString('base64url') !== value) throw refuse();
    const [issuedBy, issuedFor, ...parts] = text.split(SEPARATOR);
    if (issuedBy !== kind || issuedFor !== scope || parts.length !== count) throw refuse();
    const numbers = parts.map((part) => (/^\d{1,15}$/.test(part) ? Number(part) : NaN));
    if (!numbers.every(Number.isSafeInteger)) throw refuse();
    return numbers;
  },
};

function describe(kind: CursorKind): string {
  return { queue: 'review queue', due: 'review-due list', history: 'history', audit: 'audit trail' }[kind];
}
