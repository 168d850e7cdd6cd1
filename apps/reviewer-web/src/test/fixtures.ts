import type { ClaimFieldsFragment } from '../gql/graphql';
import type { Reference } from '../views/claims/types';

export function claim(overrides: Partial<ClaimFieldsFragment> = {}): ClaimFieldsFragment & { __typename: 'Claim' } {
  return {
    __typename: 'Claim',
    id: 'c1',
    articleId: 'a1',
    sectionId: 's1',
    text: 'Creatine is made in the body from arginine, glycine and methionine.',
    citations: [2, 3],
    citationNeeded: false,
    state: 'DRAFTED',
    revision: 0,
    textRevision: 1,
    author: { id: 'erin', roles: ['EDITOR'] },
    evidence: [],
    evidenceCheckedBy: null,
    medicallyReviewedBy: null,
    publishedText: null,
    publishedTextRevision: null,
    ...overrides,
  };
}

export const references: Reference[] = [
  { number: 2, citation: 'Wyss M, Kaddurah-Daouk R. Creatine and creatinine metabolism. Physiol Rev. 2000.', url: 'https://example.org/wyss', resolved: true },
  { number: 3, citation: 'Brosnan JT. Annu Rev Nutr. 2007.', url: null, resolved: true },
];
