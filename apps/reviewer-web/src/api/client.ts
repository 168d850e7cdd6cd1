import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { OperationTypeNode } from 'graphql';

/** Pages of a connection, appended as "Show more" asks for them; a read without `after` starts over. */
function pagedConnection(keyArgs: string[]) {
  return {
    keyArgs,
    merge(existing: { edges: unknown[] } | undefined, incoming: { edges: unknown[] }, { args }: { args: Record<string, unknown> | null }) {
      if (!existing || !args?.after) return incoming;
      return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
    },
  };
}

/**
 * One client per signed-in token: queries and mutations over HTTP, subscriptions over graphql-ws
 * on the same path (the token in connectionParams), one normalized cache, so a mutation's answer
 * updates every view that shows the same claim or section.
 */
export function createApolloClient(token: string): ApolloClient {
  const authorization = `Bearer ${token}`;
  const http = new HttpLink({ uri: '/graphql', headers: { authorization } });
  const ws = new GraphQLWsLink(
    createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      connectionParams: { authorization },
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
    }),
  );
  return new ApolloClient({
    link: ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, ws, http),
    cache: new InMemoryCache({
      typePolicies: {
        // Values without an id of their own are kept inside their parent.
        Reference: { keyFields: false },
        Evidence: { keyFields: false },
        WordingFlag: { keyFields: false },
        Query: {
          fields: {
            reviewQueue: pagedConnection(['state', 'articleId', 'flagged']),
            reviewDue: pagedConnection(['before', 'articleId']),
            auditTrail: pagedConnection(['filter']),
            history: pagedConnection(['streamId']),
          },
        },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
