import {
  isReferenceNumber,
  wordingFlags,
  type Actor,
  type ArticleState,
  type ClaimState,
  type Evidence,
  type ReviewState,
  type SectionState,
  type WordingFlag,
} from '@app/domain';

/** What the API serves: the read models' rows in the GraphQL contract's shape. */
export interface ArticleView {
  id: string;
  title: string;
  slug: string;
  revision: number;
  references: Array<{ number: number; citation: string | null; url: string | null; resolved: boolean }>;
  sectionIds: string[];
}

export interface SectionView {
  id: string;
  articleId: string;
  heading: string;
  position: number;
  state: ReviewState;
  revision: number;
  claimIds: string[];
}

export interface ClaimRecord {
  id: string;
  articleId: string;
  sectionId: string;
  text: string;
  citations: number[];
  citationNeeded: boolean;
  state: ReviewState;
  revision: number;
  textRevision: number;
  author: Actor;
  evidence: Evidence[];
  evidenceCheckedBy: Actor | null;
  medicallyReviewedBy: Actor | null;
  publishedText: string | null;
  publishedTextRevision: number | null;
  medicallyReviewedAt: number | null;
  reviewDueAt: number | null;
  wordingFlags: WordingFlag[];
}

export function articleView(state: ArticleState, revision: number): ArticleView {
  return {
    id: state.articleId,
    title: state.title,
    slug: state.slug,
    revision,
    // A number no GraphQL Int can carry (written before numbers were bounded) would fail the
    // whole answer; such a reference is left out of the view instead.
    references: state.references.filter((ref) => isReferenceNumber(ref.number)).map((ref) => ({ ...ref, resolved: ref.citation !== null })),
    sectionIds: state.sectionIds,
  };
}

export function sectionView(state: SectionState, revision: number): SectionView {
  return {
    id: state.sectionId,
    articleId: state.articleId,
    heading: state.heading,
    position: state.position,
    state: state.state,
    revision,
    claimIds: state.claimIds,
  };
}

/**
 * `live` is what a section snapshot made public; it wins over the claim's own record because a
 * claim revised between its section's publish and the ClaimPublished reaction still shows the
 * approved text (docs/workflow.md, "Publishing and the live text": publishedText is the text of
 * the latest live snapshot).
 */
export function claimRecord(
  state: ClaimState,
  revision: number,
  live: { text: string; textRevision: number } | null,
): ClaimRecord {
  return {
    id: state.claimId,
    articleId: state.articleId,
    sectionId: state.sectionId,
    text: state.text,
    citations: state.citations.filter(isReferenceNumber),
    citationNeeded: state.citationNeeded,
    state: state.state,
    revision,
    textRevision: state.textRevision,
    author: state.author ?? { id: 'unknown', roles: [] },
    evidence: state.evidence,
    evidenceCheckedBy: state.evidenceCheckedBy,
    medicallyReviewedBy: state.medicallyReviewedBy,
    publishedText: live ? live.text : null,
    publishedTextRevision: live ? live.textRevision : null,
    medicallyReviewedAt: state.medicallyReviewedAt ?? null,
    reviewDueAt: state.reviewDueAt ?? null,
    wordingFlags: wordingFlags(state.text, state.evidence),
  };
}
