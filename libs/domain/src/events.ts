import type { Actor, ArticleFormat, Evidence, Reference, SnapshotEntry } from './types';

/**
 * Every domain event, by stream kind. `data` holds what the domain decides on; the actor, time,
 * reason, correlation/causation ids, command id, schema version and hash chain travel in the
 * stored event's metadata (see apps/api's event envelope). The actor also appears in `data`
 * where a later guard depends on who did it (four-eyes) or where it is a signature.
 */

// ---- article-<id> ----
export interface ArticleImported {
  type: 'ArticleImported';
  data: {
    articleId: string;
    title: string;
    slug: string;
    format: ArticleFormat;
    /** sha-256 of the imported source text, so the import can be traced to its input. */
    sourceHash: string;
    references: Reference[];
    sectionIds: string[];
    importedBy: Actor;
  };
}
export interface ReferenceAdded {
  type: 'ReferenceAdded';
  data: { number: number; citation: string; url: string | null };
}
export interface ReferenceResolved {
  type: 'ReferenceResolved';
  data: {
    number: number;
    citation: string;
    url: string | null;
    /** The citation before, when an already-resolved reference was amended (reopens its claims). */
    previousCitation: string | null;
    amended: boolean;
  };
}
export type ArticleEvent = ArticleImported | ReferenceAdded | ReferenceResolved;

// ---- section-<id> ----
export interface SectionCreated {
  type: 'SectionCreated';
  data: { sectionId: string; articleId: string; heading: string; position: number; claimIds: string[] };
}
export interface SectionRevised {
  type: 'SectionRevised';
  data: {
    change: 'HEADING' | 'CLAIM_ADDED' | 'CLAIM_REMOVED' | 'REORDERED';
    /** The section after the change: heading and claim order. */
    heading: string;
    claimIds: string[];
    addedClaimId: string | null;
    removedClaimId: string | null;
    revisedBy: Actor;
  };
}
export interface SectionReopened {
  type: 'SectionReopened';
  data: { claimId: string; cause: string };
}
export interface SectionEvidenceChecked {
  type: 'SectionEvidenceChecked';
  data: { signedOffBy: Actor };
}
export interface SectionMedicallyReviewed {
  type: 'SectionMedicallyReviewed';
  data: { signedOffBy: Actor };
}
export interface SectionPublished {
  type: 'SectionPublished';
  data: {
    snapshot: SnapshotEntry[];
    publishedBy: Actor;
    /**
     * Claims of the previous live snapshot that this one leaves out (removed from the section since),
     * so the publish reaction can unpublish them without re-reading the section. Optional so that
     * events written without it stay valid; absent means none.
     */
    withdrawnClaimIds?: string[];
  };
}
export interface SectionUnpublished {
  type: 'SectionUnpublished';
  data: { unpublishedBy: Actor; withdrawnClaimIds: string[] };
}
export type SectionEvent =
  | SectionCreated
  | SectionRevised
  | SectionReopened
  | SectionEvidenceChecked
  | SectionMedicallyReviewed
  | SectionPublished
  | SectionUnpublished;

// ---- claim-<id> ----
export interface ClaimDrafted {
  type: 'ClaimDrafted';
  data: {
    claimId: string;
    articleId: string;
    sectionId: string;
    text: string;
    citations: number[];
    citationNeeded: boolean;
    textRevision: 1;
    author: Actor;
  };
}
export interface ClaimRevised {
  type: 'ClaimRevised';
  data: { text: string; citations: number[]; citationNeeded: boolean; textRevision: number; author: Actor };
}
export interface EvidenceCheckPassed {
  type: 'EvidenceCheckPassed';
  data: { textRevision: number; evidence: Evidence[]; noCitationNeeded: boolean; checkedBy: Actor };
}
export interface EvidenceCheckFailed {
  type: 'EvidenceCheckFailed';
  data: { textRevision: number; checkedBy: Actor; reason: string };
}
/** The medical reviewer's signature: who, the meaning they gave, bound to a text revision and its hash. */
export interface MedicalReviewApproved {
  type: 'MedicalReviewApproved';
  data: { textRevision: number; textHash: string; reviewer: Actor; meaning: string };
}
export interface MedicalReviewChangesRequested {
  type: 'MedicalReviewChangesRequested';
  data: { textRevision: number; reviewer: Actor; reason: string };
}
export interface ClaimPublished {
  type: 'ClaimPublished';
  data: { sectionId: string; textRevision: number; textHash: string; text: string };
}
export interface ClaimUnpublished {
  type: 'ClaimUnpublished';
  data: { sectionId: string };
}
/** A reference it cites was amended after it had been checked: the checks no longer hold. */
export interface ClaimReopened {
  type: 'ClaimReopened';
  data: { referenceNumber: number; cause: string };
}
export type ClaimEvent =
  | ClaimDrafted
  | ClaimRevised
  | EvidenceCheckPassed
  | EvidenceCheckFailed
  | MedicalReviewApproved
  | MedicalReviewChangesRequested
  | ClaimPublished
  | ClaimUnpublished
  | ClaimReopened;

export type DomainEvent = ArticleEvent | SectionEvent | ClaimEvent;
export type DomainEventType = DomainEvent['type'];
