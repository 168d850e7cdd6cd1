import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TOKEN_STORAGE_KEY } from '../auth/token-storage';

/**
 * GraphiQL from npm, bundled by Vite: nothing is fetched from another host. The reviewer app's
 * token, when this tab has signed in, is put in the headers (and the subscriptions' socket).
 */
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
const token = sessionStorage.getItem(TOKEN_STORAGE_KEY);
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  subscriptionUrl: wsUrl,
  // Subscriptions authenticate once, when the socket opens; the Headers tab covers HTTP.
  wsConnectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
});

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultHeaders={JSON.stringify({ Authorization: `Bearer ${token ?? '<paste a token here>'}` }, null, 2)}
        defaultQuery={'# Every request needs a token: see the Headers tab below.\n{\n  me { id roles }\n}\n'}
      />
    </StrictMode>,
  );
}
