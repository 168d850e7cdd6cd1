import type { ClaimArticleQuery } from '../../gql/graphql';

/** A reference of the claim's article, as the claim page reads it. */
export type Reference = NonNullable<ClaimArticleQuery['article']>['references'][number];
