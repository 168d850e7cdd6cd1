import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ReviewActivitySubscription } from '../../live/operations';
import { renderAs, user } from '../../test/render';
import { ArticleNamesQuery } from '../articles/operations';
import { QueueCountsQuery, ReviewDueQuery, ReviewQueueQuery } from './operations';
import { QueuePage } from './QueuePage';

const names = {
  request: { query: ArticleNamesQuery },
  result: { data: { articles: [{ __typename: 'Article', id: 'a1', title: 'Creatine', sections: [{ __typename: 'Section', id: 's1', heading: 'Safety' }] }] } },
  maxUsageCount: 5,
};
const total = (totalCount: number) => ({ __typename: 'ClaimConnection', totalCount });
const counts = (flagged: boolean | null) => ({
  request: { query: QueueCountsQuery, variables: { articleId: null, flagged } },
  result: { data: { drafted: total(1000), evidenceChecked: total(3), medicallyReviewed: total(0), published: total(12) } },
});
const live = { request: { query: ReviewActivitySubscription, variables: { articleId: null } }, result: { data: null }, delay: Infinity, maxUsageCount: 5 };

const node = (id: string, text: string, author = 'erin') => ({
  __typename: 'Claim',
  id,
  articleId: 'a1',
  sectionId: 's1',
  text,
  state: 'DRAFTED',
  revision: 0,
  citations: [1],
  citationNeeded: false,
  author: { __typename: 'Actor', id: author },
  evidenceCheckedBy: null,
});
const page = (nodes: ReturnType<typeof node>[]) => ({
  __typename: 'ClaimConnection',
  edges: nodes.map((each) => ({ __typename: 'ClaimEdge', cursor: each.id, node: each })),
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
});

describe('QueuePage', () => {
  it("opens on the fact checker's state, with each state's count, the claims they can act on first", async () => {
    renderAs(user('fred', 'FACT_CHECKER'), <QueuePage />, [
      names,
      counts(null),
      live,
      live,
      {
        request: { query: ReviewQueueQuery, variables: { state: 'DRAFTED', articleId: null, flagged: null, first: 100 } },
        result: { data: { reviewQueue: page([node('c1', 'A claim fred wrote himself.', 'fred'), node('c2', 'A claim erin wrote.')]) } },
      },
    ]);
    const list = await screen.findByRole('list', { name: 'Drafted claims' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('A claim erin wrote.');
    expect(rows[0]).toHaveTextContent('You can check its evidence');
    expect(rows[1]).not.toHaveTextContent('You can check its evidence');
    // Article and section names come from a query of their own, which may answer after the queue.
    await vi.waitFor(() => expect(within(within(list).getAllByRole('listitem')[0]).getByText('Creatine · Safety')).toBeInTheDocument());
    const tabs = screen.getByRole('navigation', { name: 'Queue' });
    const drafted = within(tabs).getByRole('link', { name: /^Drafted/ });
    expect(drafted).toHaveAttribute('aria-current', 'page');
    await vi.waitFor(() => expect(drafted).toHaveTextContent('Drafted (1000)'));
    expect(within(tabs).getByRole('link', { name: /^Evidence checked/ })).toHaveTextContent('Evidence checked (3)');
  });

  it('asks only for flagged claims when the filter is ticked', async () => {
    renderAs(user('maya', 'MEDICAL_REVIEWER'), <QueuePage />, [
      names,
      counts(null),
      counts(true),
      live,
      live,
      {
        request: { query: ReviewQueueQuery, variables: { state: 'EVIDENCE_CHECKED', articleId: null, flagged: null, first: 100 } },
        result: { data: { reviewQueue: page([]) } },
      },
      {
        request: { query: ReviewQueueQuery, variables: { state: 'EVIDENCE_CHECKED', articleId: null, flagged: true, first: 100 } },
        result: { data: { reviewQueue: page([{ ...node('c3', 'Creatine cures everything.'), state: 'EVIDENCE_CHECKED' }]) } },
      },
    ]);
    expect(await screen.findByText('No claims are evidence checked here.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Only claims with flagged wording' }));
    expect(await screen.findByText('Creatine cures everything.')).toBeInTheDocument();
  });

  it('lists the approvals due again, soonest first, with their dates', async () => {
    renderAs(
      user('maya', 'MEDICAL_REVIEWER'),
      <QueuePage />,
      [
        names,
        counts(null),
        live,
        {
          request: { query: ReviewDueQuery, variables: () => true },
          result: {
            data: {
              reviewDue: {
                __typename: 'ClaimConnection',
                totalCount: 1,
                edges: [
                  {
                    __typename: 'ClaimEdge',
                    cursor: 'c4',
                    node: { ...node('c4', 'Take 3 g per day.'), state: 'PUBLISHED', medicallyReviewedAt: '2025-12-01T09:00:00.000Z', reviewDueAt: '2026-12-01T09:00:00.000Z' },
                  },
                ],
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              },
            },
          },
        },
      ],
      '/queue?view=due',
    );
    expect(await screen.findByText('Take 3 g per day.')).toBeInTheDocument();
    expect(screen.getByText(/1 approved claim must be reviewed again within 30 days/)).toBeInTheDocument();
    expect(screen.getByText(/^Review due /)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Due for re-review' })).toHaveAttribute('aria-current', 'page');
  });
});
