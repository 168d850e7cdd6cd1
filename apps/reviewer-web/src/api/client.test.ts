import { ApolloLink, execute, gql, type ApolloClient } from '@apollo/client';
import { firstValueFrom, of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { readYourWritesLink, refetchAfterReconnect } from './client';

describe('readYourWritesLink', () => {
  it('sends the highest store position a mutation answered with in X-Read-After on every later request', async () => {
    const sent: Array<string | undefined> = [];
    const answers = [{ position: 41 }, { position: 7 }, undefined];
    const server = new ApolloLink((operation) => {
      sent.push((operation.getContext().headers as Record<string, string> | undefined)?.['x-read-after']);
      return of({ data: {}, extensions: answers.shift() });
    });
    const link = readYourWritesLink().concat(server);
    const client = {} as ApolloClient;
    const run = () => firstValueFrom(execute(link, { query: gql`query { articles { id } }` }, { client }));

    await run();
    await run();
    await run();
    expect(sent).toEqual([undefined, '41', '41']);
  });
});

describe('refetchAfterReconnect', () => {
  it('reads the open views again after graphql-ws reconnected, not on its first connection', () => {
    const refetchQueries = vi.fn(async () => []);
    const connected = refetchAfterReconnect(() => ({ refetchQueries }) as unknown as ApolloClient);

    connected({}, undefined, false);
    expect(refetchQueries).not.toHaveBeenCalled();
    connected({}, undefined, true);
    expect(refetchQueries).toHaveBeenCalledWith({ include: 'active' });
  });
});
