import { Inject, Injectable } from '@nestjs/common';
import { diffWords } from 'diff';
import {
  BadInput,
  claimDecider,
  fold,
  NotFound,
  sectionDecider,
  streamIds,
  type ClaimEvent,
  type ClaimState,
  type SectionEvent,
  type SectionState,
} from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { claimRecord, cursor, sectionView, type ClaimRecord, type SectionView } from '@app/projections';
import { EVENT_STORE } from '../infrastructure/tokens';
import { auditEventView, type AuditEventView } from './audit-event';

export interface AsOf {
  revision?: number | null;
  at?: number | null;
}

export interface SectionAsOf extends SectionView {
  /** The section's claims as they were at the same moment. */
  claimsAsOf: ClaimRecord[];
}

/**
 * Answers from the log itself: a stream's history, and time travel by folding a stream up to a
 * revision or a moment with the same evolve the command handlers use.
 */
@Injectable()
export class HistoryReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async history(streamId: string, first: number, after: string | null) {
    const fromRevision = after === null ? 0 : Number(cursor.decode(after)) + 1;
    if (!Number.isInteger(fromRevision) || fromRevision < 0) throw new BadInput('after is not a cursor of this history', 'after');
    const events = first === 0 ? [] : await this.store.readStream(streamId, { fromRevision, maxCount: first + 1 });
    const page = events.slice(0, first);
    return connection(
      page.map((event) => ({ cursor: cursor.encode(event.revision), node: auditEventView(event) })),
      events.length > first,
    );
  }

  async claimAsOf(claimId: string, asOf: AsOf): Promise<ClaimRecord | null> {
    const events = await this.upTo(streamIds.claim(claimId), asOf);
    if (events === null) return null;
    const state = fold(claimDecider, events as unknown as ClaimEvent[]);
    return claimRecordAt(state, events);
  }

  async sectionAsOf(sectionId: string, asOf: AsOf): Promise<SectionAsOf | null> {
    const events = await this.upTo(streamIds.section(sectionId), asOf);
    if (events === null) return null;
    const state: SectionState = fold(sectionDecider, events as unknown as SectionEvent[]);
    // "At the same moment": the given time, or the time of the section event at that revision.
    const moment = asOf.at ?? occurredAt(events[events.length - 1]);
    const claims: ClaimRecord[] = [];
    for (const claimId of state.claimIds) {
      const claim = await this.claimAsOf(claimId, { at: moment });
      if (claim) claims.push(claim);
    }
    return { ...sectionView(state, events[events.length - 1].revision), claimsAsOf: claims };
  }

  async claimDiff(claimId: string, fromTextRevision: number, toTextRevision: number) {
    const events = await this.store.readStream(streamIds.claim(claimId));
    if (events.length === 0) throw new NotFound(`claim ${claimId} does not exist`);
    const texts = new Map<number, string>();
    let state = claimDecider.initialState;
    for (const event of events) {
      state = claimDecider.evolve(state, event as unknown as ClaimEvent);
      texts.set(state.textRevision, state.text);
    }
    const from = texts.get(fromTextRevision);
    const to = texts.get(toTextRevision);
    if (from === undefined) throw new BadInput(`claim ${claimId} has no text revision ${fromTextRevision}`, 'fromTextRevision');
    if (to === undefined) throw new BadInput(`claim ${claimId} has no text revision ${toTextRevision}`, 'toTextRevision');
    const hunks = diffWords(from, to).map((change) => ({
      op: change.added ? 'INSERT' : change.removed ? 'DELETE' : 'EQUAL',
      text: change.value,
    }));
    return { fromTextRevision, toTextRevision, hunks };
  }

  /** The stream's events up to the asOf point; null when the stream did not exist yet. */
  private async upTo(streamId: string, asOf: AsOf): Promise<RecordedEvent[] | null> {
    const hasRevision = asOf.revision !== null && asOf.revision !== undefined;
    const hasAt = asOf.at !== null && asOf.at !== undefined;
    if (hasRevision === hasAt) throw new BadInput('asOf takes exactly one of revision and at', 'asOf');
    const events = await this.store.readStream(streamId);
    if (hasRevision) {
      const revision = asOf.revision as number;
      if (!Number.isInteger(revision) || revision < 0) throw new BadInput('asOf.revision must be 0 or more', 'asOf.revision');
      if (events.length === 0) return null;
      if (revision > events[events.length - 1].revision) {
        throw new BadInput(
          `${streamId} has no revision ${revision}; its last is ${events[events.length - 1].revision}`,
          'asOf.revision',
        );
      }
      return events.filter((e) => e.revision <= revision);
    }
    const at = asOf.at as number;
    const until = events.filter((e) => occurredAt(e) <= at);
    return until.length > 0 ? until : null;
  }
}

function occurredAt(event: RecordedEvent): number {
  return typeof event.metadata.occurredAt === 'number' ? event.metadata.occurredAt : event.recordedAt;
}

function claimRecordAt(state: ClaimState, events: RecordedEvent[]): ClaimRecord {
  const live =
    state.publishedText !== null && state.publishedTextRevision !== null
      ? { text: state.publishedText, textRevision: state.publishedTextRevision }
      : null;
  return claimRecord(state, events[events.length - 1].revision, live);
}

export function connection<T>(edges: Array<{ cursor: string; node: T }>, hasNextPage: boolean) {
  return { edges, pageInfo: { hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null } };
}

export type { AuditEventView };
