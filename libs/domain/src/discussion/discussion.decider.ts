import { authorize, commandAuthority } from '../authorization';
import type { Decider } from '../decider';
import { BadInput, Forbidden, NotFound } from '../errors';
import { requireComment, requireId, requireReason } from '../input-rules';
import type { Actor } from '../types';

/*
 * The discussion stream of a claim (discussion-<claimId>): reviewers' remarks and replies, kept
 * apart from the claim's own stream so that a comment never changes the claim's revision. Its
 * commands, events and state, and the decider over them.
 */

// ---- its commands ----
export interface PostComment {
  type: 'PostComment';
  actor: Actor;
  claimId: string;
  commentId: string;
  text: string;
  /** The comment this one answers, on the same claim; null starts a thread. */
  replyTo: string | null;
  now: number;
  /** The claim as its own stream has it now (filled in by the handler). */
  claim: { exists: boolean; articleId: string };
}
export interface ResolveComment {
  type: 'ResolveComment';
  actor: Actor;
  commentId: string;
  reason: string;
  now: number;
}
export type DiscussionCommand = PostComment | ResolveComment;

// ---- its events ----
/** Every event names the claim's article, so the audit index finds the discussion with its article. */
export interface CommentPosted {
  type: 'CommentPosted';
  data: { commentId: string; claimId: string; articleId: string; author: Actor; text: string; replyTo: string | null; postedAt: number };
}
/** A thread is resolved as a whole: commentId is its first comment. */
export interface CommentResolved {
  type: 'CommentResolved';
  data: { commentId: string; articleId: string; resolvedBy: Actor; reason: string; resolvedAt: number };
}
export type DiscussionEvent = CommentPosted | CommentResolved;

export const DISCUSSION_EVENT_TYPES: Readonly<Record<DiscussionEvent['type'], true>> = {
  CommentPosted: true,
  CommentResolved: true,
};

// ---- its state ----
export interface CommentState {
  id: string;
  claimId: string;
  author: Actor;
  text: string;
  postedAt: number;
  replyTo: string | null;
  /** The first comment of its thread (itself, for a thread's first). */
  threadId: string;
  /** Whether its thread is resolved, and by whom. */
  resolved: boolean;
  resolvedBy: Actor | null;
}

export interface DiscussionState {
  exists: boolean;
  claimId: string;
  articleId: string;
  /** In the order they were posted. */
  comments: CommentState[];
}

export const initialDiscussionState: DiscussionState = { exists: false, claimId: '', articleId: '', comments: [] };

function find(state: DiscussionState, commentId: string): CommentState | undefined {
  return state.comments.find((comment) => comment.id === commentId);
}

function postComment(command: PostComment, state: DiscussionState): DiscussionEvent[] {
  authorize(command.actor, commandAuthority.PostComment);
  requireId(command.claimId, 'claimId');
  requireId(command.commentId, 'commentId');
  requireComment(command.text);
  if (command.replyTo !== null) requireId(command.replyTo, 'replyTo');
  if (!command.claim.exists) throw new NotFound(`claim ${command.claimId} does not exist`);
  if (find(state, command.commentId)) throw new BadInput(`comment ${command.commentId} already exists`, 'commentId');
  if (command.replyTo !== null && !find(state, command.replyTo)) {
    throw new BadInput(`comment ${command.replyTo} is not a comment on this claim`, 'replyTo');
  }
  return [
    {
      type: 'CommentPosted',
      data: {
        commentId: command.commentId,
        claimId: command.claimId,
        articleId: command.claim.articleId,
        author: command.actor,
        text: command.text,
        replyTo: command.replyTo,
        postedAt: command.now,
      },
    },
  ];
}

/** The thread's author or an EDITOR resolves a thread; resolving any comment of it resolves the thread. */
function resolveComment(command: ResolveComment, state: DiscussionState): DiscussionEvent[] {
  authorize(command.actor, commandAuthority.ResolveComment);
  requireId(command.commentId, 'commentId');
  // The reason is optional here: resolving a thread explains itself.
  if (command.reason !== '') requireReason(command.reason);
  const comment = find(state, command.commentId);
  if (!comment) throw new NotFound(`comment ${command.commentId} does not exist`);
  const thread = find(state, comment.threadId) as CommentState;
  if (thread.author.id !== command.actor.id && !command.actor.roles.includes('EDITOR')) {
    throw new Forbidden(['EDITOR'], "only the thread's author or an EDITOR resolves a thread");
  }
  if (thread.resolved) throw new BadInput(`the thread of comment ${command.commentId} is already resolved`, 'commentId');
  return [
    {
      type: 'CommentResolved',
      data: { commentId: thread.id, articleId: state.articleId, resolvedBy: command.actor, reason: command.reason, resolvedAt: command.now },
    },
  ];
}

function decide(command: DiscussionCommand, state: DiscussionState): DiscussionEvent[] {
  switch (command.type) {
    case 'PostComment':
      return postComment(command, state);
    case 'ResolveComment':
      return resolveComment(command, state);
  }
}

function evolve(state: DiscussionState, event: DiscussionEvent): DiscussionState {
  switch (event.type) {
    case 'CommentPosted': {
      const { data } = event;
      const parent = data.replyTo === null ? undefined : find(state, data.replyTo);
      const threadId = parent ? parent.threadId : data.commentId;
      const thread = parent ? find(state, threadId) : undefined;
      const comment: CommentState = {
        id: data.commentId,
        claimId: data.claimId,
        author: data.author,
        text: data.text,
        postedAt: data.postedAt,
        replyTo: data.replyTo,
        threadId,
        resolved: thread?.resolved ?? false,
        resolvedBy: thread?.resolvedBy ?? null,
      };
      return { exists: true, claimId: data.claimId, articleId: data.articleId, comments: [...state.comments, comment] };
    }
    case 'CommentResolved':
      return {
        ...state,
        comments: state.comments.map((comment) =>
          comment.threadId === event.data.commentId ? { ...comment, resolved: true, resolvedBy: event.data.resolvedBy } : comment,
        ),
      };
    default:
      return state;
  }
}

export const discussionDecider: Decider<DiscussionCommand, DiscussionEvent, DiscussionState> = {
  decide,
  evolve,
  initialState: initialDiscussionState,
};
