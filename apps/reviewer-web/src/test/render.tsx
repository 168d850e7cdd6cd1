import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { SessionContext, type Me } from '../auth/session';
import type { Role } from '../gql/graphql';

export const user = (id: string, ...roles: Role[]): Me => ({ id, roles });

/**
 * Renders a view as `me` would see it, at `path`, with the API's answers mocked. A mock that is
 * asked for but missing fails the query, so each test states every request it expects.
 */
export function renderAs(me: Me, ui: ReactNode, mocks: MockLink.MockedResponse[] = [], path = '/') {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[path]}>
      <SessionContext.Provider value={{ me, token: 'test-token', signIn: async () => undefined, signOut: () => undefined }}>
        <MockedProvider mocks={mocks}>{children}</MockedProvider>
      </SessionContext.Provider>
    </MemoryRouter>
  );
  return render(ui, { wrapper });
}

/** The API's refusal, as Apollo hands it to the view. */
export function refusal(code: string, extensions: Record<string, unknown> = {}, message = `refused: ${code}`) {
  return { errors: [new GraphQLError(message, { extensions: { code, ...extensions } })] };
}
