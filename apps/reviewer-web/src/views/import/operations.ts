import { graphql } from '../../gql';

export const ImportArticleMutation = graphql(`
  mutation ImportArticle($input: ImportArticleInput!) {
    importArticle(input: $input) {
      sections claims citations uncitedClaims unresolvedReferences
      article { id title }
    }
  }
`);
