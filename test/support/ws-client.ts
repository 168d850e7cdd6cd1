import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What a graphql-ws subscription delivered: its data, or how it ended. */
export interface Received<T> {
  items: T[];
  /** The GraphQL errors, or the close event / error, that ended it; null while it runs. */
  ended: unknown;
  completed: boolean;
}

export interface LiveSubscription<T> {
  received: Received<T>;
  /** Resolves once `count` items have arrived (rejects after the timeout, or when the subscription ends first). */
  waitForItems(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves once the subscription has ended, by error or completion. */
  waitForEnd(timeoutMs?: number): Promise<unknown>;
  unsubscribe(): void;
}

export interface WsClient {
  client: Client;
  /** Resolves on the server's connection_ack; rejects when the connection is closed before it. */
  connected: Promise<void>;
  subscribe<T>(query: string, variables?: Record<string, unknown>, pick?: (data: Record<string, unknown>) => T): LiveSubscription<T>;
  close(): Promise<void>;
}

/**
 * A graphql-ws client on the `ws` package, authenticated through connectionParams.authorization
 * ('Bearer …') as docs/api.md ("Authentication") says, or without any when `authorization` is
 * null. It never retries, so a refused connection shows as the subscription's end.
 */
export function connectWs(httpUrl: string, authorization: string | null): WsClient {
  let acknowledged!: () => void;
  let refused!: (reason: unknown) => void;
  const connected = new Promise<void>((resolve, reject) => {
    acknowledged = resolve;
    refused = reject;
  });
  connected.catch(() => undefined);
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: authorization === null ? undefined : { authorization },
    lazy: false,
    // A refused connection is reported through `connected` and each subscription's end, not logged.
    onNonLazyError: () => undefined,
    retryAttempts: 0,
    on: {
      connected: () => acknowledged(),
      closed: (event) => refused(event),
      error: (error) => refused(error),
    },
  });

  return {
    client,
    connected,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}, pick = (data: Record<string, unknown>) => data as T) {
      const received: Received<T> = { items: [], ended: null, completed: false };
      const listeners = new Set<() => void>();
      const changed = () => listeners.forEach((listener) => listener());
      const unsubscribe = client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) received.ended = result.errors;
            else if (result.data) received.items.push(pick(result.data));
            changed();
          },
          error: (error) => {
            received.ended = error;
            changed();
          },
          complete: () => {
            received.completed = true;
            changed();
          },
        },
      );
      const until = <R>(ready: () => R | undefined, describe: () => string, timeoutMs: number) =>
        new Promise<R>((resolve, reject) => {
          const check = () => {
            let value: R | undefined;
            try {
              value = ready();
            } catch (error) {
              cleanUp();
              reject(error instanceof Error ? error : new Error(String(error)));
              return;
            }
            if (value === undefined) return;
            cleanUp();
            resolve(value);
          };
          const timer = setTimeout(() => {
            cleanUp();
            reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`));
          }, timeoutMs);
          const cleanUp = () => {
            clearTimeout(timer);
            listeners.delete(check);
          };
          listeners.add(check);
          check();
        });
      return {
        received,
        waitForItems: (count, timeoutMs = 5000) =>
          until(
            () => {
              if (received.items.length >= count) return received.items.slice(0, count);
              if (received.ended !== null || received.completed) throw new Error(`the subscription ended: ${describeEnd(received.ended)}`);
              return undefined;
            },
            () => `${count} items (got ${received.items.length})`,
            timeoutMs,
          ),
        waitForEnd: (timeoutMs = 5000) =>
          until(
            () => (received.ended !== null || received.completed ? (received.ended ?? 'completed') : undefined),
            () => 'the end of the subscription',
            timeoutMs,
          ),
        unsubscribe,
      };
    },
    close: () => client.dispose() as Promise<void>,
  };
}

function describeEnd(ended: unknown): string {
  if (ended && typeof ended === 'object' && 'code' in ended) return `closed with code ${String((ended as { code: unknown }).code)}`;
  return JSON.stringify(ended);
}
