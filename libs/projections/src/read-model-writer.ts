import type Database from 'better-sqlite3';
import type { ArticleState, ClaimState, SectionState } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { readSizes } from './read-models';
import {
  AUDIT_COLUMNS,
  ReadModelFold,
  auditFields,
  type ChangeSet,
  type FoldEvent,
  type FoldStart,
  type Row,
} from './read-model-fold';

/** An event whose effects a flush made visible, with the article it belongs to. */
export interface AppliedEvent {
  event: RecordedEvent;
  articleId: string | null;
}

/** Audit rows per multi-row INSERT: one call into SQLite instead of one per event. */
const AUDIT_ROWS_PER_INSERT = 64;

/** What the read models take from a stored event. */
export function foldEvent(event: RecordedEvent): FoldEvent {
  const actor = event.metadata.actor;
  const actorId = typeof actor === 'object' && actor !== null && !Array.isArray(actor) ? actor.id : null;
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    ...auditFields(actorId, event.metadata.occurredAt, event.recordedAt),
  };
}

/** Where a fold over these tables starts: which are empty, and the next audit_names id. */
export function foldStart(db: Database.Database): FoldStart {
  const empty = (table: string) => db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1;
  return {
    empty: { articles: empty('articles'), sections: empty('sections'), claims: empty('claims'), names: empty('audit_names') },
    nextNameId: db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM audit_names').pluck().get() as number,
    sizes: readSizes(db),
  };

}

/**
 * Applies stored events to the read-model tables: a ReadModelFold computes the rows, `flush`
 * writes them in one transaction together with the checkpoint, so a batch is applied whole or
 * not at all. `write` takes change sets folded elsewhere (a rebuild's worker thread).
 */
export class ReadModelWriter {
  /**
   * Entities of a kind the fold keeps in memory between flushes; past it, that cache starts over.
   * Large while catching up (a whole rebuild stays in memory up to this), small when live.
   */
  cacheLimit = 10_000;
  private readonly fold: ReadModelFold;
  private applied: AppliedEvent[] = [];
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      getArticle: db.prepare('SELECT seq, revision, state_json FROM articles WHERE id = ?'),
      getSection: db.prepare('SELECT revision, state_json FROM sections WHERE id = ?'),
      getClaim: db.prepare('SELECT revision, state_json FROM claims WHERE id = ?'),
      getName: db.prepare('SELECT id FROM audit_names WHERE name = ?').pluck(),
      // Upserts rather than INSERT OR REPLACE: a replace deletes the row and inserts it again,
      // touching every index; an update in place touches only those whose columns changed.
      putArticle: db.prepare(
        `INSERT INTO articles (id, seq, revision, state_json) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, revision = excluded.revision, state_json = excluded.state_json`,
      ),
      putSection: db.prepare(
        `INSERT INTO sections (id, article_id, position, revision, state, state_json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id, position = excluded.position,
           revision = excluded.revision, state = excluded.state, state_json = excluded.state_json`,
      ),
      putClaim: db.prepare(
        `INSERT INTO claims (id, article_id, section_id, revision, state, state_json, flagged, review_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id, section_id = excluded.section_id,
           revision = excluded.revision, state = excluded.state, state_json = excluded.state_json,
           flagged = excluded.flagged, review_due_at = excluded.review_due_at`,
      ),
      clearSectionClaims: db.prepare('DELETE FROM section_claims WHERE section_id = ?'),
      putSectionClaim: db.prepare('INSERT INTO section_claims (section_id, claim_id, ord) VALUES (?, ?, ?)'),
      clearLive: db.prepare('DELETE FROM live_claims WHERE section_id = ?'),
      putLive: db.prepare(
        'INSERT OR REPLACE INTO live_claims (claim_id, section_id, text, text_revision, text_hash) VALUES (?, ?, ?, ?, ?)',
      ),
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
      putSizes: db.prepare(
        'INSERT INTO read_model_sizes (id, sizes_json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET sizes_json = excluded.sizes_json',
      ),
    };
    const load =
      <S>(stmt: Database.Statement) =>
      (id: string): Row<S> | undefined => {
        const found = stmt.get(id) as { seq?: number; revision: number; state_json: string } | undefined;
        return found && { revision: found.revision, state: JSON.parse(found.state_json) as S, seq: found.seq ?? 0 };
      };
    this.fold = new ReadModelFold(foldStart(db), {
      article: load<ArticleState>(this.stmts.getArticle),
      section: load<SectionState>(this.stmts.getSection),
      claim: load<ClaimState>(this.stmts.getClaim),
      name: (name) => this.stmts.getName.get(name) as number | undefined,
    });
  }

  apply(event: RecordedEvent): void {
    const articleId = this.fold.apply(foldEvent(event));
    this.applied.push({ event, articleId });
  }

  /**
   * Writes everything applied since the last flush, and the checkpoint, in one transaction.
   * Returns the events it made visible.
   */
  flush(): AppliedEvent[] {
    const changes = this.fold.take();
    if (!changes) return [];
    this.write(changes);
    this.fold.trim(this.cacheLimit);
    const applied = this.applied;
    this.applied = [];
    return applied;
  }

  /** Writes one change set and its checkpoint in one transaction. */
  write(changes: ChangeSet): void {
    const s = this.stmts;
    this.db.transaction(() => {
      for (const row of changes.articles) s.putArticle.run(row);
      for (const row of changes.sections) s.putSection.run(row);
      for (const row of changes.claims) s.putClaim.run(row);
      for (const [sectionId, claimIds] of changes.sectionClaims) {
        s.clearSectionClaims.run(sectionId);
        claimIds.forEach((claimId, ord) => s.putSectionClaim.run(sectionId, claimId, ord));
      }
      for (const [sectionId, entries] of changes.live) {
        s.clearLive.run(sectionId);
        for (const [claimId, text, textRevision, textHash] of entries) s.putLive.run(claimId, sectionId, text, textRevision, textHash);
      }
      for (const row of changes.names) s.putName.run(row);
      const values = changes.audit;
      const chunk = AUDIT_ROWS_PER_INSERT * AUDIT_COLUMNS;
      let at = 0;
      for (; at + chunk <= values.length; at += chunk) s.putAudits.run(values.slice(at, at + chunk));
      for (; at < values.length; at += AUDIT_COLUMNS) s.putAudit.run(values.slice(at, at + AUDIT_COLUMNS));
      for (const row of changes.buckets) s.putTimeBucket.run(row);
      if (changes.sizes) s.putSizes.run(JSON.stringify(changes.sizes));
      s.setPosition.run(changes.position);
    })();
  }
}

function auditInsert(rows: number): string {
  const values = Array.from({ length: rows }, () => `(${Array(AUDIT_COLUMNS).fill('?').join(', ')})`).join(', ');
  return `INSERT OR IGNORE INTO audit_events (position, stream, revision, article, type, actor, occurred_at) VALUES ${values}`;
}
