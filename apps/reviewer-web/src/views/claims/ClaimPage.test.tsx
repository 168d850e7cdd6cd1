import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ReviewActivitySubscription } from '../../live/operations';
import { claim, references } from '../../test/fixtures';
import { renderAs, user } from '../../test/render';
import { ClaimPage } from './ClaimPage';
import { ClaimArticleQuery, ClaimDiffQuery, ClaimDiscussionQuery, ClaimHistoryQuery, ClaimQuery, ClaimWordingQuery } from './operations';

const checked = claim({
  text: 'Creatine cures fatigue.',
  citations: [2],
  state: 'EVIDENCE_CHECKED',
  revision: 3,
  textRevision: 2,
  evidence: [{ referenceNumber: 2, level: 'ANIMAL', locator: 'Table 2', note: null }],
  evidenceCheckedBy: { id: 'fred', roles: ['FACT_CHECKER'] },
});

const event = (revision: number, type: string, actor: string, data: object, reason: string | null) => ({
  __typename: 'AuditEventEdge',
  cursor: String(revision),
  node: {
    __typename: 'AuditEvent',
    position: String(revision + 10),
    revision,
    type,
    occurredAt: '2026-11-27T10:15:30.000Z',
    reason,
    data,
    actor: { __typename: 'Actor', id: actor, roles: ['EDITOR'] },
  },
});

const mocks = [
  { request: { query: ClaimQuery, variables: { id: 'c1' } }, result: { data: { claim: checked } } },
  {
    request: { query: ClaimArticleQuery, variables: { articleId: 'a1' } },
    result: {
      data: {
        article: {
          __typename: 'Article',
          id: 'a1',
          title: 'Creatine',
          references: references.map((reference) => ({ __typename: 'Reference', ...reference })),
          sections: [{ __typename: 'Section', id: 's1', heading: 'Energy' }],
        },
      },
    },
  },
  {
    request: { query: ClaimWordingQuery, variables: { id: 'c1' } },
    result: {
      data: {
        claim: {
          __typename: 'Claim',
          id: 'c1',
          medicallyReviewedAt: null,
          reviewDueAt: null,
          wordingFlags: [{ __typename: 'WordingFlag', phrase: 'cures', start: 9, end: 14, strongestEvidence: 'ANIMAL', message: '“cures” is stronger than animal evidence supports' }],
        },
      },
    },
  },
  { request: { query: ClaimDiscussionQuery, variables: { id: 'c1' } }, result: { data: { claim: { __typename: 'Claim', id: 'c1', comments: [] } } } },
  {
    request: { query: ClaimHistoryQuery, variables: { streamId: 'claim-c1' } },
    result: {
      data: {
        history: {
          __typename: 'AuditEventConnection',
          edges: [
            event(0, 'ClaimDrafted', 'erin', { text: 'Creatine helps with fatigue.', textRevision: 1 }, 'import'),
            event(1, 'ClaimRevised', 'erin', { text: 'Creatine cures fatigue.', textRevision: 2 }, 'Shorter'),
          ],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      },
    },
  },
  {
    request: { query: ClaimDiffQuery, variables: { id: 'c1', from: 1, to: 2 } },
    result: {
      data: {
        claimDiff: {
          __typename: 'TextDiff',
          hunks: [
            { __typename: 'DiffHunk', op: 'EQUAL', text: 'Creatine ' },
            { __typename: 'DiffHunk', op: 'DELETE', text: 'helps with' },
            { __typename: 'DiffHunk', op: 'INSERT', text: 'cures' },
            { __typename: 'DiffHunk', op: 'EQUAL', text: ' fatigue.' },
          ],
        },
      },
    },
  },
  { request: { query: ReviewActivitySubscription, variables: { articleId: 'a1' } }, result: { data: null }, delay: Infinity, maxUsageCount: 5 },
];

describe('ClaimPage', () => {
  it('shows a medical reviewer the flagged wording, the evidence, the approval with its acknowledgement, and the history', async () => {
    renderAs(
      user('maya', 'MEDICAL_REVIEWER'),
      <Routes>
        <Route path="/claims/:claimId" element={<ClaimPage />} />
      </Routes>,
      mocks,
      '/claims/c1',
    );
    const mark = await screen.findByText('cures', { selector: 'mark', exact: false });
    expect(mark).toHaveAttribute('title', '“cures” is stronger than animal evidence supports');
    expect(screen.getByRole('link', { name: 'reference 2' })).toHaveAttribute('href', '#reference-2');
    expect(screen.getByText('Evidence: Animal study, Table 2')).toBeInTheDocument();
    expect(screen.getByText('fred (Fact checker)')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'I have read the flagged phrase and approve the wording as it is' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request changes' })).toBeInTheDocument();
    // Not a fact checker, not an editor: neither of their forms.
    expect(screen.queryByRole('button', { name: 'Pass evidence check' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Propose revision' })).not.toBeInTheDocument();

    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText('Reason: Shorter')).toBeInTheDocument();
    expect(within(history).getByRole('link', { name: 'View as of revision 0' })).toHaveAttribute('href', '/claims/c1?revision=0');
    await userEvent.click(within(history).getByRole('button', { name: 'Show changed words' }));
    const diff = await within(history).findByLabelText('Changes from text 1 to text 2');
    expect(diff.querySelector('del')).toHaveTextContent('helps with');
    expect(diff.querySelector('ins')).toHaveTextContent('cures');
  });
});
