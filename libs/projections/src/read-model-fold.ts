import {
  eventOf,
  wordingFlags,
  articleDecider,
  claimDecider,
  sectionDecider,
  type ArticleState,
  type ClaimState,
  type SectionState,
} from '@app/domain';
import type { JsonObject } from '@app/event-store';
import { AUDIT_BUCKET_MS } from './schema';

/** What the read models take from a stored event. */
export interface FoldEvent {
  position: number;
  streamId: string;
  revision: number;
  type: string;
  data: JsonObject;
  actorId: string | null;
  occurredAt: number;
}

/**
 * The audit fields from what the metadata holds: the actor's id when it is a string, the time
 * the command gave when it is a number, else the store's own.
 */
export function auditFields(actorId: unknown, occurredAt: unknown, recordedAt: number): Pick<FoldEvent, 'actorId' | 'occurredAt'> {
  return { actorId: typeof actorId === 'string' ? actorId : null, occurredAt: typeof occurredAt === 'number' ? occurredAt : recordedAt };
}

export const AUDIT_COLUMNS = 7;
const NAMES_PER_ENTITY = 4;

/**
 * The rows a batch of events changes, ready for SQL: plain arrays and strings, so that a batch
 * folded in a worker thread crosses to the writing thread as it is.
 */
export interface ChangeSet {
  /** The last position folded in: the checkpoint written with these rows. */
  position: number;
  articles: Array<[id: string, seq: number, revision: number, stateJson: string]>;
  sections: Array<[id: string, articleId: string, position: number, revision: number, state: string, stateJson: string]>;
  claims: Array<
    [id: string, articleId: string, sectionId: string, revision: number, state: string, stateJson: string, flagged: 0 | 1, reviewDueAt: number | null]
  >;
  /** A section's claim order, replacing what was there. */
  sectionClaims: Array<[sectionId: string, claimIds: string[]]>;
  /** A section's live snapshot, replacing what was there (none: nothing is live). */
  live: Array<[sectionId: string, entries: Array<[claimId: string, text: string, textRevision: number, textHash: string]>]>;
  /** audit_names rows new in this batch. */
  names: Array<[id: number, name: string]>;
  /** audit_events rows, AUDIT_COLUMNS values each, flat. */
  audit: Array<number | null>;
  buckets: Array<[bucket: number, first: number, last: number]>;
  /** The sizes after this batch, when it changed them. */
  sizes: ReadModelSizes | null;
}

/**
 * How big the largest things are: what a query asking for whole article trees is priced by
 * before it runs. Maxima never go down (a removed claim leaves them), which errs on the dear side.
 */
export interface ReadModelSizes {
  articles: number;
  sections: number;
  claims: number;
  maxSectionsPerArticle: number;
  maxClaimsPerSection: number;
  maxReferencesPerArticle: number;
}

export const NO_SIZES: ReadModelSizes = {
  articles: 0,
  sections: 0,
  claims: 0,
  maxSectionsPerArticle: 0,
  maxClaimsPerSection: 0,
  maxReferencesPerArticle: 0,
};

export interface Row<S> {
  revision: number;
  state: S;
  /** Global position of the stream's first event: the article order. */
  seq: number;
}

/** Reads back what the tables hold, for entities and names the fold does not have in memory. */
export interface StoredRows {
  article(id: string): Row<ArticleState> | undefined;
  section(id: string): Row<SectionState> | undefined;
  claim(id: string): Row<ClaimState> | undefined;
  name(name: string): number | undefined;
}

/** Which tables were empty when the fold started, and the next free audit_names id. */
export interface FoldStart {
  empty: { articles: boolean; sections: boolean; claims: boolean; names: boolean };
  nextNameId: number;
  sizes: ReadModelSizes;
}

/**
 * What a table holds, kept in memory between batches so that an entity changed again does not
 * have to be read back and parsed. While `complete` (the table was empty when the fold started
 * and nothing has been evicted since), a miss means "not in the table", so new entities cost no
 * lookup at all: the common case of a rebuild. Only one fold writes a set of tables at a time.
 */
class TableCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private complete: boolean,
    private readonly lookup: (key: string) => V | undefined,
  ) {}

  get isComplete(): boolean {
    return this.complete;
  }

  get size(): number {
    return this.entries.size;
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

  clear(): void {
    this.entries.clear();
    this.complete = false;
  }
}

