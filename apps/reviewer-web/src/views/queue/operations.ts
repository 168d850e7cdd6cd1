import { graphql } from '../../gql';

graphql(`
  fragment QueueClaim on Claim {
    id articleId sectionId text state revision citations citationNeeded
    author { id }
    evidenceCheckedBy { id }
  }
`);

export const ReviewQueueQuery = graphql(`
  query ReviewQueue($state: ReviewState!, $articleId: ID, $flagged: Boolean, $first: Int!, $after: String) {
    reviewQueue(state: $state, articleId: $articleId, flagged: $flagged, first: $first, after: $after) {
      edges { cursor node { ...QueueClaim } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** How many claims wait in each state (first: 0 asks for the count alone). */
export const QueueCountsQuery = graphql(`
  query QueueCounts($articleId: ID, $flagged: Boolean) {
    drafted: reviewQueue(state: DRAFTED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }
    evidenceChecked: reviewQueue(state: EVIDENCE_CHECKED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }
    medicallyReviewed: reviewQueue(state: MEDICALLY_REVIEWED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }
    published: reviewQueue(state: PUBLISHED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }
  }
`);

export const ReviewDueQuery = graphql(`
  query ReviewDue($before: DateTime!, $articleId: ID, $first: Int!, $after: String) {
    reviewDue(before: $before, articleId: $articleId, first: $first, after: $after) {
      totalCount
      edges { cursor node { ...QueueClaim medicallyReviewedAt reviewDueAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
