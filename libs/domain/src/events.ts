import type { ArticleEvent } from './article/article.decider';
import type { ClaimEvent } from './claim/claim.decider';
import type { SectionEvent } from './section/section.decider';

/**
 * Every domain event. Each stream kind's events are defined beside its decider. `data` holds what
 * the domain decides on; the actor, time, reason, correlation/causation ids, command id, schema
 * version and hash chain travel in the stored event's metadata (see apps/api's event envelope).
 * The actor also appears in `data` where a later guard depends on who did it (four-eyes) or
 * where it is a signature.
 */
export type DomainEvent = ArticleEvent | SectionEvent | ClaimEvent;
export type DomainEventType = DomainEvent['type'];
