import type Database from 'better-sqlite3';
import { type ArticleState, type ClaimState, type ReviewState, type SectionState } from '@app/domain';
import { cursor } from './cursor';
import { NO_SIZES, type ReadModelSizes } from './read-model-fold';
import { AUDIT_BUCKET_MS } from './schema';
import { articleView, claimRecord, sectionView, type ArticleView, type ClaimRecord, type SectionView } from './views';

export interface Page<T> {
  items: Array<{ cursor: string; node: T }>;
  hasNextPage: boolean;
}

export interface CountedPage<T> extends Page<T> {
  totalCount: number;
}

export interface AuditFilter {
  articleId?: string | null;
  streamId?: string | null;
  actorId?: string | null;
  types?: string[] | null;
  /** Epoch milliseconds, inclusive. */
  from?: number | null;
  /** Epoch milliseconds, inclusive. */
  to?: number | null;
}

/** Where an event of the audit index lies in the log; its body is read from the store. */
export interface AuditKey {
  position: number;
  streamId: string;
  revision: number;
}


/** The queries the API serves, all from the read-model tables. */
export class ReadModels {
  private readonly stmts;
  private readonly auditStatements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      article: db.prepare('SELECT revision, state_json FROM articles WHERE id = ?'),
      articles: db.prepare('SELECT revision, state_json FROM articles ORDER BY seq'),
      section: db.prepare('SELECT revision, state_json FROM sections WHERE id = ?'),
      claim: db.prepare(
        `SELECT c.revision, c.state_json, l.text AS live_text, l.text_revision AS live_revision
         FROM claims c LEFT JOIN live_claims l ON l.claim_id = c.id WHERE c.id = ?`,
      ),
    };
  }

  /** The store's article count and its largest article, section and reference list so far. */
  sizes(): ReadModelSizes {
    return readSizes(this.db);
  }

  article(id: string): ArticleView | null {
    const row = this.stmts.article.get(id) as StateRow | undefined;
    return row ? articleView(JSON.parse(row.state_json) as ArticleState, row.revision) : null;
  }

  articles(): ArticleView[] {
    return (this.stmts.articles.all() as StateRow[]).map((row) =>
      articleView(JSON.parse(row.state_json) as ArticleState, row.revision),
    );
  }

  /** The slugs articles hold that are `base` or `base-<n>`: what a new article's slug must avoid. */
  slugsLike(base: string): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT json_extract(state_json, '$.slug') FROM articles
         WHERE json_extract(state_json, '$.slug') = ? OR json_extract(state_json, '$.slug') LIKE ? || '-%'`,
      )
      .pluck()
      .all(base, base) as string[];
    return new Set(rows);
  }

  section(id: string): SectionView | null {
    const row = this.stmts.section.get(id) as StateRow | undefined;
    return row ? sectionView(JSON.parse(row.state_json) as SectionState, row.revision) : null;
  }

  sections(ids: readonly string[]): SectionView[] {
    return ids.map((id) => this.section(id)).filter((s): s is SectionView => s !== null);
  }

  claim(id: string): ClaimRecord | null {
    const row = this.stmts.claim.get(id) as ClaimRow | undefined;
    return row ? toClaim(row) : null;
  }

  claims(ids: readonly string[]): ClaimRecord[] {
    return ids.map((id) => this.claim(id)).filter((c): c is ClaimRecord => c !== null);
  }

  /**
   * Claims in a state, in article, section and claim order; `flagged` true or false keeps only the
   * claims with or without wording flags. totalCount counts every page.
   */
  reviewQueue(
    state: ReviewState,
    filter: { articleId: string | null; flagged: boolean | null },
    first: number,
    after: string | null,
  ): CountedPage<ClaimRecord> {
    const afterKey = after === null ? null : cursor.decode('queue', after, 3);
    const params: Array<string | number> = [state];
    let where = 'c.state = ?';
    if (filter.articleId) {
      where += ' AND c.article_id = ?';
      params.push(filter.articleId);
    }
    if (filter.flagged !== null) {
      where += ' AND c.flagged = ?';
      params.push(filter.flagged ? 1 : 0);
    }
    const from = `FROM claims c
         JOIN section_claims sc ON sc.claim_id = c.id AND sc.section_id = c.section_id
         JOIN sections s ON s.id = c.section_id
         JOIN articles a ON a.id = c.article_id`;
    const totalCount = this.db.prepare(`SELECT count(*) ${from} WHERE ${where}`).pluck().get(...params) as number;
    if (afterKey) {
      where += ' AND (a.seq, s.position, sc.ord) > (?, ?, ?)';
      params.push(afterKey[0], afterKey[1], afterKey[2]);
    }
    const rows = this.db
      .prepare(
        `SELECT c.revision, c.state_json, l.text AS live_text, l.text_revision AS live_revision,
                a.seq AS a_seq, s.position AS s_pos, sc.ord AS c_ord
         ${from}
         LEFT JOIN live_claims l ON l.claim_id = c.id
         WHERE ${where}
         ORDER BY a.seq, s.position, sc.ord
         LIMIT ?`,
      )
      .all(...params, first + 1) as Array<ClaimRow & { a_seq: number; s_pos: number; c_ord: number }>;
    return {
      totalCount,
      hasNextPage: rows.length > first,
      items: rows.slice(0, first).map((row) => ({
        cursor: cursor.encode('queue', [row.a_seq, row.s_pos, row.c_ord]),
        node: toClaim(row),
      })),
    };
  }

  /**
   * Approved or published claims whose approval stops holding before `before` (epoch ms), soonest
   * first; what the review scheduler expires, and what reviewers see coming.
   */
  reviewDue(before: number, articleId: string | null, first: number, after: string | null): CountedPage<ClaimRecord> {
    const afterKey = after === null ? null : cursor.decode('due', after, 2);
    const params: Array<string | number> = [before];
    let where = 'c.review_due_at IS NOT NULL AND c.review_due_at < ?';
    if (articleId) {
      where += ' AND c.article_id = ?';
      params.push(articleId);
    }
    const totalCount = this.db.prepare(`SELECT count(*) FROM claims c WHERE ${where}`).pluck().get(...params) as number;
    if (afterKey) {
      where += ' AND (c.review_due_at, c.rowid) > (?, ?)';
      params.push(afterKey[0], afterKey[1]);
    }
    const rows = this.db
      .prepare(
        `SELECT c.revision, c.state_json, l.text AS live_text, l.text_revision AS live_revision,
                c.review_due_at AS due, c.rowid AS row_id
         FROM claims c
         LEFT JOIN live_claims l ON l.claim_id = c.id
         WHERE ${where}
         ORDER BY c.review_due_at, c.rowid
         LIMIT ?`,
      )
      .all(...params, first + 1) as Array<ClaimRow & { due: number; row_id: number }>;
    return {
      totalCount,
      hasNextPage: rows.length > first,
      items: rows.slice(0, first).map((row) => ({ cursor: cursor.encode('due', [row.due, row.row_id]), node: toClaim(row) })),
    };
  }

  /**
   * Events across streams in commit order, from the audit projection's indexes.
   *
   * Every index the filter can use is ordered by position, so a page is an index seek plus at most
   * `first` + 1 rows, provided SQLite picks the index of the most selective condition: stream, then
   * article, then actor, then type. The others are written with a unary `+`, which keeps SQLite from
   * using their index (without statistics it would pick, say, the type index for article + type and
   * walk that type's whole history). A time range is turned into a position range through the hour
   * buckets of audit_time_buckets (exact: see schema.ts), which the leading index seeks to; the
   * times themselves are then checked row by row.
   */
  auditTrail(filter: AuditFilter, first: number, after: string | null): Page<AuditKey> {
    const empty = { items: [], hasNextPage: false };
    // Names become audit_names ids; a name never recorded matches nothing.
    const nameId = (name: string) => this.auditStatement('SELECT id FROM audit_names WHERE name = ?').pluck().get(name) as number | undefined;
    const types = (filter.types ?? []).map(nameId).filter((id): id is number => id !== undefined);
    if (filter.types?.length && types.length === 0) return empty;
    const lead = filter.streamId ? 'stream' : filter.articleId ? 'article' : filter.actorId ? 'actor' : types.length > 0 ? 'type' : null;
    const column = (name: string) => (name === lead ? name : `+${name}`);
    const clauses: string[] = [];
    const params: Array<string | number> = [];
    for (const [name, value] of [
      ['article', filter.articleId],
      ['stream', filter.streamId],
      ['actor', filter.actorId],
    ] as const) {
      if (!value) continue;
      const id = nameId(value);
      if (id === undefined) return empty;
      clauses.push(`${column(name)} = ?`);
      params.push(id);
    }
    if (types.length > 0) {
      clauses.push(`${column('type')} IN (${types.map(() => '?').join(', ')})`);
      params.push(...types);
    }
    if (filter.from != null) {
      const low = this.auditStatement(
        'SELECT MIN(first_position) AS position FROM audit_time_buckets WHERE bucket >= ?',
      ).get(Math.trunc(filter.from / AUDIT_BUCKET_MS)) as { position: number | null };
      if (low.position === null) return empty;
      clauses.push('position >= ?', '+occurred_at >= ?');
      params.push(low.position, filter.from);
    }
    if (filter.to != null) {
      const high = this.auditStatement(
        'SELECT MAX(last_position) AS position FROM audit_time_buckets WHERE bucket <= ?',
      ).get(Math.trunc(filter.to / AUDIT_BUCKET_MS)) as { position: number | null };
      if (high.position === null) return empty;
      clauses.push('position <= ?', '+occurred_at <= ?');
      params.push(high.position, filter.to);
    }
    if (after !== null) {
      clauses.push('position > ?');
      params.push(cursor.decode('audit', after, 1)[0]);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.auditStatement(
      `SELECT position, (SELECT name FROM audit_names WHERE id = stream) AS stream_id, revision
       FROM audit_events ${where} ORDER BY position LIMIT ?`,
    ).all(...params, first + 1) as Array<{ position: number; stream_id: string; revision: number }>;
    return {
      hasNextPage: rows.length > first,
      items: rows.slice(0, first).map((row) => ({
        cursor: cursor.encode('audit', [row.position]),
        node: { position: row.position, streamId: row.stream_id, revision: row.revision },
      })),
    };
  }

  /** Audit statements by SQL text: a filter shape is prepared once. */
  private auditStatement(sql: string): Database.Statement {
    let statement = this.auditStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.auditStatements.size < 500) this.auditStatements.set(sql, statement);
    }
    return statement;
  }
}

const sizeStatements = new WeakMap<Database.Database, Database.Statement>();

/** What read_model_sizes holds (all zero before the first article). */
export function readSizes(db: Database.Database): ReadModelSizes {
  let statement = sizeStatements.get(db);
  if (!statement) {
    statement = db.prepare('SELECT sizes_json FROM read_model_sizes WHERE id = 1').pluck();
    sizeStatements.set(db, statement);
  }
  const json = statement.get() as string | undefined;
  return { ...NO_SIZES, ...(json ? (JSON.parse(json) as Partial<ReadModelSizes>) : {}) };
}

interface StateRow {
  revision: number;
  state_json: string;
}

interface ClaimRow extends StateRow {
  live_text: string | null;
  live_revision: number | null;
}

function toClaim(row: ClaimRow): ClaimRecord {
  const live = row.live_text !== null && row.live_revision !== null ? { text: row.live_text, textRevision: row.live_revision } : null;
  return claimRecord(JSON.parse(row.state_json) as ClaimState, row.revision, live);
}
