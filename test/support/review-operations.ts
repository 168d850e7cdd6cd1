/** The GraphQL operations the end-to-end tests (and the README's session) use. */
export const CLAIM_FIELDS = `id articleId sectionId text citations citationNeeded state revision textRevision
  author { id roles } evidence { referenceNumber level locator note }
  evidenceCheckedBy { id } medicallyReviewedBy { id } publishedText publishedTextRevision`;

export const SECTION_FIELDS = `id articleId heading position state revision claims { ${CLAIM_FIELDS} }`;

export const IMPORT = `mutation($input: ImportArticleInput!) {
  importArticle(input: $input) {
    sections claims citations uncitedClaims unresolvedReferences
    article { id title slug revision references { number citation resolved } sections { ${SECTION_FIELDS} } }
  }
}`;

export const PROPOSE = `mutation($input: ProposeClaimRevisionInput!) { proposeClaimRevision(input: $input) { ${CLAIM_FIELDS} } }`;
export const EVIDENCE = `mutation($input: RecordEvidenceCheckInput!) { recordEvidenceCheck(input: $input) { ${CLAIM_FIELDS} } }`;
export const MEDICAL = `mutation($input: RecordMedicalReviewInput!) { recordMedicalReview(input: $input) { ${CLAIM_FIELDS} } }`;
export const SIGN_OFF_EVIDENCE = `mutation($input: SectionActionInput!) { signOffSectionEvidence(input: $input) { ${SECTION_FIELDS} } }`;
export const SIGN_OFF_MEDICAL = `mutation($input: SectionActionInput!) { signOffSectionMedical(input: $input) { ${SECTION_FIELDS} } }`;
export const PUBLISH = `mutation($input: SectionActionInput!) { publishSection(input: $input) { ${SECTION_FIELDS} } }`;
export const UNPUBLISH = `mutation($input: SectionActionInput!) { unpublishSection(input: $input) { ${SECTION_FIELDS} } }`;
export const CLAIM = `query($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`;
export const SECTION = `query($id: ID!) { section(id: $id) { ${SECTION_FIELDS} } }`;
export const QUEUE = `query($state: ReviewState!, $articleId: ID) {
  reviewQueue(state: $state, articleId: $articleId) { edges { cursor node { id state text } } pageInfo { hasNextPage endCursor } }
}`;

/** A small article of our own in the fixture's shape, with a filled reference list. */
export const SMALL_ARTICLE = `Magnesium is an essential mineral involved in hundreds of enzymatic reactions.[1]
Sleep
Magnesium supplements may modestly improve sleep onset in older adults.[2]
Most people tolerate magnesium well at usual doses.
References
1. de Baaij JH, Hoenderop JG, Bindels RJ. Magnesium in man. Physiol Rev. 2015.
2. Abbasi B, et al. The effect of magnesium supplementation on primary insomnia in elderly. J Res Med Sci. 2012.
`;

export interface ClaimShape {
  id: string;
  articleId: string;
  text: string;
  citations: number[];
  state: string;
  revision: number;
  textRevision: number;
  publishedText: string | null;
  publishedTextRevision: number | null;
  author: { id: string };
}

export interface SectionShape {
  id: string;
  heading: string;
  state: string;
  revision: number;
  claims: ClaimShape[];
}

/** Every field of an audit event, as the audit tests read it. */
export const AUDIT_EVENT_FIELDS = `position streamId revision type occurredAt actor { id roles } reason data
  correlationId causationId hash previousHash`;

/**
 * A page of a stream's history / of the audit trail. The page size is written into the query, not
 * passed as a variable: graphql/query-limits.ts prices a variable `first` as 1000 items, and 1000
 * full AuditEvents come out just over its cost limit.
 */
export const HISTORY_PAGE = (first: number) => `query($streamId: ID!, $after: String) {
  history(streamId: $streamId, first: ${first}, after: $after) {
    edges { cursor node { ${AUDIT_EVENT_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

export const AUDIT_TRAIL_PAGE = (first: number) => `query($filter: AuditFilter, $after: String) {
  auditTrail(filter: $filter, first: ${first}, after: $after) {
    edges { cursor node { ${AUDIT_EVENT_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

export const CLAIM_AS_OF = `query($id: ID!, $asOf: AsOf) { claim(id: $id, asOf: $asOf) { ${CLAIM_FIELDS} } }`;
export const SECTION_AS_OF = `query($id: ID!, $asOf: AsOf) { section(id: $id, asOf: $asOf) { ${SECTION_FIELDS} } }`;

export const CLAIM_DIFF = `query($id: ID!, $from: Int!, $to: Int!) {
  claimDiff(id: $id, fromTextRevision: $from, toTextRevision: $to) { fromTextRevision toTextRevision hunks { op text } }
}`;

export const VERIFY_INTEGRITY = `query($articleId: ID) {
  verifyIntegrity(articleId: $articleId) { ok streamsChecked eventsChecked firstBreak { streamId revision reason } }
}`;

export const REVIEW_ACTIVITY = `subscription($articleId: ID) { reviewActivity(articleId: $articleId) { ${AUDIT_EVENT_FIELDS} } }`;

export const ADD_CLAIM = `mutation($input: AddClaimInput!) { addClaim(input: $input) { ${SECTION_FIELDS} } }`;

/** An AuditEvent as the API answers it. */
export interface AuditEventShape {
  position: string;
  streamId: string;
  revision: number;
  type: string;
  occurredAt: string;
  actor: { id: string; roles: string[] };
  reason: string | null;
  data: Record<string, unknown>;
  correlationId: string | null;
  causationId: string | null;
  hash: string;
  previousHash: string | null;
}
