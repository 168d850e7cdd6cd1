import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderAs, user } from '../../test/render';
import { Discussion } from './Discussion';
import { ClaimDiscussionQuery, PostCommentMutation, ResolveCommentMutation } from './operations';

const comment = (id: string, author: string, text: string, replyTo: string | null = null, resolved = false) => ({
  __typename: 'Comment' as const,
  id,
  claimId: 'c1',
  text,
  postedAt: '2026-11-27T10:15:30.000Z',
  replyTo,
  resolved,
  author: { __typename: 'Actor' as const, id: author, roles: ['FACT_CHECKER' as const] },
  resolvedBy: null,
});

const thread = (comments: ReturnType<typeof comment>[]) => ({
  request: { query: ClaimDiscussionQuery, variables: { id: 'c1' } },
  result: { data: { claim: { __typename: 'Claim', id: 'c1', comments } } },
});

describe('Discussion', () => {
  it('shows threads with their replies, as text', async () => {
    renderAs(user('paul', 'PUBLISHER'), <Discussion claimId="c1" />, [
      thread([comment('k1', 'fred', 'Is <b>reference 3</b> the 2007 review?'), comment('k2', 'erin', 'Yes, p. 242.', 'k1')]),
    ]);
    const first = await screen.findByText('Is <b>reference 3</b> the 2007 review?');
    expect(first.querySelector('b')).toBeNull();
    const threadItem = first.closest('li') as HTMLElement;
    expect(within(threadItem).getByText('Yes, p. 242.')).toBeInTheDocument();
    // Only the thread's author or an editor resolves it.
    expect(within(threadItem).queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
    expect(within(threadItem).getByRole('button', { name: 'Reply' })).toBeInTheDocument();
  });

  it('posts a comment and reads the thread again', async () => {
    const sent: unknown[] = [];
    renderAs(user('fred', 'FACT_CHECKER'), <Discussion claimId="c1" />, [
      thread([]),
      {
        request: { query: PostCommentMutation, variables: (variables: { input: unknown }) => { sent.push(variables.input); return true; } },
        result: { data: { postComment: comment('k9', 'fred', 'Where is the dose from?') } },
      },
      thread([comment('k9', 'fred', 'Where is the dose from?')]),
    ]);
    expect(await screen.findByText('No comments yet.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Comment' }), 'Where is the dose from?');
    await userEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    expect(await screen.findByText('Where is the dose from?')).toBeInTheDocument();
    expect(sent).toEqual([{ claimId: 'c1', text: 'Where is the dose from?', replyTo: null }]);
  });

  it("lets an editor resolve a thread", async () => {
    const sent: unknown[] = [];
    renderAs(user('erin', 'EDITOR'), <Discussion claimId="c1" />, [
      thread([comment('k1', 'fred', 'Check the unit')]),
      {
        request: { query: ResolveCommentMutation, variables: (variables: { input: unknown }) => { sent.push(variables.input); return true; } },
        result: { data: { resolveComment: { __typename: 'Comment', id: 'k1', resolved: true, resolvedBy: { __typename: 'Actor', id: 'erin' } } } },
      },
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('Resolved by erin.')).toBeInTheDocument();
    expect(sent).toEqual([{ commentId: 'k1' }]);
  });

  it('offers no comment box to an auditor', async () => {
    renderAs(user('ada', 'AUDITOR'), <Discussion claimId="c1" />, [thread([comment('k1', 'fred', 'Check the unit')])]);
    await screen.findByText('Check the unit');
    expect(screen.queryByRole('textbox', { name: 'Comment' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reply' })).not.toBeInTheDocument();
  });
});
