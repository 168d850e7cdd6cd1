import type Database from 'better-sqlite3';

/**
 * Bump when a table's shape or an apply rule changes: the read models are then dropped and
 * rebuilt from the log at the next start.
 */
export const READ_MODEL_VERSION = 9;

export const READ_MODEL_TABLES = [
  'articles',
  'sections',
  'claims',
  'section_claims',
  'live_claims',
  'audit_names',
  'audit_events',
  'audit_time_buckets',
  'read_model_sizes',
] as const;

/** The width of an audit_time_buckets bucket: one hour of occurred_at. */
export const AUDIT_BUCKET_MS = 3_600_000;

export function createReadModelTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS read_model_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      position INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS articles (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      state_json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sections (
      id TEXT PRIMARY KEY,
      article_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      state TEXT NOT NULL,
      state_json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS claims (
      id TEXT PRIMARY KEY,
      article_id TEXT NOT NULL,
      section_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      state TEXT NOT NULL,
      state_json TEXT NOT NULL,
      -- 1 when its text has wording flags (wordingFlags in the domain).
      flagged INTEGER NOT NULL DEFAULT 0,
      -- When its approval stops holding, while it is MEDICALLY_REVIEWED or PUBLISHED; else null.
      review_due_at INTEGER
    );
    -- A claim's place in the review order: its section's claim order (removed claims drop out).
    CREATE TABLE IF NOT EXISTS section_claims (
      section_id TEXT NOT NULL,
      claim_id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      PRIMARY KEY (section_id, ord)
    );
    CREATE TABLE IF NOT EXISTS live_claims (
      claim_id TEXT PRIMARY KEY,
      section_id TEXT NOT NULL,
      text TEXT NOT NULL,
      text_revision INTEGER NOT NULL,
      text_hash TEXT NOT NULL
    );
    -- The writer's own lookups; needed while a rebuild loads.
    CREATE INDEX IF NOT EXISTS section_claims_by_claim ON section_claims (claim_id);
    CREATE INDEX IF NOT EXISTS live_claims_by_section ON live_claims (section_id);
    -- An index over the log, not a copy of it: the events' bodies stay in the store. Streams,
    -- articles, types and actors are stored as numbers from audit_names, which keeps the rows and
    -- the four indexes over them a fraction of the size of their names (and a rebuild that much
    -- quicker to write and sort).
    CREATE TABLE IF NOT EXISTS audit_names (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS audit_events (
      position INTEGER PRIMARY KEY,
      stream INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      article INTEGER,
      type INTEGER NOT NULL,
      actor INTEGER,
      occurred_at INTEGER NOT NULL
    );
    -- Where in the log each hour of occurred_at lies: the first and last position of the events
    -- that occurred in it. A time range becomes an exact position range (every event at or after
    -- "from" is at or after the smallest first_position of the buckets from that hour on), which
    -- every position-ordered index can seek to. The writer folds each batch's rows into it.
    -- The largest article, section and reference list so far (ReadModelSizes, as JSON): what a
    -- query for whole article trees is priced by.
    CREATE TABLE IF NOT EXISTS read_model_sizes (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      sizes_json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS audit_time_buckets (
      bucket INTEGER PRIMARY KEY,
      first_position INTEGER NOT NULL,
      last_position INTEGER NOT NULL
    );
  `);
}

/**
 * Secondary indexes. A rebuild from the start of the log loads the tables first and creates
 * these once it has caught up: one sorted build per index instead of a B-tree update per row.
 */
export function createReadModelIndexes(db: Database.Database): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS sections_by_article ON sections (article_id, position);
    CREATE INDEX IF NOT EXISTS claims_by_state ON claims (state, article_id);
    CREATE INDEX IF NOT EXISTS claims_by_due ON claims (review_due_at) WHERE review_due_at IS NOT NULL;
    CREATE INDEX IF NOT EXISTS audit_by_stream ON audit_events (stream, position);
    CREATE INDEX IF NOT EXISTS audit_by_article ON audit_events (article, position);
    CREATE INDEX IF NOT EXISTS audit_by_actor ON audit_events (actor, position);
    CREATE INDEX IF NOT EXISTS audit_by_type ON audit_events (type, position);
  `);
}

export function dropReadModelTables(db: Database.Database): void {
  // stream_articles: a table of earlier versions.
  for (const table of [...READ_MODEL_TABLES, 'stream_articles', 'read_model_meta']) db.exec(`DROP TABLE IF EXISTS ${table}`);
}
