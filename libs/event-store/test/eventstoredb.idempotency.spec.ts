import { InvalidAppend } from '../src';
import { batchStartAmong, matchBatchAt, type StoredEvent } from '../src/eventstoredb/eventstoredb-idempotency';

/**
 * How the EventStoreDB adapter tells a retried batch from a conflict, on stored events held in
 * memory: the decisions are ours, the reads that feed them run against a real server in the
 * contract's "idempotency by event id" cases.
 */
describe('EventStoreDB idempotency: telling a retried batch from ids reused elsewhere', () => {
  const stream = (...ids: string[]): StoredEvent[] => ids.map((id, i) => ({ id, revision: 10 + i, position: 1_000 + 100 * i }));

  describe('matchBatchAt (the events from where the batch would start)', () => {
    it('gives the first result when the batch is stored there whole, in order', () => {
      expect(matchBatchAt('claim-1', ['a', 'b'], stream('a', 'b', 'c'))).toEqual({ nextRevision: 11, position: 1_100, alreadyStored: true });
    });

    it('is null when another batch is there: a genuine conflict', () => {
      expect(matchBatchAt('claim-1', ['a', 'b'], stream('x', 'b'))).toBeNull();
      expect(matchBatchAt('claim-1', ['a'], [])).toBeNull();
    });

    it('refuses a batch whose first event was stored with other events', () => {
      expect(() => matchBatchAt('claim-1', ['a', 'b'], stream('a', 'x'))).toThrow(InvalidAppend);
      expect(() => matchBatchAt('claim-1', ['a', 'b', 'c'], stream('a', 'b'))).toThrow(InvalidAppend);
    });
  });

  describe('batchStartAmong (where a stored batch would begin, from the stream’s newest events)', () => {
    it('is null when none of the ids is stored: the append goes ahead', () => {
      expect(batchStartAmong(['a', 'b'], stream('x', 'y'))).toBeNull();
    });

    it('finds a batch stored at the end of the stream', () => {
      expect(batchStartAmong(['a', 'b'], stream('x', 'a', 'b'))).toBe(11);
    });

    it('finds a batch the stream has moved on from', () => {
      expect(batchStartAmong(['a', 'b'], stream('a', 'b', 'x', 'y'))).toBe(10);
    });

    it('reckons back from a later id when the batch begins before the events read', () => {
      // 'a' at revision 9 is older than the newest events read; 'b' is its second event.
      expect(batchStartAmong(['a', 'b', 'c'], stream('b', 'c', 'x'))).toBe(9);
    });
  });
});
