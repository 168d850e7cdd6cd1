import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient, type EventConnectedListener } from 'graphql-ws';
import { OperationTypeNode } from 'graphql';
import { map } from 'rxjs';

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
 * Read-your-writes behind a load balancer that spreads requests over several API instances: each
 * answer to a mutation carries the store position of its events (`extensions.position`), and every
 * later request sends the highest one seen in X-Read-After, so the instance that answers it has
 * applied that change first.
 */
export function readYourWritesLink(): ApolloLink {
  let position = 0;
  return new ApolloLink((operation, forward) => {
    if (position > 0) {
      const seen = String(position);
      operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({ headers: { ...headers, 'x-read-after': seen } }));
    }
    return forward(operation).pipe(
      map((result) => {
        const stored = result.extensions?.position;
        if (typeof stored === 'number' && stored > position) position = stored;
        return result;
      }),
    );
  });
}

/**
 * graphql-ws subscribes again by itself once it has reconnected (an API instance restarted, the
 * network dropped), but the events stored meanwhile were never sent: the open views then read
 * their queries again. A first connection (wasRetry false) has missed nothing.
 */
export function refetchAfterReconnect(client: () => ApolloClient): EventConnectedListener {
  return (_socket, _payload, wasRetry) => {
    if (wasRetry) void client().refetchQueries({ include: 'active' });
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
      on: { connected: refetchAfterReconnect(() => apollo) },
    }),
  );
  const apollo: ApolloClient = new ApolloClient({
    link: ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, ws, readYourWritesLink().concat(http)),
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
  return apollo;
}
