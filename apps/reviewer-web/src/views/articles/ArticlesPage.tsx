import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import { ErrorMessage, Loading } from '../../components/messages';
import { REVIEW_STATES, STATE_LABELS } from '../../components/words';
import { usePageTitle } from '../usePageTitle';
import { ArticlesQuery } from './operations';

export function ArticlesPage() {
  usePageTitle('Articles');
  const me = useMe();
  const { data, error, loading } = useQuery(ArticlesQuery);
  return (
    <>
      <h1>Articles</h1>
      {can.importArticle(me.roles) ? (
        <p>
          <Link to="/import">Import an article</Link> to start its review.
        </p>
      ) : null}
      {error && !data ? <ErrorMessage>{describeError(error, { subject: 'list' })}</ErrorMessage> : null}
      {!data && loading ? <Loading what="the articles" /> : null}
      {data && data.articles.length === 0 ? <p className="empty">No article has been imported yet.</p> : null}
      <ul className="cards">
        {data?.articles.map((article) => {
          const claims = article.sections.flatMap((section) => section.claims);
          const unresolved = article.references.filter((reference) => !reference.resolved).length;
          return (
            <li key={article.id} className="card">
              <h2>
                <Link to={`/articles/${article.id}`}>{article.title}</Link>
              </h2>
              <p className="muted">
                {article.sections.length} sections, {claims.length} claims, {article.references.length} references
                {unresolved > 0 ? ` (${unresolved} unresolved)` : ''}
              </p>
              <ul className="state-counts" aria-label="Claims by state">
                {REVIEW_STATES.map((state) => (
                  <li key={state}>
                    {STATE_LABELS[state]}: {claims.filter((claim) => claim.state === state).length}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </>
  );
}
