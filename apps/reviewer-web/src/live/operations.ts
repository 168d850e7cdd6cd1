import { graphql } from '../gql';

export const ReviewActivitySubscription = graphql(`
  subscription ReviewActivity($articleId: ID) {
    reviewActivity(articleId: $articleId) {
      position streamId revision type occurredAt reason
      actor { id roles }
    }
  }
`);
