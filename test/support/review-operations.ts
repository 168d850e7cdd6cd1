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
