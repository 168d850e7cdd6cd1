import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { can } from './auth/permissions';
import { useMe, useSession } from './auth/session';
import { Button } from './components/Button';
import { rolesInWords } from './components/words';

/** The header (who is signed in, the views they may use, sign out) around every view. */
export function Layout() {
  const me = useMe();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a move to another view, focus goes to its content, as a page load would put it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <div className="brand">Health article review</div>
        <nav aria-label="Views" className="app-nav">
          <NavLink to="/queue">Review queue</NavLink>
          <NavLink to="/articles">Articles</NavLink>
          {can.importArticle(me.roles) ? <NavLink to="/import">Import article</NavLink> : null}
          <NavLink to="/audit">Audit</NavLink>
        </nav>
        <div className="user">
          <span>
            <span className="user-id">{me.id}</span> <span className="muted">({rolesInWords(me.roles)})</span>
          </span>
          <Button variant="quiet" onPress={signOut}>Sign out</Button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
