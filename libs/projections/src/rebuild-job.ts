import type { ChangeSet, FoldStart } from './read-model-fold';

/** What the engine hands a rebuild's worker thread. */
export interface RebuildJob {
  start: FoldStart;
  /** Events per change set. */
  batchSize: number;
  /** Entities of a kind the fold may hold before it stops and leaves the rest to the engine. */
  cacheLimit: number;
}

/** The metadata values each page carries, in this order, after the event's own fields. */
export const PAGE_METADATA_PATHS = ['$.actor.id', '$.occurredAt'] as const;

/** Engine → worker: pages of the log (a ScannedPage's JSON) in order, acknowledgements, the end. */
export type ToRebuildWorker = { kind: 'page'; json: Uint8Array } | { kind: 'written' } | { kind: 'no-more-pages' };

/**
 * Worker → engine: change sets in log order (each acknowledged once written), a page done (room
 * for the next), and the end: every page folded, or stopped early because the caches are full.
 */
export type FromRebuildWorker =
  | { kind: 'changes'; changes: ChangeSet }
  | { kind: 'page-done' }
  | { kind: 'end'; reason: 'drained' | 'cache-full' };