/**
 * Folds stored events into read-model rows. Entity states are the domain's own folds (the
 * deciders' `evolve`), so a read model can never disagree with what a command handler sees.
 * `take` hands over everything changed since the last take as one ChangeSet.
 */
export class ReadModelFold {
  private readonly articleCache: TableCache<Row<ArticleState>>;
  private readonly sectionCache: TableCache<Row<SectionState>>;
  private readonly claimCache: TableCache<Row<ClaimState>>;
  /** audit_names: name → id. */
  private readonly nameCache: TableCache<number>;
  private nextNameId: number;
  /** What changed since the last take. */
  private readonly articles = new Map<string, Row<ArticleState>>();
  private readonly sections = new Map<string, Row<SectionState>>();
  private readonly claims = new Map<string, Row<ClaimState>>();
  private readonly sectionClaimChanges = new Map<string, string[]>();
  private readonly liveChanges = new Map<string, SectionState['liveSnapshot']>();
  private audit: Array<number | null> = [];
  private names: Array<[number, string]> = [];
  /** Hour bucket → first and last position of the audit rows gathered for it. */
  private readonly timeBuckets = new Map<number, { first: number; last: number }>();
  private position = 0;
  private sizes: ReadModelSizes;
  private sizesChanged = false;

  constructor(start: FoldStart, stored: StoredRows) {
    this.sizes = { ...start.sizes };
    this.articleCache = new TableCache(start.empty.articles, (id) => stored.article(id));
    this.sectionCache = new TableCache(start.empty.sections, (id) => stored.section(id));
    this.claimCache = new TableCache(start.empty.claims, (id) => stored.claim(id));
    this.nameCache = new TableCache(start.empty.names, (name) => stored.name(name));
    this.nextNameId = start.nextNameId;
  }

  /** True while every table the fold writes was empty at its start and nothing was evicted. */
  get complete(): boolean {
    return [this.articleCache, this.sectionCache, this.claimCache, this.nameCache].every((cache) => cache.isComplete);
  }

