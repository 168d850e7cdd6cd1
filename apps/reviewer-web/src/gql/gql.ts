/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me { id roles }\n  }\n": typeof types.MeDocument,
    "\n  subscription ReviewActivity($articleId: ID) {\n    reviewActivity(articleId: $articleId) {\n      position streamId revision type occurredAt reason\n      actor { id roles }\n    }\n  }\n": typeof types.ReviewActivityDocument,
    "\n  query ArticleNames {\n    articles { id title sections { id heading } }\n  }\n": typeof types.ArticleNamesDocument,
    "\n  query Articles {\n    articles {\n      id title slug\n      references { number resolved }\n      sections { id heading position state claims { id state } }\n    }\n  }\n": typeof types.ArticlesDocument,
    "\n  fragment SectionFields on Section {\n    id articleId heading position state revision\n    claims { id text citations citationNeeded state revision textRevision publishedText publishedTextRevision }\n  }\n": typeof types.SectionFieldsFragmentDoc,
    "\n  query Article($id: ID!) {\n    article(id: $id) {\n      id title slug revision\n      references { number citation url resolved }\n      sections { ...SectionFields }\n    }\n  }\n": typeof types.ArticleDocument,
    "\n  mutation SignOffSectionEvidence($input: SectionActionInput!) {\n    signOffSectionEvidence(input: $input) { ...SectionFields }\n  }\n": typeof types.SignOffSectionEvidenceDocument,
    "\n  mutation SignOffSectionMedical($input: SectionActionInput!) {\n    signOffSectionMedical(input: $input) { ...SectionFields }\n  }\n": typeof types.SignOffSectionMedicalDocument,
    "\n  mutation PublishSection($input: SectionActionInput!) {\n    publishSection(input: $input) { ...SectionFields }\n  }\n": typeof types.PublishSectionDocument,
    "\n  mutation UnpublishSection($input: SectionActionInput!) {\n    unpublishSection(input: $input) { ...SectionFields }\n  }\n": typeof types.UnpublishSectionDocument,
    "\n  query AuditTrail($filter: AuditFilter, $after: String) {\n    auditTrail(filter: $filter, first: 100, after: $after) {\n      edges { cursor node { position streamId revision type occurredAt reason data hash actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query VerifyIntegrity($articleId: ID) {\n    verifyIntegrity(articleId: $articleId) {\n      ok streamsChecked eventsChecked\n      firstBreak { streamId revision reason }\n    }\n  }\n": typeof types.VerifyIntegrityDocument,
    "\n  fragment ClaimFields on Claim {\n    id articleId sectionId text citations citationNeeded state revision textRevision\n    author { id roles }\n    evidence { referenceNumber level locator note }\n    evidenceCheckedBy { id roles }\n    medicallyReviewedBy { id roles }\n    publishedText publishedTextRevision\n  }\n": typeof types.ClaimFieldsFragmentDoc,
    "\n  query Claim($id: ID!) {\n    claim(id: $id) { ...ClaimFields }\n  }\n": typeof types.ClaimDocument,
    "\n  query ClaimAsOf($id: ID!, $revision: Int!) {\n    claim(id: $id, asOf: { revision: $revision }) { ...ClaimFields }\n  }\n": typeof types.ClaimAsOfDocument,
    "\n  query ClaimArticle($articleId: ID!) {\n    article(id: $articleId) {\n      id title\n      references { number citation url resolved }\n      sections { id heading }\n    }\n  }\n": typeof types.ClaimArticleDocument,
    "\n  query ClaimWording($id: ID!) {\n    claim(id: $id) {\n      id medicallyReviewedAt reviewDueAt\n      wordingFlags { phrase start end strongestEvidence message }\n    }\n  }\n": typeof types.ClaimWordingDocument,
    "\n  query ClaimDiscussion($id: ID!) {\n    claim(id: $id) {\n      id\n      comments { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n    }\n  }\n": typeof types.ClaimDiscussionDocument,
    "\n  query ClaimHistory($streamId: ID!, $after: String) {\n    history(streamId: $streamId, first: 200, after: $after) {\n      edges { cursor node { position revision type occurredAt reason data actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ClaimHistoryDocument,
    "\n  query ClaimDiff($id: ID!, $from: Int!, $to: Int!) {\n    claimDiff(id: $id, fromTextRevision: $from, toTextRevision: $to) { hunks { op text } }\n  }\n": typeof types.ClaimDiffDocument,
    "\n  mutation RecordEvidenceCheck($input: RecordEvidenceCheckInput!) {\n    recordEvidenceCheck(input: $input) { ...ClaimFields }\n  }\n": typeof types.RecordEvidenceCheckDocument,
    "\n  mutation RecordMedicalReview($input: RecordMedicalReviewInput!) {\n    recordMedicalReview(input: $input) { ...ClaimFields }\n  }\n": typeof types.RecordMedicalReviewDocument,
    "\n  mutation ProposeClaimRevision($input: ProposeClaimRevisionInput!) {\n    proposeClaimRevision(input: $input) { ...ClaimFields }\n  }\n": typeof types.ProposeClaimRevisionDocument,
    "\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n  }\n": typeof types.PostCommentDocument,
    "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id resolved resolvedBy { id } }\n  }\n": typeof types.ResolveCommentDocument,
    "\n  mutation ImportArticle($input: ImportArticleInput!) {\n    importArticle(input: $input) {\n      sections claims citations uncitedClaims unresolvedReferences\n      article { id title }\n    }\n  }\n": typeof types.ImportArticleDocument,
    "\n  fragment QueueClaim on Claim {\n    id articleId sectionId text state revision citations citationNeeded\n    author { id }\n    evidenceCheckedBy { id }\n  }\n": typeof types.QueueClaimFragmentDoc,
    "\n  query ReviewQueue($state: ReviewState!, $articleId: ID, $flagged: Boolean, $first: Int!, $after: String) {\n    reviewQueue(state: $state, articleId: $articleId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { ...QueueClaim } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  query QueueCounts($articleId: ID, $flagged: Boolean) {\n    drafted: reviewQueue(state: DRAFTED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    evidenceChecked: reviewQueue(state: EVIDENCE_CHECKED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    medicallyReviewed: reviewQueue(state: MEDICALLY_REVIEWED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    published: reviewQueue(state: PUBLISHED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n  }\n": typeof types.QueueCountsDocument,
    "\n  query ReviewDue($before: DateTime!, $articleId: ID, $first: Int!, $after: String) {\n    reviewDue(before: $before, articleId: $articleId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { ...QueueClaim medicallyReviewedAt reviewDueAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ReviewDueDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me { id roles }\n  }\n": types.MeDocument,
    "\n  subscription ReviewActivity($articleId: ID) {\n    reviewActivity(articleId: $articleId) {\n      position streamId revision type occurredAt reason\n      actor { id roles }\n    }\n  }\n": types.ReviewActivityDocument,
    "\n  query ArticleNames {\n    articles { id title sections { id heading } }\n  }\n": types.ArticleNamesDocument,
    "\n  query Articles {\n    articles {\n      id title slug\n      references { number resolved }\n      sections { id heading position state claims { id state } }\n    }\n  }\n": types.ArticlesDocument,
    "\n  fragment SectionFields on Section {\n    id articleId heading position state revision\n    claims { id text citations citationNeeded state revision textRevision publishedText publishedTextRevision }\n  }\n": types.SectionFieldsFragmentDoc,
    "\n  query Article($id: ID!) {\n    article(id: $id) {\n      id title slug revision\n      references { number citation url resolved }\n      sections { ...SectionFields }\n    }\n  }\n": types.ArticleDocument,
    "\n  mutation SignOffSectionEvidence($input: SectionActionInput!) {\n    signOffSectionEvidence(input: $input) { ...SectionFields }\n  }\n": types.SignOffSectionEvidenceDocument,
    "\n  mutation SignOffSectionMedical($input: SectionActionInput!) {\n    signOffSectionMedical(input: $input) { ...SectionFields }\n  }\n": types.SignOffSectionMedicalDocument,
    "\n  mutation PublishSection($input: SectionActionInput!) {\n    publishSection(input: $input) { ...SectionFields }\n  }\n": types.PublishSectionDocument,
    "\n  mutation UnpublishSection($input: SectionActionInput!) {\n    unpublishSection(input: $input) { ...SectionFields }\n  }\n": types.UnpublishSectionDocument,
    "\n  query AuditTrail($filter: AuditFilter, $after: String) {\n    auditTrail(filter: $filter, first: 100, after: $after) {\n      edges { cursor node { position streamId revision type occurredAt reason data hash actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query VerifyIntegrity($articleId: ID) {\n    verifyIntegrity(articleId: $articleId) {\n      ok streamsChecked eventsChecked\n      firstBreak { streamId revision reason }\n    }\n  }\n": types.VerifyIntegrityDocument,
    "\n  fragment ClaimFields on Claim {\n    id articleId sectionId text citations citationNeeded state revision textRevision\n    author { id roles }\n    evidence { referenceNumber level locator note }\n    evidenceCheckedBy { id roles }\n    medicallyReviewedBy { id roles }\n    publishedText publishedTextRevision\n  }\n": types.ClaimFieldsFragmentDoc,
    "\n  query Claim($id: ID!) {\n    claim(id: $id) { ...ClaimFields }\n  }\n": types.ClaimDocument,
    "\n  query ClaimAsOf($id: ID!, $revision: Int!) {\n    claim(id: $id, asOf: { revision: $revision }) { ...ClaimFields }\n  }\n": types.ClaimAsOfDocument,
    "\n  query ClaimArticle($articleId: ID!) {\n    article(id: $articleId) {\n      id title\n      references { number citation url resolved }\n      sections { id heading }\n    }\n  }\n": types.ClaimArticleDocument,
    "\n  query ClaimWording($id: ID!) {\n    claim(id: $id) {\n      id medicallyReviewedAt reviewDueAt\n      wordingFlags { phrase start end strongestEvidence message }\n    }\n  }\n": types.ClaimWordingDocument,
    "\n  query ClaimDiscussion($id: ID!) {\n    claim(id: $id) {\n      id\n      comments { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n    }\n  }\n": types.ClaimDiscussionDocument,
    "\n  query ClaimHistory($streamId: ID!, $after: String) {\n    history(streamId: $streamId, first: 200, after: $after) {\n      edges { cursor node { position revision type occurredAt reason data actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ClaimHistoryDocument,
    "\n  query ClaimDiff($id: ID!, $from: Int!, $to: Int!) {\n    claimDiff(id: $id, fromTextRevision: $from, toTextRevision: $to) { hunks { op text } }\n  }\n": types.ClaimDiffDocument,
    "\n  mutation RecordEvidenceCheck($input: RecordEvidenceCheckInput!) {\n    recordEvidenceCheck(input: $input) { ...ClaimFields }\n  }\n": types.RecordEvidenceCheckDocument,
    "\n  mutation RecordMedicalReview($input: RecordMedicalReviewInput!) {\n    recordMedicalReview(input: $input) { ...ClaimFields }\n  }\n": types.RecordMedicalReviewDocument,
    "\n  mutation ProposeClaimRevision($input: ProposeClaimRevisionInput!) {\n    proposeClaimRevision(input: $input) { ...ClaimFields }\n  }\n": types.ProposeClaimRevisionDocument,
    "\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n  }\n": types.PostCommentDocument,
    "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id resolved resolvedBy { id } }\n  }\n": types.ResolveCommentDocument,
    "\n  mutation ImportArticle($input: ImportArticleInput!) {\n    importArticle(input: $input) {\n      sections claims citations uncitedClaims unresolvedReferences\n      article { id title }\n    }\n  }\n": types.ImportArticleDocument,
    "\n  fragment QueueClaim on Claim {\n    id articleId sectionId text state revision citations citationNeeded\n    author { id }\n    evidenceCheckedBy { id }\n  }\n": types.QueueClaimFragmentDoc,
    "\n  query ReviewQueue($state: ReviewState!, $articleId: ID, $flagged: Boolean, $first: Int!, $after: String) {\n    reviewQueue(state: $state, articleId: $articleId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { ...QueueClaim } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  query QueueCounts($articleId: ID, $flagged: Boolean) {\n    drafted: reviewQueue(state: DRAFTED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    evidenceChecked: reviewQueue(state: EVIDENCE_CHECKED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    medicallyReviewed: reviewQueue(state: MEDICALLY_REVIEWED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    published: reviewQueue(state: PUBLISHED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n  }\n": types.QueueCountsDocument,
    "\n  query ReviewDue($before: DateTime!, $articleId: ID, $first: Int!, $after: String) {\n    reviewDue(before: $before, articleId: $articleId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { ...QueueClaim medicallyReviewedAt reviewDueAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ReviewDueDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { id roles }\n  }\n"): (typeof documents)["\n  query Me {\n    me { id roles }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReviewActivity($articleId: ID) {\n    reviewActivity(articleId: $articleId) {\n      position streamId revision type occurredAt reason\n      actor { id roles }\n    }\n  }\n"): (typeof documents)["\n  subscription ReviewActivity($articleId: ID) {\n    reviewActivity(articleId: $articleId) {\n      position streamId revision type occurredAt reason\n      actor { id roles }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArticleNames {\n    articles { id title sections { id heading } }\n  }\n"): (typeof documents)["\n  query ArticleNames {\n    articles { id title sections { id heading } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Articles {\n    articles {\n      id title slug\n      references { number resolved }\n      sections { id heading position state claims { id state } }\n    }\n  }\n"): (typeof documents)["\n  query Articles {\n    articles {\n      id title slug\n      references { number resolved }\n      sections { id heading position state claims { id state } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SectionFields on Section {\n    id articleId heading position state revision\n    claims { id text citations citationNeeded state revision textRevision publishedText publishedTextRevision }\n  }\n"): (typeof documents)["\n  fragment SectionFields on Section {\n    id articleId heading position state revision\n    claims { id text citations citationNeeded state revision textRevision publishedText publishedTextRevision }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Article($id: ID!) {\n    article(id: $id) {\n      id title slug revision\n      references { number citation url resolved }\n      sections { ...SectionFields }\n    }\n  }\n"): (typeof documents)["\n  query Article($id: ID!) {\n    article(id: $id) {\n      id title slug revision\n      references { number citation url resolved }\n      sections { ...SectionFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOffSectionEvidence($input: SectionActionInput!) {\n    signOffSectionEvidence(input: $input) { ...SectionFields }\n  }\n"): (typeof documents)["\n  mutation SignOffSectionEvidence($input: SectionActionInput!) {\n    signOffSectionEvidence(input: $input) { ...SectionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOffSectionMedical($input: SectionActionInput!) {\n    signOffSectionMedical(input: $input) { ...SectionFields }\n  }\n"): (typeof documents)["\n  mutation SignOffSectionMedical($input: SectionActionInput!) {\n    signOffSectionMedical(input: $input) { ...SectionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishSection($input: SectionActionInput!) {\n    publishSection(input: $input) { ...SectionFields }\n  }\n"): (typeof documents)["\n  mutation PublishSection($input: SectionActionInput!) {\n    publishSection(input: $input) { ...SectionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnpublishSection($input: SectionActionInput!) {\n    unpublishSection(input: $input) { ...SectionFields }\n  }\n"): (typeof documents)["\n  mutation UnpublishSection($input: SectionActionInput!) {\n    unpublishSection(input: $input) { ...SectionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($filter: AuditFilter, $after: String) {\n    auditTrail(filter: $filter, first: 100, after: $after) {\n      edges { cursor node { position streamId revision type occurredAt reason data hash actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail($filter: AuditFilter, $after: String) {\n    auditTrail(filter: $filter, first: 100, after: $after) {\n      edges { cursor node { position streamId revision type occurredAt reason data hash actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyIntegrity($articleId: ID) {\n    verifyIntegrity(articleId: $articleId) {\n      ok streamsChecked eventsChecked\n      firstBreak { streamId revision reason }\n    }\n  }\n"): (typeof documents)["\n  query VerifyIntegrity($articleId: ID) {\n    verifyIntegrity(articleId: $articleId) {\n      ok streamsChecked eventsChecked\n      firstBreak { streamId revision reason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClaimFields on Claim {\n    id articleId sectionId text citations citationNeeded state revision textRevision\n    author { id roles }\n    evidence { referenceNumber level locator note }\n    evidenceCheckedBy { id roles }\n    medicallyReviewedBy { id roles }\n    publishedText publishedTextRevision\n  }\n"): (typeof documents)["\n  fragment ClaimFields on Claim {\n    id articleId sectionId text citations citationNeeded state revision textRevision\n    author { id roles }\n    evidence { referenceNumber level locator note }\n    evidenceCheckedBy { id roles }\n    medicallyReviewedBy { id roles }\n    publishedText publishedTextRevision\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Claim($id: ID!) {\n    claim(id: $id) { ...ClaimFields }\n  }\n"): (typeof documents)["\n  query Claim($id: ID!) {\n    claim(id: $id) { ...ClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimAsOf($id: ID!, $revision: Int!) {\n    claim(id: $id, asOf: { revision: $revision }) { ...ClaimFields }\n  }\n"): (typeof documents)["\n  query ClaimAsOf($id: ID!, $revision: Int!) {\n    claim(id: $id, asOf: { revision: $revision }) { ...ClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimArticle($articleId: ID!) {\n    article(id: $articleId) {\n      id title\n      references { number citation url resolved }\n      sections { id heading }\n    }\n  }\n"): (typeof documents)["\n  query ClaimArticle($articleId: ID!) {\n    article(id: $articleId) {\n      id title\n      references { number citation url resolved }\n      sections { id heading }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimWording($id: ID!) {\n    claim(id: $id) {\n      id medicallyReviewedAt reviewDueAt\n      wordingFlags { phrase start end strongestEvidence message }\n    }\n  }\n"): (typeof documents)["\n  query ClaimWording($id: ID!) {\n    claim(id: $id) {\n      id medicallyReviewedAt reviewDueAt\n      wordingFlags { phrase start end strongestEvidence message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimDiscussion($id: ID!) {\n    claim(id: $id) {\n      id\n      comments { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n    }\n  }\n"): (typeof documents)["\n  query ClaimDiscussion($id: ID!) {\n    claim(id: $id) {\n      id\n      comments { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimHistory($streamId: ID!, $after: String) {\n    history(streamId: $streamId, first: 200, after: $after) {\n      edges { cursor node { position revision type occurredAt reason data actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ClaimHistory($streamId: ID!, $after: String) {\n    history(streamId: $streamId, first: 200, after: $after) {\n      edges { cursor node { position revision type occurredAt reason data actor { id roles } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimDiff($id: ID!, $from: Int!, $to: Int!) {\n    claimDiff(id: $id, fromTextRevision: $from, toTextRevision: $to) { hunks { op text } }\n  }\n"): (typeof documents)["\n  query ClaimDiff($id: ID!, $from: Int!, $to: Int!) {\n    claimDiff(id: $id, fromTextRevision: $from, toTextRevision: $to) { hunks { op text } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordEvidenceCheck($input: RecordEvidenceCheckInput!) {\n    recordEvidenceCheck(input: $input) { ...ClaimFields }\n  }\n"): (typeof documents)["\n  mutation RecordEvidenceCheck($input: RecordEvidenceCheckInput!) {\n    recordEvidenceCheck(input: $input) { ...ClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordMedicalReview($input: RecordMedicalReviewInput!) {\n    recordMedicalReview(input: $input) { ...ClaimFields }\n  }\n"): (typeof documents)["\n  mutation RecordMedicalReview($input: RecordMedicalReviewInput!) {\n    recordMedicalReview(input: $input) { ...ClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeClaimRevision($input: ProposeClaimRevisionInput!) {\n    proposeClaimRevision(input: $input) { ...ClaimFields }\n  }\n"): (typeof documents)["\n  mutation ProposeClaimRevision($input: ProposeClaimRevisionInput!) {\n    proposeClaimRevision(input: $input) { ...ClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n  }\n"): (typeof documents)["\n  mutation PostComment($input: PostCommentInput!) {\n    postComment(input: $input) { id claimId text postedAt replyTo resolved author { id roles } resolvedBy { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id resolved resolvedBy { id } }\n  }\n"): (typeof documents)["\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id resolved resolvedBy { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportArticle($input: ImportArticleInput!) {\n    importArticle(input: $input) {\n      sections claims citations uncitedClaims unresolvedReferences\n      article { id title }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportArticle($input: ImportArticleInput!) {\n    importArticle(input: $input) {\n      sections claims citations uncitedClaims unresolvedReferences\n      article { id title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QueueClaim on Claim {\n    id articleId sectionId text state revision citations citationNeeded\n    author { id }\n    evidenceCheckedBy { id }\n  }\n"): (typeof documents)["\n  fragment QueueClaim on Claim {\n    id articleId sectionId text state revision citations citationNeeded\n    author { id }\n    evidenceCheckedBy { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($state: ReviewState!, $articleId: ID, $flagged: Boolean, $first: Int!, $after: String) {\n    reviewQueue(state: $state, articleId: $articleId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { ...QueueClaim } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($state: ReviewState!, $articleId: ID, $flagged: Boolean, $first: Int!, $after: String) {\n    reviewQueue(state: $state, articleId: $articleId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { ...QueueClaim } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueCounts($articleId: ID, $flagged: Boolean) {\n    drafted: reviewQueue(state: DRAFTED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    evidenceChecked: reviewQueue(state: EVIDENCE_CHECKED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    medicallyReviewed: reviewQueue(state: MEDICALLY_REVIEWED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    published: reviewQueue(state: PUBLISHED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n  }\n"): (typeof documents)["\n  query QueueCounts($articleId: ID, $flagged: Boolean) {\n    drafted: reviewQueue(state: DRAFTED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    evidenceChecked: reviewQueue(state: EVIDENCE_CHECKED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    medicallyReviewed: reviewQueue(state: MEDICALLY_REVIEWED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n    published: reviewQueue(state: PUBLISHED, articleId: $articleId, flagged: $flagged, first: 0) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewDue($before: DateTime!, $articleId: ID, $first: Int!, $after: String) {\n    reviewDue(before: $before, articleId: $articleId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { ...QueueClaim medicallyReviewedAt reviewDueAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ReviewDue($before: DateTime!, $articleId: ID, $first: Int!, $after: String) {\n    reviewDue(before: $before, articleId: $articleId, first: $first, after: $after) {\n      totalCount\n      edges { cursor node { ...QueueClaim medicallyReviewedAt reviewDueAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;