import { Inject, Injectable } from '@nestjs/common';
import { diffWords, diffWordsWithSpace, type ChangeObject } from 'diff';
import {
  eventsOf,
  BadInput,
  claimDecider,
  fold,
  NotFound,
  sectionDecider,
  streamIds,
  type ClaimState,
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
    let fromRevision = 0;
    if (after !== null) {
      // A cursor is the revision of the page's last event in this stream; anything else is refused, not read as 0.
      fromRevision = cursor.decode('history', after, 1, streamId)[0] + 1;
    }
    // One more than asked for tells whether there is a next page (also when 0 are asked for).
    const events = await this.store.readStream(streamId, { fromRevision, maxCount: first + 1 });
    const page = events.slice(0, first);
    return connection(
      page.map((event) => ({ cursor: cursor.encode('history', [event.revision], streamId), node: auditEventView(event) })),
      events.length > first,
    );
  }

  async claimAsOf(claimId: string, asOf: AsOf): Promise<ClaimRecord | null> {
    return claimFrom(await this.upTo(streamIds.claim(claimId), asOf));
  }

  async sectionAsOf(sectionId: string, asOf: AsOf): Promise<SectionAsOf | null> {
    const events = await this.upTo(streamIds.section(sectionId), asOf);
    if (events === null) return null;
    const state: SectionState = fold(sectionDecider, eventsOf('section', events));
    const last = events[events.length - 1];
    const claims: ClaimRecord[] = [];
    for (const claimId of state.claimIds) {
      const claimEvents = await this.store.readStream(streamIds.claim(claimId));
      // "At the same moment": asOf a time, every claim event up to that time. AsOf a revision, the
      // commit order decides, not the clock (a reaction may land in the same millisecond): the claim
      // events committed before that section event, plus those its own command wrote right after
      // it (addClaim appends SectionRevised first, then the new claim's ClaimDrafted).
      const until =
        asOf.at !== null && asOf.at !== undefined
          ? prefixWhile(claimEvents, (e) => occurredAt(e) <= (asOf.at as number))
          : prefixWhile(claimEvents, (e) => e.position <= last.position || sameCommand(e, last));
      const claim = claimFrom(until.length > 0 ? until : null);
      if (claim) claims.push(claim);
    }
    return { ...sectionView(state, last.revision), claimsAsOf: claims };
  }

  async claimDiff(claimId: string, fromTextRevision: number, toTextRevision: number) {
    const events = await this.store.readStream(streamIds.claim(claimId));
    if (events.length === 0) throw new NotFound(`claim ${claimId} does not exist`);
    const texts = new Map<number, string>();
    let state = claimDecider.initialState;
    for (const event of eventsOf('claim', events)) {
      state = claimDecider.evolve(state, event);
      texts.set(state.textRevision, state.text);
    }
    const from = texts.get(fromTextRevision);
    const to = texts.get(toTextRevision);
    if (from === undefined) throw new BadInput(`claim ${claimId} has no text revision ${fromTextRevision}`, 'fromTextRevision');
    if (to === undefined) throw new BadInput(`claim ${claimId} has no text revision ${toTextRevision}`, 'toTextRevision');
    const hunks = wordDiff(from, to).map((change) => ({
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
    // A prefix of the stream, never a selection: a state is a fold of revisions 0..n.
    const until = prefixWhile(events, (e) => occurredAt(e) <= at);
    return until.length > 0 ? until : null;
  }
}

function occurredAt(event: RecordedEvent): number {
  return typeof event.metadata.occurredAt === 'number' ? event.metadata.occurredAt : event.recordedAt;
}

function sameCommand(a: RecordedEvent, b: RecordedEvent): boolean {
  return typeof a.metadata.commandId === 'string' && a.metadata.commandId === b.metadata.commandId;
}

function prefixWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const end = items.findIndex((item) => !keep(item));
  return end < 0 ? [...items] : items.slice(0, end);
}

/**
 * Word-level hunks (jsdiff). diffWords ignores changes in whitespace alone, so its hunks may not
 * spell out either text; then whitespace counts as tokens too, so that EQUAL + DELETE always give
 * the old text and EQUAL + INSERT the new one, exactly.
 */
function wordDiff(from: string, to: string): ChangeObject<string>[] {
  const changes = diffWords(from, to);
  const side = (skip: 'added' | 'removed') =>
    changes
      .filter((c) => !c[skip])
      .map((c) => c.value)
      .join('');
  return side('added') === from && side('removed') === to ? changes : diffWordsWithSpace(from, to);
}

function claimFrom(events: RecordedEvent[] | null): ClaimRecord | null {
  if (events === null) return null;
  return claimRecordAt(fold(claimDecider, eventsOf('claim', events)), events);
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
