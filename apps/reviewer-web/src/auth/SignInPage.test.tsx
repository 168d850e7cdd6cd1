import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInPage } from './SignInPage';
import { SessionProvider } from './session';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The server as the sign-in page meets it: /demo/users and the `me` query. */
function server({ demo, me }: { demo: boolean; me: (token: string) => Response }) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url === '/demo/users') {
      return demo
        ? answer(200, { users: [{ id: 'fred-fact-checker', roles: ['FACT_CHECKER'], token: 'fred-token' }] })
        : answer(404, { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
    }
    const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? '';
    return me(token);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('SignInPage', () => {
  it('has a labelled token box and a Sign in button, and no demo buttons outside demo mode', async () => {
    const fetchMock = server({ demo: false, me: () => answer(200, { data: null }) });
    render(<SessionProvider><SignInPage /></SessionProvider>);
    expect(screen.getByRole('textbox', { name: 'Access token' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledWith('/demo/users', expect.anything()));
    expect(screen.queryByRole('button', { name: /Sign in as/ })).not.toBeInTheDocument();
  });

  it('asks for a token before sending anything', async () => {
    server({ demo: false, me: () => answer(200, { data: null }) });
    render(<SessionProvider><SignInPage /></SessionProvider>);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Paste the access token you were given.')).toBeInTheDocument();
  });

  it('says in words why a token was refused', async () => {
    server({ demo: false, me: () => answer(200, { data: null, errors: [{ message: 'jwt expired', extensions: { code: 'UNAUTHENTICATED' } }] }) });
    render(<SessionProvider><SignInPage /></SessionProvider>);
    await userEvent.type(screen.getByRole('textbox', { name: 'Access token' }), 'expired.token.here');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This token was not accepted: it may have expired');
    expect(alert).not.toHaveTextContent('UNAUTHENTICATED');
  });

  it('offers one button per demo user in demo mode, which signs that user in', async () => {
    const tokens: string[] = [];
    server({
      demo: true,
      me: (token) => {
        tokens.push(token);
        return answer(200, { data: { me: { id: 'fred-fact-checker', roles: ['FACT_CHECKER'] } } });
      },
    });
    render(<SessionProvider><SignInPage /></SessionProvider>);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in as fred-fact-checker' }));
    await vi.waitFor(() => expect(tokens).toEqual(['fred-token']));
    expect(sessionStorage.getItem('health-review.token')).toBe('fred-token');
  });
});
