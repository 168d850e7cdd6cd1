import { ARTICLE_EVENT_TYPES, type ArticleEvent } from './article/article.decider';
import { CLAIM_EVENT_TYPES, type ClaimEvent } from './claim/claim.decider';
import { DISCUSSION_EVENT_TYPES, type DiscussionEvent } from './discussion/discussion.decider';
import { SECTION_EVENT_TYPES, type SectionEvent } from './section/section.decider';

/** The kinds of stream the workflow keeps, each named `<kind>-<id>` (a claim's discussion: `discussion-<claimId>`). */
export type StreamKind = 'article' | 'section' | 'claim' | 'discussion';

export interface StreamRef<K extends StreamKind = StreamKind> {
  kind: K;
  id: string;
}

export const streamIds = {
  article: (id: string) => `article-${id}`,
  section: (id: string) => `section-${id}`,
  claim: (id: string) => `claim-${id}`,
  discussion: (claimId: string) => `discussion-${claimId}`,
};

export function streamName(ref: StreamRef): string {
  return `${ref.kind}-${ref.id}`;
}

const KINDS: ReadonlySet<string> = new Set<StreamKind>(['article', 'section', 'claim', 'discussion']);

/** The kind and id a stream name holds; null for a stream of anything else (a command's key, say). */
export function parseStreamId(streamId: string): StreamRef | null {
  const dash = streamId.indexOf('-');
  if (dash <= 0 || dash === streamId.length - 1) return null;
  const kind = streamId.slice(0, dash);
  return KINDS.has(kind) ? { kind: kind as StreamKind, id: streamId.slice(dash + 1) } : null;
}

/** Each stream kind's events. */
export interface EventsOf {
  article: ArticleEvent;
  section: SectionEvent;
  claim: ClaimEvent;
  discussion: DiscussionEvent;
}

/** A stored event read back as the domain event it is, with the stream it belongs to. */
export type DecodedEvent = { [K in StreamKind]: { stream: StreamRef<K>; event: EventsOf[K] } }[StreamKind];

const TYPES: Record<StreamKind, Readonly<Record<string, true>>> = {
  article: ARTICLE_EVENT_TYPES,
  section: SECTION_EVENT_TYPES,
  claim: CLAIM_EVENT_TYPES,
  discussion: DISCUSSION_EVENT_TYPES,
};

interface Stored {
  type: string;
  data: object;
}

/**
 * The one place a stored event becomes a domain event: its type is one that kind's decider
 * knows, and its data is what that event carries (events are only ever written by the deciders,
 * through the hash-chained envelope). A type a newer version wrote is null, for the caller to skip.
 */
export function eventOf<K extends StreamKind>(kind: K, stored: Stored): EventsOf[K] | null {
  return Object.hasOwn(TYPES[kind], stored.type) ? ({ type: stored.type, data: stored.data } as EventsOf[K]) : null;
}

/** A stream's stored events as that kind's domain events, skipping types this version does not know. */
export function eventsOf<K extends StreamKind>(kind: K, stored: readonly Stored[]): Array<EventsOf[K]> {
  return stored.map((event) => eventOf(kind, event)).filter((event): event is EventsOf[K] => event !== null);
}

/** A stored event of any of the workflow's streams, decoded; null for any other stream or type. */
export function decodeEvent(stored: Stored & { streamId: string }): DecodedEvent | null {
  const stream = parseStreamId(stored.streamId);
  const event = stream && eventOf(stream.kind, stored);
  return stream && event ? ({ stream, event } as DecodedEvent) : null;
}
