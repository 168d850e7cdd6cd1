import { graphql } from '../../gql';

export const AuditTrailQuery = graphql(`
  query AuditTrail($filter: AuditFilter, $after: String) {
    auditTrail(filter: $filter, first: 100, after: $after) {
      edges { cursor node { position streamId revision type occurredAt reason data hash actor { id roles } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const VerifyIntegrityQuery = graphql(`
  query VerifyIntegrity($articleId: ID) {
    verifyIntegrity(articleId: $articleId) {
      ok streamsChecked eventsChecked
      firstBreak { streamId revision reason }
    }
  }
`);
