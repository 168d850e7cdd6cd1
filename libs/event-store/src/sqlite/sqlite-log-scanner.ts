import Database from 'better-sqlite3';

/**
 * One page of the log as JSON text (UTF-8): an array of
 * `[position, streamId, revision, type, data, recordedAt, ...metadataValues]`, where data is the
 * event's data as an object and the metadata values are those at the requested JSON paths
 * (null where a path is missing).
 */
export interface ScannedPage {
  json: Uint8Array;
  /** Events on the page. */
  count: number;
  /** Position of its last event (0 when empty). */
  last: number;
}

/**
 * Reads a SQLite event store's log in position order on a read-only connection of its own, for
 * a projection rebuilt in another thread. SQLite itself writes each page as one JSON document
 * holding only what was asked for (the metadata values at the requested paths, not the whole
 * metadata), so reading costs this thread no per-event work, and the page crosses to the other
 * thread as bytes, without a copy.
 */
export class SqliteLogScanner {
  private readonly db: Database.Database;
  private readonly page: Database.Statement<[number, number, number], { json: Buffer | null; count: number; last: number | null }>;

  constructor(path: string, metadataPaths: readonly string[]) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    this.db.pragma('cache_size = -16384');
    const extracted = metadataPaths.map((jsonPath) => `, metadata -> ${quote(jsonPath)}`).join('');
    this.page = this.db.prepare(
      `SELECT CAST(json_group_array(json_array(position, stream_id, revision, type, json(data), recorded_at${extracted})) AS BLOB) AS json,
              COUNT(*) AS count, MAX(position) AS last
       FROM (SELECT * FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?)`,
    );
  }

  /** Up to `limit` events after position `after`, up to position `to`. */
  read(after: number, to: number, limit: number): ScannedPage {
    const row = this.page.get(after, to, limit)!;
    return { json: row.json ?? Buffer.from('[]'), count: row.count, last: row.last ?? 0 };
  }

  close(): void {
    this.db.close();
  }
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
