import type { Actor, ArticleFormat, Evidence, Reference, ReviewState } from './types';

/**
 * Commands carry what their guards need from other streams (the article's references, the
 * section's claims), read from the streams themselves by the command handler, so that `decide`
 * stays a pure function.
 */

/** What a section guard needs of each of its claims, folded from the claim's own stream. */
export interface ClaimView {
  claimId: string;
  state: ReviewState;
  textRevision: number;
  text: string;
  textHash: string;
  /** textRevision currently live through a section snapshot, if any. */
  publishedTextRevision: number | null;
}

// ---- claim ----
export interface DraftClaim {
  type: 'DraftClaim';
  actor: Actor;
  claimId: string;
  articleId: string;
  sectionId: string;
  text: string;
  citations: number[];
  /** The article's reference list: every cited number must be in it. */
  references: Reference[];
}
export interface ProposeClaimRevision {
  type: 'ProposeClaimRevision';
  actor: Actor;
  text: string;
  citations: number[];
  reason: string;
  references: Reference[];
}
export interface RecordEvidenceCheck {
  type: 'RecordEvidenceCheck';
  actor: Actor;
  verdict: 'PASS' | 'FAIL';
  evidence: Evidence[];
  noCitationNeeded: boolean;
  reason: string;
  references: Reference[];
}
export interface RecordMedicalReview {
  type: 'RecordMedicalReview';
  actor: Actor;
  decision: 'APPROVE' | 'REQUEST_CHANGES';
  reason: string;
}
/** Reaction to SectionPublished. */
export interface PublishClaim {
  type: 'PublishClaim';
  sectionId: string;
  textRevision: number;
  textHash: string;
  text: string;
}
/** Reaction to SectionUnpublished. */
export interface UnpublishClaim {
  type: 'UnpublishClaim';
  sectionId: string;
}
/** Reaction to an amended reference the claim cites. */
export interface ReopenClaim {
  type: 'ReopenClaim';
  referenceNumber: number;
  cause: string;
}
export type ClaimCommand =
  | DraftClaim
  | ProposeClaimRevision
  | RecordEvidenceCheck
  | RecordMedicalReview
  | PublishClaim
  | UnpublishClaim
  | ReopenClaim;

// ---- section ----
export interface CreateSection {
  type: 'CreateSection';
  actor: Actor;
  sectionId: string;
  articleId: string;
  heading: string;
  position: number;
  claimIds: string[];
}
export interface ReviseSection {
  type: 'ReviseSection';
  actor: Actor;
  heading: string | null;
  /** The new order: a permutation of the section's claim ids. */
  claimOrder: string[] | null;
}
export interface AddClaimToSection {
  type: 'AddClaimToSection';
  actor: Actor;
  claimId: string;
  /** 0-based insertion index; null appends. */
  position: number | null;
}
export interface RemoveClaimFromSection {
  type: 'RemoveClaimFromSection';
  actor: Actor;
  claimId: string;
}
/** Reaction: a claim of the section got a new revision, had changes requested or was reopened. */
export interface ReopenSection {
  type: 'ReopenSection';
  claimId: string;
  cause: string;
}
export interface SignOffSectionEvidence {
  type: 'SignOffSectionEvidence';
  actor: Actor;
  claims: ClaimView[];
}
export interface SignOffSectionMedical {
  type: 'SignOffSectionMedical';
  actor: Actor;
  claims: ClaimView[];
}
export interface PublishSection {
  type: 'PublishSection';
  actor: Actor;
  claims: ClaimView[];
}
export interface UnpublishSection {
  type: 'UnpublishSection';
  actor: Actor;
  reason: string;
}
export type SectionCommand =
  | CreateSection
  | ReviseSection
  | AddClaimToSection
  | RemoveClaimFromSection
  | ReopenSection
  | SignOffSectionEvidence
  | SignOffSectionMedical
  | PublishSection
  | UnpublishSection;

// ---- article ----
export interface ImportArticle {
  type: 'ImportArticle';
  actor: Actor;
  articleId: string;
  title: string;
  slug: string;
  format: ArticleFormat;
  sourceHash: string;
  references: Reference[];
  sectionIds: string[];
}
export interface AddReference {
  type: 'AddReference';
  actor: Actor;
  citation: string;
  url: string | null;
}
export interface ResolveReference {
  type: 'ResolveReference';
  actor: Actor;
  number: number;
  citation: string;
  url: string | null;
  reason: string;
}
export type ArticleCommand = ImportArticle | AddReference | ResolveReference;
