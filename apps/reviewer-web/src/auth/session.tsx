import { ApolloProvider } from '@apollo/client/react';
import { print } from 'graphql';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApolloClient } from '../api/client';
import type { Role } from '../gql/graphql';
import { MeQuery } from './operations';
import { storedToken, storeToken } from './token-storage';

export interface Me {
  id: string;
  roles: Role[];
}

interface SessionValue {
  me: Me | null;
  token: string | null;
  /** Checks the token with the API first; throws an Error whose message is a sentence for the person. */
  signIn(token: string): Promise<void>;
  signOut(): void;
}

/** Exported for the component tests, which sign a user in without a server. */
export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only inside the signed-in part of the app. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

/** Asks the API who the token names. */
export async function verifyToken(token: string): Promise<Me> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(MeQuery) }),
    });
  } catch {
    throw new Error('The review service cannot be reached. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => null)) as { data?: { me?: Me } | null; errors?: Array<{ extensions?: { code?: string } }> } | null;
  if (body?.data?.me) return body.data.me;
  if (body?.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') {
    throw new Error('This token was not accepted: it may have expired, be mistyped, or come from another service. Check it, or ask for a new one.');
  }
  throw new Error('The review service could not check this token. Try again in a moment.');
}

/**
 * Who is signed in, kept for this tab (sessionStorage). Each sign-in gets an Apollo client of its
 * own, so nothing one user read stays in the cache for the next.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => storedToken());
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => storedToken() !== null);

  useEffect(() => {
    const saved = storedToken();
    if (!saved) return;
    verifyToken(saved)
      .then(setMe)
      .catch(() => {
        storeToken(null);
        setToken(null);
      })
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (candidate: string) => {
    const trimmed = candidate.trim().replace(/^Bearer\s+/i, '');
    const who = await verifyToken(trimmed);
    storeToken(trimmed);
    setToken(trimmed);
    setMe(who);
  }, []);

  const signOut = useCallback(() => {
    storeToken(null);
    setToken(null);
    setMe(null);
  }, []);

  const client = useMemo(() => (token && me ? createApolloClient(token) : null), [token, me]);
  useEffect(() => () => client?.stop(), [client]);

  const value = useMemo(() => ({ me: client ? me : null, token, signIn, signOut }), [client, me, token, signIn, signOut]);
  if (checking) return <p className="loading" role="status">Checking your sign-in…</p>;
  return (
    <SessionContext.Provider value={value}>
      {client ? <ApolloProvider client={client}>{children}</ApolloProvider> : children}
    </SessionContext.Provider>
  );
}
