import type { ExpectedRevision, NewEvent } from '../event-store.port';

/**
 * Advisory lock keys (per database). APPEND_LOCK serialises appends, see append_events below;
 * SCHEMA_LOCK keeps two processes that start at once from racing through CREATE ... IF NOT EXISTS,
 * which is not safe against itself (both may pass the check, and one then fails on the catalog).
 */
export const APPEND_LOCK = 0x6576_656e_7473; // 'events' in ASCII
export const SCHEMA_LOCK = APPEND_LOCK + 1;

/** The channel append_events notifies on commit, with the batch's last position as payload. */
export const COMMIT_CHANNEL = 'event_store_commits';

/** The SQLSTATE append_events raises when the stream is not at the expected revision. */
export const WRONG_EXPECTED_REVISION = 'ES409';

/**
 * The table and the append function, created on first use.
 *
 * - position is an identity column: strictly increasing, with gaps where an append rolled back.
 * - stream_id is COLLATE "C": text then compares by bytes, which in UTF-8 is code point order, so
 *   a stream prefix is a range [prefix, successor) on the (stream_id, revision) index, whatever
 *   the database's collation (prefixRange), and no pattern escaping is needed as with LIKE.
 * - data and metadata are json, not jsonb: stored as written (key order, numbers' text) and
 *   cheaper to insert; nothing queries into them.
 * - events_by_type (type, position) serves type filters in position order.
 *
 * Ordering without holes. Readers follow the log by position ("everything after the last one I
 * saw"). With concurrent writers a sequence alone breaks that: a transaction can take position 5,
 * another take 6 and commit, a reader see 6 and move on, and then 5 commit behind it, never to be
 * read. append_events takes APPEND_LOCK (a transaction-scoped advisory lock) before it reads the
 * stream's revision and takes positions, so appends run one at a time and commit in position
 * order: PostgreSQL marks a transaction committed before it releases its locks, so when the next
 * append gets the lock every lower position is already visible, and a snapshot that sees a
 * position sees all below it. The price is one writer at a time (as in SQLite and EventStoreDB);
 * tracking transaction ids and reading below pg_snapshot_xmin (Emmett) keeps writers parallel but
 * delivers in (transaction id, position) order, in which positions can go down, where the port
 * requires them to increase. Holding the lock also makes the revision check and the inserts
 * race-free (the unique (stream_id, revision) constraint stays as a backstop), and recorded_at,
 * read after it, follows position order.
 *
 * append_events(stream, expected, ids, types, data, metadata) takes the expected revision as text
 * ('any', 'no_stream', 'stream_exists' or digits) and the batch as parallel arrays, data and
 * metadata each as one JSON array: a fixed number of parameters and one round trip whatever the
 * batch size. json_array_elements hands each element on as its source text, where extracting a
 * field (->, ->>) would decode every string of the object and fail on a \u0000 that json may
 * hold. It raises ES409 with the actual revision (empty: no stream) in DETAIL when the
 * expectation fails, and unique_violation when an event id is already stored; the adapter then
 * works out whether the append is a retry.
 */
export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id   text COLLATE "C" NOT NULL,
    revision    bigint NOT NULL,
    event_id    uuid NOT NULL,
    type        text NOT NULL,
    data        json NOT NULL,
    metadata    json NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_stream_revision UNIQUE (stream_id, revision),
    CONSTRAINT events_event_id UNIQUE (event_id)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);

  CREATE OR REPLACE FUNCTION append_events(
    stream text, expected text, ids uuid[], types text[], data json, metadata json,
    OUT next_revision bigint, OUT last_position bigint
  ) LANGUAGE plpgsql AS $fn$
  DECLARE
    actual bigint;
    recorded timestamptz;
  BEGIN
    -- Without this lock positions could commit out of order: see "Ordering without holes" above.
    PERFORM pg_advisory_xact_lock(${APPEND_LOCK});
    recorded := clock_timestamp();
    SELECT max(e.revision) INTO actual FROM events e WHERE e.stream_id = stream;
    IF NOT (CASE expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN actual IS NULL
      WHEN 'stream_exists' THEN actual IS NOT NULL
      ELSE coalesce(actual = expected::bigint, false)
    END) THEN
      RAISE EXCEPTION 'stream %: expected revision %, actual %', stream, expected, coalesce(actual::text, 'no stream')
        USING ERRCODE = '${WRONG_EXPECTED_REVISION}', DETAIL = coalesce(actual::text, '');
    END IF;
    INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
    SELECT stream, coalesce(actual, -1) + item.n, item.id, item.type, item.data, item.metadata, recorded
    FROM ROWS FROM (unnest(ids), unnest(types), json_array_elements(data), json_array_elements(metadata))
      WITH ORDINALITY AS item (id, type, data, metadata, n)
    ORDER BY item.n;
    next_revision := coalesce(actual, -1) + cardinality(ids);
    -- This session's last identity value: the batch's last position, rows being inserted in order.
    last_position := lastval();
    PERFORM pg_notify('${COMMIT_CHANNEL}', last_position::text);
  END
  $fn$;
`;

/**
 * The call of append_events for one validated append (ids lower-cased by validateAppend). The
 * adapter sends nothing else to append, so a test holding an append open uses this too.
 */
export function appendEventsQuery(
  streamId: string,
  expected: ExpectedRevision,
  ids: string[],
  events: readonly NewEvent[],
): { name: string; text: string; values: unknown[] } {
  return {
    name: 'append',
    text: 'SELECT next_revision, last_position FROM append_events($1, $2, $3, $4, $5, $6)',
    values: [
      streamId,
      String(expected),
      ids,
      events.map((event) => event.type),
      JSON.stringify(events.map((event) => event.data)),
      JSON.stringify(events.map((event) => event.metadata)),
    ],
  };
}
