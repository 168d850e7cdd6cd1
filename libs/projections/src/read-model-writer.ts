import type Database from 'better-sqlite3';
import {
  articleDecider,
  claimDecider,
  sectionDecider,
  type ArticleEvent,
  type ArticleState,
  type ClaimEvent,
  type ClaimState,
  type SectionEvent,
  type SectionState,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { AUDIT_BUCKET_MS } from './schema';

/** An event whose effects a flush made visible, with the article it belongs to. */
export interface AppliedEvent {
  event: RecordedEvent;
  articleId: string | null;
}

/** Audit rows per multi-row INSERT: one call into SQLite instead of one per event. */
const AUDIT_ROWS_PER_INSERT = 64;
const AUDIT_COLUMNS = 7;

interface Row<S> {
  revision: number;
  state: S;
  /** Global position of the stream's first event: the article order. */
  seq: number;
}

/**
 * What a table holds, kept in memory between flushes so that an entity changed again does not
 * have to be read back and parsed. While `complete` (the table was empty when the writer opened
 * it and nothing has been evicted since), a miss means "not in the table", so new entities cost
 * no lookup at all: the common case of a rebuild. Only this writer writes these tables.
 */
class TableCache<V> {
  private readonly entries = new Map<string, V>();
  private complete: boolean;

  constructor(
    empty: boolean,
    private readonly lookup: (key: string) => V | undefined,
  ) {
    this.complete = empty;
  }

  get(key: string): V | undefined {
    const cached = this.entries.get(key);
    if (cached !== undefined || this.complete) return cached;
    const found = this.lookup(key);
    if (found !== undefined) this.entries.set(key, found);
    return found;
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
  }

  /** Forgets everything once there are more than `limit` entries (call between flushes only). */
  trim(limit: number): void {
    if (this.entries.size <= limit) return;
    this.entries.clear();
    this.complete = false;
  }
}

/**
 * Applies stored events to the read-model tables. Entity states are the domain's own folds
 * (the deciders' `evolve`), so a read model can never disagree with what a command handler sees.
 * Changes are gathered in memory and written by `flush` in one transaction together with the
 * checkpoint, so a batch is applied whole or not at all.
 */
export class ReadModelWriter {
  /**
   * Entries each cache keeps between flushes; past it, a cache starts over. Large while catching
   * up (every entity of a rebuild stays in memory, up to this many of each kind), small when live.
   */
  cacheLimit = 10_000;
  private readonly articleCache: TableCache<Row<ArticleState>>;
  private readonly sectionCache: TableCache<Row<SectionState>>;
  private readonly claimCache: TableCache<Row<ClaimState>>;
  /** audit_names: name → id. */
  private readonly nameCache: TableCache<number>;
  /** What changed since the last flush. */
  private readonly articles = new Map<string, Row<ArticleState>>();
  private readonly sections = new Map<string, Row<SectionState>>();
  private readonly claims = new Map<string, Row<ClaimState>>();
  private readonly sectionClaimChanges = new Map<string, string[]>();
  private readonly liveChanges = new Map<string, SectionState['liveSnapshot']>();
  /** audit_events rows, AUDIT_COLUMNS values each, flat. */
  private readonly auditValues: Array<number | null> = [];
  private readonly newNames: Array<[number, string]> = [];
  private nextNameId: number;
  /** Hour bucket → first and last position of the audit rows gathered for it. */
  private readonly timeBuckets = new Map<number, { first: number; last: number }>();
  private pendingPosition = 0;
  private applied: AppliedEvent[] = [];

  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      getArticle: db.prepare('SELECT seq, revision, state_json FROM articles WHERE id = ?'),
      getSection: db.prepare('SELECT revision, state_json FROM sections WHERE id = ?'),
      getClaim: db.prepare('SELECT revision, state_json FROM claims WHERE id = ?'),
      putArticle: db.prepare('INSERT OR REPLACE INTO articles (id, seq, revision, state_json) VALUES (?, ?, ?, ?)'),
      putSection: db.prepare(
        'INSERT OR REPLACE INTO sections (id, article_id, position, revision, state, state_json) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      putClaim: db.prepare(
        'INSERT OR REPLACE INTO claims (id, article_id, section_id, revision, state, state_json) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      clearSectionClaims: db.prepare('DELETE FROM section_claims WHERE section_id = ?'),
      putSectionClaim: db.prepare('INSERT INTO section_claims (section_id, claim_id, ord) VALUES (?, ?, ?)'),
      clearLive: db.prepare('DELETE FROM live_claims WHERE section_id = ?'),
      putLive: db.prepare(
        'INSERT OR REPLACE INTO live_claims (claim_id, section_id, text, text_revision, text_hash) VALUES (?, ?, ?, ?, ?)',
      ),
      getName: db.prepare('SELECT id FROM audit_names WHERE name = ?').pluck(),
      putName: db.prepare('INSERT INTO audit_names (id, name) VALUES (?, ?)'),
      putAudit: db.prepare(auditInsert(1)),
      putAudits: db.prepare(auditInsert(AUDIT_ROWS_PER_INSERT)),
      putTimeBucket: db.prepare(
        `INSERT INTO audit_time_buckets (bucket, first_position, last_position) VALUES (?, ?, ?)
         ON CONFLICT (bucket) DO UPDATE SET
           first_position = MIN(first_position, excluded.first_position),
           last_position = MAX(last_position, excluded.last_position)`,
      ),
      setPosition: db.prepare('UPDATE read_model_meta SET position = ? WHERE id = 1'),
    };
    this.nextNameId = db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM audit_names').pluck().get() as number;
    const empty = (table: string) => db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1;
    const load = <S>(stmt: Database.Statement) => (id: string): Row<S> | undefined => {
      const found = stmt.get(id) as { seq?: number; revision: number; state_json: string } | undefined;
      return found && { revision: found.revision, state: JSON.parse(found.state_json) as S, seq: found.seq ?? 0 };
    };
    this.articleCache = new TableCache(empty('articles'), load<ArticleState>(this.stmts.getArticle));
    this.sectionCache = new TableCache(empty('sections'), load<SectionState>(this.stmts.getSection));
    this.claimCache = new TableCache(empty('claims'), load<ClaimState>(this.stmts.getClaim));
    this.nameCache = new TableCache(this.nextNameId === 1, (name) => this.stmts.getName.get(name) as number | undefined);
  }

  apply(event: RecordedEvent): void {
    const dash = event.streamId.indexOf('-');
    const kind = dash > 0 ? event.streamId.slice(0, dash) : '';
    const id = event.streamId.slice(dash + 1);
    // The article an event belongs to, from the entity it changed (for audit filtering).
    let articleId: string | null = null;
    switch (kind) {
      case 'article':
        articleId = this.applyArticle(id, event);
        break;
      case 'section':
        articleId = this.applySection(id, event);
        break;
      case 'claim':
        articleId = this.applyClaim(id, event);
        break;
    }
    this.recordAudit(event, articleId || null);
    this.applied.push({ event, articleId });
    this.pendingPosition = event.position;
  }

  /**
   * Writes everything gathered since the last flush, and the checkpoint, in one transaction.
   * Returns the events it made visible.
   */
  flush(): AppliedEvent[] {
    const position = this.pendingPosition;
    if (position === 0) return [];
    this.db.transaction(() => {
      for (const [id, row] of this.articles) {
        this.stmts.putArticle.run(id, row.seq, row.revision, JSON.stringify(row.state));
      }
      for (const [id, row] of this.sections) {
        this.stmts.putSection.run(
          id,
          row.state.articleId,
          row.state.position,
          row.revision,
          row.state.state,
          JSON.stringify(row.state),
        );
      }
      for (const [id, row] of this.claims) {
        this.stmts.putClaim.run(
          id,
          row.state.articleId,
          row.state.sectionId,
          row.revision,
          row.state.state,
          JSON.stringify(row.state),
        );
      }
      for (const [sectionId, claimIds] of this.sectionClaimChanges) {
        this.stmts.clearSectionClaims.run(sectionId);
        claimIds.forEach((claimId, ord) => this.stmts.putSectionClaim.run(sectionId, claimId, ord));
      }
      for (const [sectionId, snapshot] of this.liveChanges) {
        this.stmts.clearLive.run(sectionId);
        for (const entry of snapshot ?? []) {
          this.stmts.putLive.run(entry.claimId, sectionId, entry.text, entry.textRevision, entry.textHash);
        }
      }
      for (const [id, name] of this.newNames) this.stmts.putName.run(id, name);
      const values = this.auditValues;
      const chunk = AUDIT_ROWS_PER_INSERT * AUDIT_COLUMNS;
      let at = 0;
      for (; at + chunk <= values.length; at += chunk) this.stmts.putAudits.run(values.slice(at, at + chunk));
      for (; at < values.length; at += AUDIT_COLUMNS) this.stmts.putAudit.run(values.slice(at, at + AUDIT_COLUMNS));
      for (const [bucket, range] of this.timeBuckets) this.stmts.putTimeBucket.run(bucket, range.first, range.last);
      this.stmts.setPosition.run(position);
    })();
    this.articles.clear();
    this.sections.clear();
    this.claims.clear();
    this.sectionClaimChanges.clear();
    this.liveChanges.clear();
    this.auditValues.length = 0;
    this.newNames.length = 0;
    for (const cache of [this.articleCache, this.sectionCache, this.claimCache, this.nameCache]) cache.trim(this.cacheLimit);
    this.timeBuckets.clear();
    this.pendingPosition = 0;
    const applied = this.applied;
    this.applied = [];
    return applied;
  }

  private applyArticle(id: string, event: RecordedEvent): string {
    const row = this.entity(this.articleCache, id, articleDecider.initialState, event.position);
    row.state = articleDecider.evolve(row.state, event as unknown as ArticleEvent);
    row.revision = event.revision;
    this.articles.set(id, row);
    return id;
  }

  private applySection(id: string, event: RecordedEvent): string {
    const row = this.entity(this.sectionCache, id, sectionDecider.initialState, event.position);
    row.state = sectionDecider.evolve(row.state, event as unknown as SectionEvent);
    row.revision = event.revision;
    this.sections.set(id, row);
    if (event.type === 'SectionCreated' || event.type === 'SectionRevised') {
      this.sectionClaimChanges.set(id, row.state.claimIds);
    }
    if (event.type === 'SectionPublished' || event.type === 'SectionUnpublished') {
      this.liveChanges.set(id, row.state.liveSnapshot);
    }
    return row.state.articleId;
  }

  private applyClaim(id: string, event: RecordedEvent): string {
    const row = this.entity(this.claimCache, id, claimDecider.initialState, event.position);
    row.state = claimDecider.evolve(row.state, event as unknown as ClaimEvent);
    row.revision = event.revision;
    this.claims.set(id, row);
    return row.state.articleId;
  }

  /** The entity's row as last applied; a new one (first seen at `position`) if it has none. */
  private entity<S>(cache: TableCache<Row<S>>, id: string, initial: S, position: number): Row<S> {
    let row = cache.get(id);
    if (!row) {
      row = { revision: -1, state: initial, seq: position };
      cache.set(id, row);
    }
    return row;
  }

  private recordAudit(event: RecordedEvent, articleId: string | null): void {
    const actor = event.metadata.actor;
    const actorId =
      typeof actor === 'object' && actor !== null && !Array.isArray(actor) && typeof actor.id === 'string' ? actor.id : null;
    const occurredAt = typeof event.metadata.occurredAt === 'number' ? event.metadata.occurredAt : event.recordedAt;
    const bucket = Math.floor(occurredAt / AUDIT_BUCKET_MS);
    const range = this.timeBuckets.get(bucket);
    if (range) range.last = event.position;
    else this.timeBuckets.set(bucket, { first: event.position, last: event.position });
    this.auditValues.push(
      event.position,
      this.nameId(event.streamId),
      event.revision,
      articleId === null ? null : this.nameId(articleId),
      this.nameId(event.type),
      actorId === null ? null : this.nameId(actorId),
      occurredAt,
    );
  }

  /** The audit_names id of `name`, given one (written at the next flush) if it is new. */
  private nameId(name: string): number {
    let id = this.nameCache.get(name);
    if (id === undefined) {
      id = this.nextNameId++;
      this.newNames.push([id, name]);
      this.nameCache.set(name, id);
    }
    return id;
  }
}

function auditInsert(rows: number): string {
  const values = Array.from({ length: rows }, () => `(${Array(AUDIT_COLUMNS).fill('?').join(', ')})`).join(', ');
  return `INSERT OR IGNORE INTO audit_events (position, stream, revision, article, type, actor, occurred_at) VALUES ${values}`;
}
