import { deciderSpecification, stateAfter } from '../../test/decider-specification';
import { actorsWithout, checker, editor, NOW, otherEditor, reviewer } from '../../test/fixtures';
import { BadInput, Forbidden, NotFound } from '../errors';
import { LIMITS, type Actor } from '../types';
import { discussionDecider, type CommentPosted, type DiscussionEvent, type PostComment, type ResolveComment } from './discussion.decider';

const spec = deciderSpecification(discussionDecider);

const post = (overrides: Partial<PostComment> = {}): PostComment => ({
  type: 'PostComment',
  actor: checker,
  claimId: 'c1',
  commentId: 'c1:k1',
  text: 'Reference [2] is a rat study; is "treats" right?',
  replyTo: null,
  now: NOW,
  claim: { exists: true, articleId: 'a1' },
  ...overrides,
});
const resolve = (overrides: Partial<ResolveComment> = {}): ResolveComment => ({
  type: 'ResolveComment',
  actor: checker,
  commentId: 'c1:k1',
  reason: 'reworded',
  now: NOW + 60_000,
  ...overrides,
});
const posted = (commentId = 'c1:k1', author: Actor = checker, replyTo: string | null = null, text = post().text): CommentPosted => ({
  type: 'CommentPosted',
  data: { commentId, claimId: 'c1', articleId: 'a1', author, text, replyTo, postedAt: NOW },
});
const resolved = (commentId = 'c1:k1', by: Actor = checker): DiscussionEvent => ({
  type: 'CommentResolved',
  data: { commentId, articleId: 'a1', resolvedBy: by, reason: 'reworded', resolvedAt: NOW + 60_000 },
});

describe('discussion decider', () => {
  describe('PostComment', () => {
    it('starts a thread on an existing claim, naming its article', () => {
      spec.given([]).when(post()).then([posted()]);
    });

    it('replies to a comment on the same claim', () => {
      spec
        .given([posted()])
        .when(post({ actor: reviewer, commentId: 'c1:k2', replyTo: 'c1:k1', text: 'Agreed.' }))
        .then([posted('c1:k2', reviewer, 'c1:k1', 'Agreed.')]);
    });

    it.each([['a comment of another claim', 'c2:k9'], ['an unknown comment', 'c1:nope']])('refuses a reply to %s', (_, replyTo) => {
      spec.given([posted()]).when(post({ commentId: 'c1:k2', replyTo })).thenThrows(BadInput, { field: 'replyTo' });
    });

    it('refuses a comment on a claim that does not exist', () => {
      spec.given([]).when(post({ claim: { exists: false, articleId: '' } })).thenThrows(NotFound);
    });

    it.each([['empty', ''], ['over the limit', 'x'.repeat(LIMITS.comment + 1)]])('refuses text that is %s', (_, text) => {
      spec.given([]).when(post({ text })).thenThrows(BadInput, { field: 'text' });
    });

    it('refuses the same comment id twice', () => {
      spec.given([posted()]).when(post()).thenThrows(BadInput, { field: 'commentId' });
    });

    it.each(actorsWithout('EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER'))('refuses a %s', (_, actor) => {
      spec.given([]).when(post({ actor })).thenThrows(Forbidden);
    });
  });

  describe('ResolveComment', () => {
    it("lets the thread's author resolve it", () => {
      spec.given([posted()]).when(resolve()).then([resolved()]);
    });

    it('lets an EDITOR resolve any thread', () => {
      spec.given([posted()]).when(resolve({ actor: editor })).then([resolved('c1:k1', editor)]);
    });

    it('resolves the whole thread when given one of its replies', () => {
      spec
        .given([posted(), posted('c1:k2', reviewer, 'c1:k1')])
        .when(resolve({ commentId: 'c1:k2' }))
        .then([resolved('c1:k1')]);
    });

    it('refuses anyone else, even the author of a reply', () => {
      spec
        .given([posted(), posted('c1:k2', reviewer, 'c1:k1')])
        .when(resolve({ actor: reviewer, commentId: 'c1:k2' }))
        .thenThrows(Forbidden, { requiredRoles: ['EDITOR'] });
    });

    it('takes a reason over several lines, or none', () => {
      const multiline = { ...resolved(), data: { ...(resolved().data as object), reason: 'reworded;\nsee revision 2' } } as DiscussionEvent;
      spec.given([posted()]).when(resolve({ reason: 'reworded;\nsee revision 2' })).then([multiline]);
      const none = { ...resolved(), data: { ...(resolved().data as object), reason: '' } } as DiscussionEvent;
      spec.given([posted()]).when(resolve({ reason: '' })).then([none]);
    });

    it('refuses an unknown comment and a resolved thread', () => {
      spec.given([posted()]).when(resolve({ commentId: 'c1:zz' })).thenThrows(NotFound);
      spec.given([posted(), resolved()]).when(resolve({ actor: otherEditor })).thenThrows(BadInput, { field: 'commentId' });
    });

    it.each(actorsWithout('EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER'))('refuses a %s', (_, actor) => {
      spec.given([posted()]).when(resolve({ actor })).thenThrows(Forbidden);
    });
  });

  it('folds threads: replies carry their thread, and resolving marks every comment of it', () => {
    const state = stateAfter(discussionDecider, [posted(), posted('c1:k2', reviewer, 'c1:k1'), posted('c1:k3', editor), resolved()]);
    expect(state.comments.map((c) => [c.id, c.threadId, c.resolved, c.resolvedBy?.id ?? null])).toEqual([
      ['c1:k1', 'c1:k1', true, checker.id],
      ['c1:k2', 'c1:k1', true, checker.id],
      ['c1:k3', 'c1:k3', false, null],
    ]);
  });
});