  /** Folds one event in; returns the article it belongs to (null: none). */
  apply(event: FoldEvent): string | null {
    const dash = event.streamId.indexOf('-');
    const kind = dash > 0 ? event.streamId.slice(0, dash) : '';
    const id = event.streamId.slice(dash + 1);
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
      case 'discussion':
        // Comments change no read-model row (they are read from their stream); every discussion
        // event names its article, for the audit index.
        articleId = typeof event.data.articleId === 'string' ? event.data.articleId : null;
        break;
    }
    this.recordAudit(event, articleId || null);
    this.position = event.position;
    return articleId || null;
  }

  /** Everything changed since the last take; null when nothing was folded in. */
  take(): ChangeSet | null {
    if (this.position === 0) return null;
    const changes: ChangeSet = {
      position: this.position,
      articles: [...this.articles].map(([id, row]) => [id, row.seq, row.revision, JSON.stringify(row.state)]),
      sections: [...this.sections].map(([id, row]) => [
        id,
        row.state.articleId,
        row.state.position,
        row.revision,
        row.state.state,
        JSON.stringify(row.state),
      ]),
      claims: [...this.claims].map(([id, row]) => [
        id,
        row.state.articleId,
        row.state.sectionId,
        row.revision,
        row.state.state,
        JSON.stringify(row.state),
        wordingFlags(row.state.text, row.state.evidence).length > 0 ? 1 : 0,
        row.state.state === 'MEDICALLY_REVIEWED' || row.state.state === 'PUBLISHED' ? (row.state.reviewDueAt ?? null) : null,
      ]),
      sectionClaims: [...this.sectionClaimChanges],
      live: [...this.liveChanges].map(([sectionId, snapshot]) => [
        sectionId,
        (snapshot ?? []).map((entry): [string, string, number, string] => [entry.claimId, entry.text, entry.textRevision, entry.textHash]),
      ]),
      names: this.names,
      audit: this.audit,
      buckets: [...this.timeBuckets].map(([bucket, range]) => [bucket, range.first, range.last]),
      sizes: this.sizesChanged ? { ...this.sizes } : null,
    };
    this.sizesChanged = false;
    this.articles.clear();
    this.sections.clear();
    this.claims.clear();
    this.sectionClaimChanges.clear();
    this.liveChanges.clear();
    this.timeBuckets.clear();
    this.audit = [];
    this.names = [];
    this.position = 0;
    return changes;
  }

  /**
   * Forgets each cache that holds more than `limit` entities of its kind (the next change to one
   * reads it back). Only between a take and the next apply: what was taken must be in the tables.
   */
  trim(limit: number): void {
    for (const cache of this.overfull(limit)) cache.clear();
  }

  /** True when some cache holds more than `limit` entities of its kind. */
  exceeds(limit: number): boolean {
    return this.overfull(limit).length > 0;
  }

  /**
   * The caches past the limit. Names get NAMES_PER_ENTITY times as many: there is one per stream of
   * each kind, and one per article, actor and event type.
   */
  private overfull(limit: number): Array<TableCache<unknown>> {
    const caches: Array<[TableCache<unknown>, number]> = [
      [this.articleCache, limit],
      [this.sectionCache, limit],
      [this.claimCache, limit],
      [this.nameCache, limit * NAMES_PER_ENTITY],
    ];
    return caches.filter(([cache, most]) => cache.size > most).map(([cache]) => cache);
  }

  private applyArticle(id: string, event: FoldEvent): string {
    const row = this.entity(this.articleCache, id, articleDecider.initialState, event.position);
    if (row.revision === -1) this.grow('articles', this.sizes.articles + 1);
    const decoded = eventOf('article', event);
    if (decoded) row.state = articleDecider.evolve(row.state, decoded);
    row.revision = event.revision;
    this.articles.set(id, row);
    this.grow('maxSectionsPerArticle', row.state.sectionIds.length);
    this.grow('maxReferencesPerArticle', row.state.references.length);
    return id;
  }

  private applySection(id: string, event: FoldEvent): string {
    const row = this.entity(this.sectionCache, id, sectionDecider.initialState, event.position);
    if (row.revision === -1) this.grow('sections', this.sizes.sections + 1);
    const decoded = eventOf('section', event);
    if (decoded) row.state = sectionDecider.evolve(row.state, decoded);
    row.revision = event.revision;
    this.sections.set(id, row);
    if (event.type === 'SectionCreated' || event.type === 'SectionRevised') {
      this.sectionClaimChanges.set(id, row.state.claimIds);
      this.grow('maxClaimsPerSection', row.state.claimIds.length);
    }
    if (event.type === 'SectionPublished' || event.type === 'SectionUnpublished') {
      this.liveChanges.set(id, row.state.liveSnapshot);
    }
    return row.state.articleId;
  }

  private applyClaim(id: string, event: FoldEvent): string {
    const row = this.entity(this.claimCache, id, claimDecider.initialState, event.position);
    if (row.revision === -1) this.grow('claims', this.sizes.claims + 1);
    const decoded = eventOf('claim', event);
    if (decoded) row.state = claimDecider.evolve(row.state, decoded);
    row.revision = event.revision;
    this.claims.set(id, row);
    return row.state.articleId;
  }

  private grow(size: keyof ReadModelSizes, value: number): void {
    if (value <= this.sizes[size]) return;
    this.sizes[size] = value;
    this.sizesChanged = true;
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

  private recordAudit(event: FoldEvent, articleId: string | null): void {
    const bucket = Math.floor(event.occurredAt / AUDIT_BUCKET_MS);
    const range = this.timeBuckets.get(bucket);
    if (range) range.last = event.position;
    else this.timeBuckets.set(bucket, { first: event.position, last: event.position });
    this.audit.push(
      event.position,
      this.nameId(event.streamId),
      event.revision,
      articleId === null ? null : this.nameId(articleId),
      this.nameId(event.type),
      event.actorId === null ? null : this.nameId(event.actorId),
      event.occurredAt,
    );
  }

  /** The audit_names id of `name`, given one (written with the next change set) if it is new. */
  private nameId(name: string): number {
    let id = this.nameCache.get(name);
    if (id === undefined) {
      id = this.nextNameId++;
      this.names.push([id, name]);
      this.nameCache.set(name, id);
    }
    return id;
  }
}
