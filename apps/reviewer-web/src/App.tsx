import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { SignInPage } from './auth/SignInPage';
import { useSession } from './auth/session';
import { ArticlePage } from './views/articles/ArticlePage';
import { ArticlesPage } from './views/articles/ArticlesPage';
import { AuditPage } from './views/audit/AuditPage';
import { ClaimPage } from './views/claims/ClaimPage';
import { ImportPage } from './views/import/ImportPage';
import { NotFoundPage } from './views/NotFoundPage';
import { QueuePage } from './views/queue/QueuePage';

/** Every view, by its path. Signed out, every path shows the sign-in page and stays where it is. */
export function App() {
  const { me } = useSession();
  if (!me) return <SignInPage />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/queue" replace />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="articles" element={<ArticlesPage />} />
        <Route path="articles/:articleId" element={<ArticlePage />} />
        <Route path="claims/:claimId" element={<ClaimPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
