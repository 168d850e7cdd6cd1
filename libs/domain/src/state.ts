import type { Actor, Evidence, Reference, ReviewState, SnapshotEntry } from './types';

export interface ClaimState {
  exists: boolean;
  claimId: string;
  articleId: string;
  sectionId: string;
  state: ReviewState;
  text: string;
  citations: number[];
  citationNeeded: boolean;
  textRevision: number;
  /** sha-256 hex of the current text. */
  textHash: string;
  author: Actor | null;
  evidence: Evidence[];
  noCitationNeeded: boolean;
  evidenceCheckedBy: Actor | null;
  medicallyReviewedBy: Actor | null;
  /** The text live through the latest snapshot that contains this claim; null when none is live. */
  publishedText: string | null;
  publishedTextRevision: number | null;
  publishedTextHash: string | null;
}

export interface SectionState {
  exists: boolean;
  sectionId: string;
  articleId: string;
  heading: string;
  position: number;
  claimIds: string[];
  state: ReviewState;
  evidenceSignedOffBy: Actor | null;
  medicalSignedOffBy: Actor | null;
  /** The live snapshot; null when nothing of the section is live. */
  liveSnapshot: SnapshotEntry[] | null;
}

export interface ArticleState {
  exists: boolean;
  articleId: string;
  title: string;
  slug: string;
  /** Sorted by number. */
  references: Reference[];
  sectionIds: string[];
}
