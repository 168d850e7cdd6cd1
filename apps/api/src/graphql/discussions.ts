import { Injectable } from '@nestjs/common';
import { nameBasedUuid } from '@app/audit';
import { discussionDecider, NotFound, streamIds, type CommentState } from '@app/domain';
import type { CommandContext } from '../commands/command-context';
import { StreamWriter } from '../commands/stream-writer';

/**
 * A comment's id names its claim (`<claimId>:<uuid>`), so resolveComment finds the discussion
 * stream from the id alone. The uuid derives from the command id and the request, as every new
 * entity's does: a retried postComment names the same comment.
 */
export function newCommentId(claimId: string, context: CommandContext): string {
  return `${claimId}:${nameBasedUuid('comment', context.commandId, context.fingerprint)}`;
}

export function claimOfComment(commentId: string): string {
  const colon = commentId.lastIndexOf(':');
  if (colon <= 0) throw new NotFound(`comment ${commentId} does not exist`);
  return commentId.slice(0, colon);
}

/** The discussions, read from their streams (current, like every guard's read). */
@Injectable()
export class Discussions {
  constructor(private readonly writer: StreamWriter) {}

  async comments(claimId: string): Promise<CommentState[]> {
    return (await this.writer.load(streamIds.discussion(claimId), discussionDecider)).state.comments;
  }

  async comment(commentId: string): Promise<CommentState> {
    const found = (await this.comments(claimOfComment(commentId))).find((comment) => comment.id === commentId);
    if (!found) throw new NotFound(`comment ${commentId} does not exist`);
    return found;
  }
}

