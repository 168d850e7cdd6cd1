import type { ExpectedRevision, NewEvent } from '../event-store.port';

/**
 * Advisory lock keys (per database). APPEND_LOCK serialises appends, see appendEventsQuery below;
 * SCHEMA_LOCK keeps two processes that start at once from racing through CREATE ... IF NOT EXISTS,
 * which is not safe against itself (both may pass the check, and one then fails on the catalog).
 */
export const APPEND_LOCK = 0x6576_656e_7473; // 'events' in ASCII
export const SCHEMA_LOCK = APPEND_LOCK + 1;

/** The channel an append notifies on commit, with the batch's last position as payload. */
export const COMMIT_CHANNEL = 'event_store_commits';

/**
 * The table, created on first use.
 *
 * - position is an identity column: strictly increasing, with gaps where an append rolled back.
 * - stream_id is COLLATE "C": text then compares by bytes, which in UTF-8 is code point order, so
 *   a stream prefix is a range [prefix, successor) on the (stream_id, revision) index, whatever
 *   the database's collation (prefixRange), and no pattern escaping is needed as with LIKE.
 * - data and metadata are json, not jsonb: stored as written (key order, numbers' text) and
 *   cheaper to insert; nothing queries into them.
 * - events_by_type (type, position) serves type filters in position order.
 *
 * (Versions before this one appended through a PL/pgSQL function, append_events. It is left in
 * the databases it was created in, so that a replica of that version keeps working while the
 * replicas are upgraded one by one; nothing here uses it.)
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
`;

/** The expectation ($2: 'any', 'no_stream', 'stream_exists' or digits) on the stream's revision. */
const EXPECTATION_HOLDS = `CASE $2::text
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN head.actual IS NULL
      WHEN 'stream_exists' THEN head.actual IS NOT NULL
      ELSE coalesce(head.actual = $2::bigint, false)
    END`;
const notify = (position: string) => `pg_notify('${COMMIT_CHANNEL}', ${position}::text)`;

/**
 * One event: its row is the join of the lock (a one-row subquery) and the stream's revision, so
 * it exists only once the lock is held, and its position (the identity default, computed over the
 * SELECT's rows) and recorded_at (clock_timestamp in the same projection) are taken after.
 * Measured interleaved against the batch's form below with one event, on connections of their
 * own: 28–47 µs less per append (the two materialised CTEs' work), 0.83–0.87 of a bare INSERT
 * against 0.77–0.79.
 */
const APPEND_ONE = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
    SELECT $1, coalesce(head.actual, -1) + 1, $3::uuid, $4::text, $5::json, $6::json, clock_timestamp()
    FROM (SELECT pg_advisory_xact_lock(${APPEND_LOCK})) AS locked,
      (SELECT max(revision) AS actual FROM events WHERE stream_id = $1) AS head
    WHERE ${EXPECTATION_HOLDS}
    RETURNING revision, position, ${notify('position')}`;

/**
 * A batch comes as parallel arrays, data and metadata each as one JSON array, so the statement
 * has a fixed number of parameters whatever the batch size. json_array_elements hands each
 * element on as its source text, where extracting a field (->, ->>) would decode every string of
 * the object and fail on a \u0000 that json may hold. The lock and one clock reading for the
 * whole batch are materialised CTEs, `head` read from `locked`; the single event's form, with a
 * clock reading per row, measured no faster for 100 events.
 */
const APPEND_BATCH = `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(${APPEND_LOCK})),
    head AS MATERIALIZED (
      SELECT (SELECT max(revision) FROM events WHERE stream_id = $1) AS actual, clock_timestamp() AS recorded FROM locked
    ),
    appended AS (
      INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
      SELECT $1, coalesce(head.actual, -1) + item.n, item.id, item.type, item.data, item.metadata, head.recorded
      FROM head, ROWS FROM (unnest($3::uuid[]), unnest($4::text[]), json_array_elements($5::json), json_array_elements($6::json))
        WITH ORDINALITY AS item (id, type, data, metadata, n)
      WHERE ${EXPECTATION_HOLDS}
      ORDER BY item.n
      RETURNING revision, position
    )
    SELECT max(revision), max(position), ${notify('max(position)')} FROM appended HAVING count(*) > 0`;

/**
 * One append as one statement: take APPEND_LOCK, read the stream's revision, check the
 * expectation, insert the events at the next revisions, and NOTIFY COMMIT_CHANNEL with the last
 * position. It answers one row, (the stream's revision after the append, the last position), or
 * no row when the expectation failed and nothing was written. Plain statements rather than a
 * PL/pgSQL function: named, each is planned once per connection (a generic plan,
 * pg_prepared_statements shows) and runs as one executor pass: the backend's CPU per one-event
 * append went from 158 µs to 115 µs (93 µs for a bare INSERT).
 *
 * Ordering without holes. Readers follow the log by position ("everything after the last one I
 * saw"). With concurrent writers a sequence alone breaks that: a transaction can take position 5,
 * another take 6 and commit, a reader see 6 and move on, and then 5 commit behind it, never to be
 * read. The statement takes APPEND_LOCK (a transaction-scoped advisory lock) before it takes
 * positions (the inserted rows come from the lock's row), so appends take positions one at a
 * time and commit in position order: PostgreSQL marks a transaction committed before it releases
 * its locks, so when the next append gets the lock every lower position is already visible, and a
 * snapshot that sees a position sees all below it. The price is one writer at a time (as in
 * SQLite and EventStoreDB); tracking transaction ids and reading below pg_snapshot_xmin (Emmett)
 * keeps writers parallel but delivers in (transaction id, position) order, in which positions can
 * go down, where the port requires them to increase. recorded_at, read after the lock, follows
 * position order.
 *
 * The revision is read in the statement's snapshot, taken before the lock was granted, so it can
 * miss an append to the same stream that committed while this one waited. The unique
 * (stream_id, revision) constraint then refuses the insert, whose revision is taken; for a
 * numeric or 'no_stream' expectation that is the conflict it is, and for 'any' and
 * 'stream_exists' the adapter appends again in a transaction that holds the lock before its
 * statement starts (PostgresEventStore.append).
 */
export function appendEventsQuery(
  streamId: string,
  expected: ExpectedRevision,
  ids: string[],
  events: readonly NewEvent[],
): { name: string; text: string; values: unknown[] } {
  if (events.length === 1) {
    const [event] = events;
    return {
      name: 'append_one',
      text: APPEND_ONE,
      values: [streamId, String(expected), ids[0], event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
    };
  }
  return {
    name: 'append_batch',
    text: APPEND_BATCH,
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
