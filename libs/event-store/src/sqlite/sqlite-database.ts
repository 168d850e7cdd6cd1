import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDurability = 'normal' | 'full';

/**
 * How long a writer waits for another connection's write lock (another store on the same file, an
 * import CLI) before giving up with SQLITE_BUSY.
 */
const BUSY_TIMEOUT_MS = 5_000;
const CACHE_KIB = 16 * 1024;

/**
 * Opens (creating the file and its folder when missing) the events database with the pragmas and
 * the schema the adapter relies on. The benchmark opens its raw baseline through this too, so both
 * measure the same durability and the same table.
 *
 * Durability, after https://www.sqlite.org/pragma.html#pragma_synchronous and
 * https://www.sqlite.org/wal.html: in WAL mode a commit is a write() of its frames to the -wal
 * file. With synchronous=NORMAL that write reaches the operating system before the commit returns
 * but is fsync'ed only at checkpoints, so a killed or crashed *process* loses no acknowledged
 * transaction (the OS still has the pages), while a power loss or kernel crash may roll back the
 * last ones (the database stays consistent). synchronous=FULL also fsyncs the WAL at every commit,
 * which survives power loss at the price of one fsync per append. The port promises "a killed
 * process loses no acknowledged event", so 'normal' (synchronous=NORMAL) is the default and 'full'
 * is there for machines whose power cannot be trusted.
 */
export function openEventsDatabase(path: string, durability: SqliteDurability): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    // A 16 MiB page cache: a command reads its streams on every call, and the default 2 MiB cache
    // misses constantly. (No memory map: its pages would count as the process's own memory and
    // grow with the log.)
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * position is the global commit order: an INTEGER PRIMARY KEY is the rowid, and AUTOINCREMENT
 * keeps it from ever being reused. With one writer at a time, positions become visible in
 * increasing order, which the subscriptions rely on. UNIQUE(stream_id, revision) is also the index
 * for stream reads and stream-prefix filters; events_by_type (type, rowid) serves type filters.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type);
`;
