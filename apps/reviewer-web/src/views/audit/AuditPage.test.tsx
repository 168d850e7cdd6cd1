import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ReviewActivitySubscription } from '../../live/operations';
import { renderAs, user } from '../../test/render';
import { ArticleNamesQuery } from '../articles/operations';
import { AuditPage } from './AuditPage';
import { AuditTrailQuery, VerifyIntegrityQuery } from './operations';

const base = [
  { request: { query: ArticleNamesQuery }, result: { data: { articles: [] } } },
  {
    request: { query: AuditTrailQuery, variables: { filter: { articleId: null, actorId: null, types: null, from: null, to: null } } },
    result: { data: { auditTrail: { __typename: 'AuditEventConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } } },
  },
  { request: { query: ReviewActivitySubscription, variables: { articleId: null } }, result: { data: null }, delay: Infinity },
];

const report = (ok: boolean) => ({
  request: { query: VerifyIntegrityQuery, variables: { articleId: null } },
  result: {
    data: {
      verifyIntegrity: {
        __typename: 'IntegrityReport',
        ok,
        streamsChecked: 7,
        eventsChecked: 42,
        firstBreak: ok ? null : { __typename: 'IntegrityBreak', streamId: 'claim-c1', revision: 3, reason: 'hash mismatch' },
      },
    },
  },
});

describe('AuditPage', () => {
  it('says "Chain intact" when every chain holds', async () => {
    renderAs(user('ada', 'AUDITOR'), <AuditPage />, [...base, report(true)]);
    await userEvent.click(screen.getByRole('button', { name: 'Verify integrity' }));
    expect(await screen.findByText('Chain intact.')).toBeInTheDocument();
    expect(screen.getByText(/7 streams and 42 events checked/)).toBeInTheDocument();
  });

  it('says where the chain breaks', async () => {
    renderAs(user('ada', 'AUDITOR'), <AuditPage />, [...base, report(false)]);
    await userEvent.click(screen.getByRole('button', { name: 'Verify integrity' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The chain breaks in claim-c1 at revision 3: hash mismatch.');
  });

  it('offers the export to auditors once an article is chosen, and to nobody else', async () => {
    renderAs(user('ada', 'AUDITOR'), <AuditPage />, base);
    expect(screen.getByText(/Choose an article to export its whole history/)).toBeInTheDocument();
    renderAs(user('fred', 'FACT_CHECKER'), <AuditPage />, base);
    expect(screen.getByText('Only an auditor or an administrator can export the history.')).toBeInTheDocument();
  });
});
