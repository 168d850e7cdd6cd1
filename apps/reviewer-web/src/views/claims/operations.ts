import { graphql } from '../../gql';

graphql(`
  fragment ClaimFields on Claim {
    id articleId sectionId text citations citationNeeded state revision textRevision
    author { id roles }
    evidence { referenceNumber level locator note }
    evidenceCheckedBy { id roles }
    medicallyReviewedBy { id roles }
    publishedText publishedTextRevision
  }
`);

export const ClaimQuery = graphql(`
  query Claim($id: ID!) {
    claim(id: $id) { ...ClaimFields }
  }
`);

/** The claim as it was at one revision of its stream (read without the cache: it is not the claim now). */
export const ClaimAsOfQuery = graphql(`
  query ClaimAsOf($id: ID!, $revision: Int!) {
    claim(id: $id, asOf: { revision: $revision }) { ...ClaimFields }
  }
`);

export const ClaimArticleQuery = graphql(`
  query ClaimArticle($articleId: ID!) {
    article(id: $articleId) {
      id title
      references { number citation url resolved }
      sections { id heading }
    }
  }
`);

/** Read apart from the claim, so that the claim shows even where the server has no wording check. */
export const ClaimWordingQuery = graphql(`
  query ClaimWording($id: ID!) {
    claim(id: $id) {
      id medicallyReviewedAt reviewDueAt
      wordingFlags { phrase start end strongestEvidence message }
    }
  }
`);

export const ClaimDiscussionQuery = graphql(`
  query ClaimDiscussion($id: ID!) {
    claim(id: $id) {
      id
      comments { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }
    }
  }
`);

export const ClaimHistoryQuery = graphql(`
  query ClaimHistory($streamId: ID!, $after: String) {
    history(streamId: $streamId, first: 200, after: $after) {
      edges { cursor node { position revision type occurredAt reason data actor { id roles } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ClaimDiffQuery = graphql(`
  query ClaimDiff($id: ID!, $from: Int!, $to: Int!) {
    claimDiff(id: $id, fromTextRevision: $from, toTextRevision: $to) { hunks { op text } }
  }
`);

export const RecordEvidenceCheckMutation = graphql(`
  mutation RecordEvidenceCheck($input: RecordEvidenceCheckInput!) {
    recordEvidenceCheck(input: $input) { ...ClaimFields }
  }
`);

export const RecordMedicalReviewMutation = graphql(`
  mutation RecordMedicalReview($input: RecordMedicalReviewInput!) {
    recordMedicalReview(input: $input) { ...ClaimFields }
  }
`);

export const ProposeClaimRevisionMutation = graphql(`
  mutation ProposeClaimRevision($input: ProposeClaimRevisionInput!) {
    proposeClaimRevision(input: $input) { ...ClaimFields }
  }
`);

export const PostCommentMutation = graphql(`
  mutation PostComment($input: PostCommentInput!) {
    postComment(input: $input) { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }
  }
`);

export const ResolveCommentMutation = graphql(`
  mutation ResolveComment($input: ResolveCommentInput!) {
    resolveComment(input: $input) { id resolved resolvedBy { id } }
  }
`);
