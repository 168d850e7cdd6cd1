import type { ClaimArticleQuery, ClaimFieldsFragment } from '../../gql/graphql';

/** A reference of the claim's article, as the claim page reads it. */
export type Reference = NonNullable<ClaimArticleQuery['article']>['references'][number];

/** What the claim page gives each of its forms. */
export interface ClaimFormProps {
  claim: ClaimFieldsFragment;
  /** The API answered CONFLICT: read the claim again (the form then shows what changed). */
  onConflict(): void;
  /** Sent: the page says so (the form itself may go, as the claim moved on). */
  onDone(message: string): void;
}
