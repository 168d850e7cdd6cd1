import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConcurrencyConflict,
  InvalidAppend,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '../src';

export interface StoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every adapter owes the port. Each test writes under its own stream prefix and
 * reads $all from the position before it started, so adapters whose tests share one server
 * (EventStoreDB) stay independent.
 */
export function describeEventStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    /** A stream prefix of this test only. */
    let ns: string;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      ns = `contract_${randomUUID().slice(0, 8)}-`;
    });

    afterEach(async () => {
      await cleanup();
    });

    const headPosition = async (): Promise<number> => (await store.status()).lastPosition ?? 0;
    const ownEventsAfter = (position: number, maxCount = 10_000): Promise<RecordedEvent[]> =>
      store.readAll({ fromPosition: position, maxCount, filter: { streamPrefixes: [ns] } });

    describe('appending and reading back', () => {
      it('stores events with their data, metadata, type, revision, position and recording time', async () => {
        const stream = `${ns}claim-1`;
        const first = newEvent('ClaimDrafted', { text: 'Coffee lowers blood pressure', tags: ['diet', 1, true, null] });
        const second = newEvent('ClaimRevised', { text: 'Coffee may lower blood pressure', nested: { a: [1.5] } }, {
          actor: 'reviewer-1',
        });
        const before = Date.now();
        const result = await store.append(stream, [first, second], { expectedRevision: 'no_stream' });
        const after = Date.now();

        const events = await store.readStream(stream);

        expect(events.map(({ id, streamId, revision, type, data, metadata }) => ({ id, streamId, revision, type, data, metadata }))).toEqual([
          { id: first.id, streamId: stream, revision: 0, type: 'ClaimDrafted', data: first.data, metadata: {} },
          { id: second.id, streamId: stream, revision: 1, type: 'ClaimRevised', data: second.data, metadata: { actor: 'reviewer-1' } },
        ]);
        expect(events[0].position).toBeGreaterThan(0);
        expect(events[1].position).toBeGreaterThan(events[0].position);
        expect(result).toEqual({ nextRevision: 1, position: events[1].position });
        for (const event of events) {
          // Two seconds of slack for a server whose clock is not this process's.
          expect(event.recordedAt).toBeGreaterThanOrEqual(before - 2_000);
          expect(event.recordedAt).toBeLessThanOrEqual(after + 2_000);
        }
      });

      it('numbers revisions contiguously from 0 across appends and reports the stream revision', async () => {
        const stream = `${ns}claim-1`;
        expect(await store.streamRevision(stream)).toBeNull();
        await store.append(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        const result = await store.append(stream, [newEvent()], { expectedRevision: 1 });

        expect(result.nextRevision).toBe(2);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(await store.streamRevision(stream)).toBe(2);
      });

      it('rejects malformed appends with InvalidAppend and writes nothing', async () => {
        const stream = `${ns}claim-1`;
        const twice = newEvent();
        const malformed: NewEvent[][] = [
          [],
          [{ ...newEvent(), id: 'not-a-uuid' }],
          [twice, twice],
          [{ ...newEvent(), type: '' }],
        ];
        for (const events of malformed) {
          await expect(store.append(stream, events, { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidAppend);
        }
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('expected revision', () => {
      const existingStream = async (events = 2): Promise<string> => {
        const stream = `${ns}existing`;
        await store.append(stream, Array.from({ length: events }, () => newEvent()), { expectedRevision: 'no_stream' });
        return stream;
      };

      it("appends when the expected revision is the stream's last revision", async () => {
        const stream = await existingStream();
        await expect(store.append(stream, [newEvent()], { expectedRevision: 1 })).resolves.toMatchObject({ nextRevision: 2 });
      });

      it('rejects an outdated revision with the actual revision and writes nothing', async () => {
        const stream = await existingStream();
        await expectConflict(store.append(stream, [newEvent()], { expectedRevision: 0 }), stream, 0, 1);
        await expectConflict(store.append(stream, [newEvent()], { expectedRevision: 5 }), stream, 5, 1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('rejects a revision for a stream that does not exist, with actual null', async () => {
        const stream = `${ns}missing`;
        await expectConflict(store.append(stream, [newEvent()], { expectedRevision: 0 }), stream, 0, null);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it("'no_stream' appends to a new stream and rejects an existing one", async () => {
        const stream = `${ns}new`;
        await expect(store.append(stream, [newEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({
          nextRevision: 0,
        });
        await expectConflict(store.append(stream, [newEvent()], { expectedRevision: 'no_stream' }), stream, 'no_stream', 0);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it("'stream_exists' rejects a new stream and appends to an existing one", async () => {
        const missing = `${ns}missing`;
        await expectConflict(store.append(missing, [newEvent()], { expectedRevision: 'stream_exists' }), missing, 'stream_exists', null);
        expect(await store.readStream(missing)).toEqual([]);

        const stream = await existingStream();
        await expect(store.append(stream, [newEvent()], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({
          nextRevision: 2,
        });
      });

      it("'any' appends to a new stream and to an existing one", async () => {
        const stream = `${ns}any`;
        await expect(store.append(stream, [newEvent()], { expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 0 });
        await expect(store.append(stream, [newEvent()], { expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 1 });
      });

      // Fewer contenders than the EventStoreDB adapter's attempts (MAX_REVISION_READS): it appends
      // these two at a revision it reads, and one contender can lose once to each of the others.
      it.each(['any', 'stream_exists'] as const)('stores every one of 8 concurrent %s appends to one stream, each at its own revision', async (expectedRevision) => {
        const stream = await existingStream(1);
        const contenders = Array.from({ length: 8 }, () => newEvent());

        const results = await Promise.all(contenders.map((event) => store.append(stream, [event], { expectedRevision })));

        expect(results.map((result) => result.nextRevision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        const stored = await store.readStream(stream);
        expect(stored).toHaveLength(9);
        expect(new Set(stored.slice(1).map((event) => event.id))).toEqual(new Set(contenders.map((event) => event.id)));
      });

      it('lets exactly one of 20 concurrent appends with the same expected revision win', async () => {
        const stream = await existingStream(1);
        const contenders = Array.from({ length: 20 }, () => [newEvent(), newEvent()]);

        const outcomes = await Promise.allSettled(
          contenders.map((events) => store.append(stream, events, { expectedRevision: 0 })),
        );

        const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            expect(outcome.reason).toBeInstanceOf(ConcurrencyConflict);
            expect(outcome.reason).toMatchObject({ streamId: stream, expected: 0, actual: 2 });
          }
        }
        const stored = await store.readStream(stream);
        expect(stored.slice(1).map((event) => event.id)).toEqual(contenders[winners[0]].map((event) => event.id));
      });
    });

    describe('idempotency by event id', () => {
      it('returns the first result and writes nothing when a batch is appended again with the same expectation', async () => {
        const stream = `${ns}claim-1`;
        const batch = [newEvent(), newEvent()];
        const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });

        await expect(store.append(stream, batch, { expectedRevision: 'no_stream' })).resolves.toEqual({ ...first, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('returns the first result when a batch is retried after the stream has moved on', async () => {
        const stream = `${ns}claim-1`;
        await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' });
        const batch = [newEvent(), newEvent()];
        const first = await store.append(stream, batch, { expectedRevision: 0 });
        await store.append(stream, [newEvent()], { expectedRevision: 2 });

        await expect(store.append(stream, batch, { expectedRevision: 0 })).resolves.toEqual({ ...first, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it("returns the first result when a batch is appended again with 'any'", async () => {
        const stream = `${ns}claim-1`;
        const batch = [newEvent()];
        const first = await store.append(stream, batch, { expectedRevision: 'any' });

        await expect(store.append(stream, batch, { expectedRevision: 'any' })).resolves.toEqual({ ...first, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('rejects a batch whose first event was stored with other events, writing nothing', async () => {
        const stream = `${ns}claim-1`;
        const [shared, other] = [newEvent(), newEvent()];
        await store.append(stream, [shared, other], { expectedRevision: 'no_stream' });

        await expect(store.append(stream, [shared, newEvent()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
          InvalidAppend,
        );
        expect((await store.readStream(stream)).map((event) => event.id)).toEqual([shared.id, other.id]);
      });
    });

    describe('reading a stream', () => {
      let stream: string;
      let ids: string[];

      beforeEach(async () => {
        stream = `${ns}claim-1`;
        const events = Array.from({ length: 10 }, () => newEvent());
        ids = events.map((event) => event.id);
        await store.append(stream, events.slice(0, 4), { expectedRevision: 'no_stream' });
        await store.append(stream, events.slice(4), { expectedRevision: 3 });
      });

      const revisions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
        (await store.readStream(stream, options)).map((event) => event.revision);

      it('reads forwards from the first revision by default', async () => {
        const events = await store.readStream(stream);
        expect(events.map((event) => event.id)).toEqual(ids);
        expect(events.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it('reads backwards from the last revision', async () => {
        expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      });

      it('reads forwards from fromRevision to toRevision, both included', async () => {
        expect(await revisions({ fromRevision: 3, toRevision: 6 })).toEqual([3, 4, 5, 6]);
        expect(await revisions({ fromRevision: 7 })).toEqual([7, 8, 9]);
        expect(await revisions({ toRevision: 2 })).toEqual([0, 1, 2]);
      });

      it('reads backwards from fromRevision down to toRevision, both included', async () => {
        expect(await revisions({ direction: 'backwards', fromRevision: 6, toRevision: 3 })).toEqual([6, 5, 4, 3]);
        expect(await revisions({ direction: 'backwards', toRevision: 7 })).toEqual([9, 8, 7]);
        expect(await revisions({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
      });

      it('stops after maxCount events in either direction', async () => {
        expect(await revisions({ fromRevision: 2, maxCount: 3 })).toEqual([2, 3, 4]);
        expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([9, 8]);
        expect(await revisions({ fromRevision: 1, toRevision: 8, maxCount: 2 })).toEqual([1, 2]);
      });

      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(`${ns}missing`)).toEqual([]);
        expect(await store.readStream(`${ns}missing`, { direction: 'backwards' })).toEqual([]);
        expect(await store.streamRevision(`${ns}missing`)).toBeNull();
      });
    });

    describe('reading all streams', () => {
      let start: number;
      let appended: { stream: string; type: string; id: string }[];

      beforeEach(async () => {
        start = await headPosition();
        appended = [];
        const plan: [string, string][] = [
          ['article-1', 'ArticleDrafted'],
          ['claim-1', 'ClaimDrafted'],
          ['article-1', 'ArticleRevised'],
          ['claim-2', 'ClaimDrafted'],
          ['claim-1', 'ClaimRevised'],
          ['article-2', 'ArticleDrafted'],
          ['claim-2', 'ClaimRevised'],
        ];
        for (const [suffix, type] of plan) {
          const stream = `${ns}${suffix}`;
          const event = newEvent(type);
          await store.append(stream, [event], { expectedRevision: 'any' });
          appended.push({ stream, type, id: event.id });
        }
      });

      it('reads events of every stream in commit order with strictly increasing positions', async () => {
        const events = await ownEventsAfter(start);

        expect(events.map((event) => event.id)).toEqual(appended.map((event) => event.id));
        expect(events.every((event, i) => i === 0 || event.position > events[i - 1].position)).toBe(true);
        const unfiltered = await store.readAll({ fromPosition: start, maxCount: 100 });
        expect(unfiltered.every((event, i) => i === 0 || event.position > unfiltered[i - 1].position)).toBe(true);
      });

      it('starts right after fromPosition', async () => {
        const events = await ownEventsAfter(start);

        const rest = await ownEventsAfter(events[2].position);

        expect(rest.map((event) => event.id)).toEqual(appended.slice(3).map((event) => event.id));
      });

      it('returns at most maxCount events', async () => {
        const events = await store.readAll({ fromPosition: start, maxCount: 3, filter: { streamPrefixes: [ns] } });
        expect(events.map((event) => event.id)).toEqual(appended.slice(0, 3).map((event) => event.id));
        expect(await store.readAll({ fromPosition: start, maxCount: 2 })).toHaveLength(2);
      });

      it('keeps only the streams starting with one of the given prefixes', async () => {
        const events = await store.readAll({
          fromPosition: start,
          maxCount: 100,
          filter: { streamPrefixes: [`${ns}claim-`, `${ns}article-2`] },
        });
        const expected = appended.filter((event) => event.stream.startsWith(`${ns}claim-`) || event.stream === `${ns}article-2`);
        expect(events.map((event) => event.id)).toEqual(expected.map((event) => event.id));
      });

      it('keeps only events of the given types', async () => {
        const events = await store.readAll({
          fromPosition: start,
          maxCount: 100,
          filter: { eventTypes: ['ClaimRevised', 'ArticleRevised'] },
        });
        const expected = appended.filter((event) => event.type === 'ClaimRevised' || event.type === 'ArticleRevised');
        expect(events.map((event) => event.id)).toEqual(expected.map((event) => event.id));
      });

      it('combines stream prefixes and event types', async () => {
        const events = await store.readAll({
          fromPosition: start,
          maxCount: 100,
          filter: { streamPrefixes: [`${ns}claim-`], eventTypes: ['ClaimDrafted'] },
        });
        const expected = appended.filter((event) => event.stream.startsWith(`${ns}claim-`) && event.type === 'ClaimDrafted');
        expect(events.map((event) => event.id)).toEqual(expected.map((event) => event.id));
      });

      it('reports the position of the last stored event', async () => {
        const events = await ownEventsAfter(start);
        await expect(store.status()).resolves.toMatchObject({ ok: true, lastPosition: events[events.length - 1].position });
      });
    });

    describe('one store over many calls', () => {
      // One store for all of it: a store per call would open a new connection each time and hide
      // what a long-lived store accumulates (EventStoreDB: reads left open on the connection).
      it('keeps answering after 150 status() calls and 150 reads that stop before the end of the log', async () => {
        const start = await headPosition();
        for (let i = 0; i < 4; i++) {
          await store.append(`${ns}claim-${i}`, Array.from({ length: 10 }, () => newEvent()), { expectedRevision: 'no_stream' });
        }
        const ownEvents = await ownEventsAfter(start);
        expect(ownEvents).toHaveLength(40);

        for (let i = 0; i < 150; i++) {
          await expect(promptly('status()', store.status())).resolves.toMatchObject({ ok: true });
          const page = await promptly(
            'readAll()',
            store.readAll({ fromPosition: start, maxCount: 5, ...(i % 2 === 0 ? {} : { filter: { streamPrefixes: [ns] } }) }),
          );
          expect(page).toHaveLength(5);
        }

        await expect(promptly('status()', store.status())).resolves.toMatchObject({
          ok: true,
          lastPosition: ownEvents[ownEvents.length - 1].position,
        });
        await expect(promptly('readStream()', store.readStream(`${ns}claim-0`, { toRevision: 2 }))).resolves.toHaveLength(3);
        await expect(promptly('streamRevision()', store.streamRevision(`${ns}claim-3`))).resolves.toBe(9);
        await expect(
          promptly('append()', store.append(`${ns}claim-0`, [newEvent()], { expectedRevision: 9 })),
        ).resolves.toMatchObject({ nextRevision: 10 });
        const subscription = store.subscribeToAll({ fromPosition: start, filter: { streamPrefixes: [ns] } }, { onEvent: () => undefined });
        try {
          await promptly('a subscription’s catch-up', subscription.caughtUp);
        } finally {
          await subscription.stop();
        }
      });
    });

    describe('subscribing to all streams', () => {
      it('delivers stored, catch-up-time and live events exactly once, in order, with no gap', async () => {
        const start = await headPosition();
        const streams = [`${ns}claim-1`, `${ns}claim-2`, `${ns}article-1`];
        for (let i = 0; i < 12; i++) {
          await store.append(streams[i % 3], Array.from({ length: 100 }, () => newEvent()), { expectedRevision: 'any' });
        }
        const received: RecordedEvent[] = [];
        let duringCatchUp: Promise<void> | undefined;
        const subscription = store.subscribeToAll(
          { fromPosition: start, filter: { streamPrefixes: [ns] } },
          {
            onEvent: async (event) => {
              received.push(event);
              // Appends land while the stored events are still being delivered.
              if (received.length === 150) duringCatchUp = appendOneByOne(store, streams, 60);
              if (received.length % 50 === 0) await sleep(1);
            },
          },
        );
        await subscription.caughtUp;
        await duringCatchUp;
        await appendOneByOne(store, streams, 40);

        const expected = await ownEventsAfter(start);
        expect(expected).toHaveLength(1_300);
        await waitFor(() => received.length >= expected.length);
        await sleep(100); // anything delivered twice would arrive now
        await subscription.stop();

        expect(received.map((event) => event.id)).toEqual(expected.map((event) => event.id));
        expect(received.every((event, i) => i === 0 || event.position > received[i - 1].position)).toBe(true);
      });

      it('starts after fromPosition and delivers only events matching the filter', async () => {
        const start = await headPosition();
        const plan = ['ClaimDrafted', 'ClaimRevised', 'ClaimDrafted', 'ClaimRevised', 'ClaimRevised'];
        for (const [i, type] of plan.entries()) {
          await store.append(`${ns}claim-${i}`, [newEvent(type)], { expectedRevision: 'no_stream' });
          await store.append(`other${ns}claim-${i}`, [newEvent(type)], { expectedRevision: 'no_stream' });
        }
        const own = await ownEventsAfter(start);
        const from = own[1].position;
        const received: RecordedEvent[] = [];
        const caughtUpAt: number[] = [];

        const subscription = store.subscribeToAll(
          { fromPosition: from, filter: { streamPrefixes: [ns], eventTypes: ['ClaimRevised'] } },
          { onEvent: (event) => void received.push(event), onCaughtUp: (position) => void caughtUpAt.push(position) },
        );
        await subscription.caughtUp;
        const live = newEvent('ClaimRevised');
        await store.append(`${ns}claim-live`, [newEvent('ClaimDrafted'), live], { expectedRevision: 'no_stream' });
        await waitFor(() => received.length >= 3);
        await sleep(100);
        await subscription.stop();

        expect(received.map((event) => event.id)).toEqual([own[3].id, own[4].id, live.id]);
        expect(caughtUpAt[0]).toBeGreaterThanOrEqual(own[4].position);
      });

      it('reports being caught up again after delivering live events', async () => {
        const caughtUpAt: number[] = [];
        const subscription = store.subscribeToAll(
          { fromPosition: await headPosition(), filter: { streamPrefixes: [ns] } },
          { onEvent: () => undefined, onCaughtUp: (position) => void caughtUpAt.push(position) },
        );
        await subscription.caughtUp;

        const { position } = await store.append(`${ns}claim-1`, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });

        await waitFor(() => caughtUpAt.some((at) => at >= position));
        await subscription.stop();
      });

      it('stop() waits for the event in hand and nothing is delivered after it', async () => {
        await store.append(`${ns}claim-1`, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        let release!: () => void;
        const handling = new Promise<void>((resolve) => (release = resolve));
        const received: string[] = [];
        let inHandler!: () => void;
        const entered = new Promise<void>((resolve) => (inHandler = resolve));
        const subscription = store.subscribeToAll(
          { filter: { streamPrefixes: [ns] } },
          {
            onEvent: async (event) => {
              received.push(event.id);
              inHandler();
              await handling;
            },
          },
        );
        await entered;

        let stopped = false;
        const stopping = subscription.stop().then(() => (stopped = true));
        await sleep(50);
        expect(stopped).toBe(false);
        release();
        await stopping;

        await store.append(`${ns}claim-1`, [newEvent()], { expectedRevision: 1 });
        await sleep(200);
        expect(received).toHaveLength(1);
      });

      it('stops and reports the error when the handler throws', async () => {
        await store.append(`${ns}claim-1`, Array.from({ length: 5 }, () => newEvent()), { expectedRevision: 'no_stream' });
        const failure = new Error('projection failed');
        const errors: Error[] = [];
        let calls = 0;
        const subscription = store.subscribeToAll(
          { filter: { streamPrefixes: [ns] } },
          {
            onEvent: () => {
              calls++;
              if (calls === 3) throw failure;
            },
            onError: (error) => void errors.push(error),
          },
        );

        await expect(subscription.caughtUp).rejects.toBe(failure);
        await store.append(`${ns}claim-1`, [newEvent()], { expectedRevision: 4 });
        await sleep(200);
        await subscription.stop();
        expect(errors).toEqual([failure]);
        expect(calls).toBe(3);
      });
    });
  });
}

/**
 * What an adapter that offers appendAtomically owes it: several streams in one commit, all or
 * nothing, idempotent. Held to every adapter that can (EventStoreDB cannot, and leaves it out).
 */
export function describeAtomicAppendContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`${name} atomic appends across streams`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let ns: string;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      ns = `atomic_${randomUUID().slice(0, 8)}-`;
    });
    afterEach(async () => cleanup());

    const atomically = (appends: Parameters<NonNullable<EventStore['appendAtomically']>>[0]) => {
      if (!store.appendAtomically) throw new Error(`${name} has no appendAtomically`);
      return store.appendAtomically(appends);
    };

    it('stores every stream of the append, in one commit with consecutive positions, and answers each result in order', async () => {
      const parts = ['claim-1', 'claim-2', 'section-1'].map((stream) => ({
        streamId: `${ns}${stream}`,
        events: [newEvent(), newEvent()],
        options: { expectedRevision: 'no_stream' as const },
      }));

      const results = await atomically(parts);

      const stored = await store.readAll({ maxCount: 100, filter: { streamPrefixes: [ns] } });
      expect(stored.map((event) => event.id)).toEqual(parts.flatMap((part) => part.events.map((event) => event.id)));
      expect(results).toEqual(parts.map((part) => {
        const events = stored.filter((event) => event.streamId === part.streamId);
        return { nextRevision: 1, position: events[1].position };
      }));
    });

    it('stores nothing when one part conflicts, and says which', async () => {
      await store.append(`${ns}taken`, [newEvent()], { expectedRevision: 'no_stream' });
      const attempt = atomically([
        { streamId: `${ns}fresh`, events: [newEvent()], options: { expectedRevision: 'no_stream' } },
        { streamId: `${ns}taken`, events: [newEvent()], options: { expectedRevision: 'no_stream' } },
      ]);

      await expect(attempt).rejects.toMatchObject({ streamId: `${ns}taken`, actual: 0 });
      await expect(attempt).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await store.readStream(`${ns}fresh`)).toEqual([]);
      expect(await store.readStream(`${ns}taken`)).toHaveLength(1);
    });

    it('stores nothing when one part is malformed', async () => {
      await expect(
        atomically([
          { streamId: `${ns}fresh`, events: [newEvent()], options: { expectedRevision: 'no_stream' } },
          { streamId: `${ns}bad`, events: [], options: { expectedRevision: 'no_stream' } },
        ]),
      ).rejects.toBeInstanceOf(InvalidAppend);
      expect(await store.readStream(`${ns}fresh`)).toEqual([]);
    });

    it('answers the first results when the same atomic append is sent again, writing nothing', async () => {
      const parts = ['a', 'b'].map((stream) => ({ streamId: `${ns}${stream}`, events: [newEvent()], options: { expectedRevision: 'no_stream' as const } }));
      const first = await atomically(parts);

      await expect(atomically(parts)).resolves.toEqual(first.map((result) => ({ ...result, alreadyStored: true })));
      expect(await store.readAll({ maxCount: 100, filter: { streamPrefixes: [ns] } })).toHaveLength(2);
    });
  });
}

export function newEvent(type = 'ClaimDrafted', data: JsonObject = {}, metadata: JsonObject = {}): NewEvent {
  return { id: randomUUID(), type, data: { ...data, n: Math.random() }, metadata };
}

async function expectConflict(
  append: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | null,
): Promise<void> {
  const error: unknown = await append.then(
    () => new Error('append succeeded'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConcurrencyConflict);
  expect(error).toMatchObject({ streamId, expected, actual });
}

async function appendOneByOne(store: EventStore, streams: string[], count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.append(streams[i % streams.length], [newEvent('ClaimRevised')], { expectedRevision: 'any' });
  }
}

/** `promise`, or a rejection naming `what` if it has not settled within `ms`: a hung call fails here, not at jest's timeout. */
async function promptly<T>(what: string, promise: Promise<T>, ms = 2_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}
