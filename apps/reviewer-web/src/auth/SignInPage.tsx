import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../components/Button';
import { TextInput } from '../components/fields';
import { ErrorMessage } from '../components/messages';
import { rolesInWords } from '../components/words';
import type { Role } from '../gql/graphql';
import { useSession } from './session';

interface DemoUser {
  id: string;
  roles: Role[];
  token: string;
}

/** The demo users, where the server runs in demo mode (GET /demo/users is a 404 otherwise). */
async function loadDemoUsers(): Promise<DemoUser[]> {
  try {
    const response = await fetch('/demo/users', { headers: { accept: 'application/json' } });
    if (!response.ok) return [];
    const body = (await response.json()) as { users?: DemoUser[] };
    return Array.isArray(body.users) ? body.users : [];
  } catch {
    return [];
  }
}

export function SignInPage() {
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demoUsers, setDemoUsers] = useState<DemoUser[]>([]);

  useEffect(() => {
    document.title = 'Sign in — Health article review';
    void loadDemoUsers().then(setDemoUsers);
  }, []);

  const attempt = async (candidate: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await signIn(candidate);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) {
      setInvalid('Paste the access token you were given.');
      return;
    }
    void attempt(token);
  };

  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <h1>Health article review</h1>
      <p className="lead">Check the evidence, review and publish health articles, one claim at a time.</p>
      <section aria-labelledby="token-heading" className="panel">
        <h2 id="token-heading">Sign in</h2>
        <form onSubmit={submit} noValidate>
          <TextInput
            label="Access token"
            value={token}
            onChange={(value) => { setToken(value); setInvalid(null); }}
            error={invalid}
            description="The token (a JWT) your administrator or identity provider gave you."
            isRequired
            autoFocus
          />
          <ErrorMessage>{failure}</ErrorMessage>
          <Button type="submit" variant="primary" isDisabled={busy}>Sign in</Button>
        </form>
      </section>
      {demoUsers.length > 0 ? (
        <section aria-labelledby="demo-heading" className="panel">
          <h2 id="demo-heading">Demo users</h2>
          <p>This server runs in demo mode: try each role without a token.</p>
          <ul className="demo-users">
            {demoUsers.map((user) => (
              <li key={user.id}>
                <Button onPress={() => void attempt(user.token)} isDisabled={busy}>{`Sign in as ${user.id}`}</Button>
                <span className="muted">{rolesInWords(user.roles)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
