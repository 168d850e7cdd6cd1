import {
  articleDecider,
  claimDecider,
  sectionDecider,
  streamIds,
  type ArticleCommand,
  type ArticleState,
  type ClaimCommand,
  type ClaimState,
  type SectionCommand,
  type SectionState,
} from '@app/domain';
import type { CommandContext } from './command-context';
import type { CommandBuilder, StreamWriter, WriteResult } from './stream-writer';

/**
 * Writes one command to an existing article, section or claim stream (NOT_FOUND otherwise).
 * `expectedRevision` is the client's; reactions leave it out and decide on what they read.
 */
type Build<C, S> = C | CommandBuilder<C, S>;

export function writeToClaim(
  writer: StreamWriter,
  claimId: string,
  context: CommandContext,
  command: Build<ClaimCommand, ClaimState>,
  expectedRevision?: number,
): Promise<WriteResult<ClaimState>> {
  return writer.write({
    streamId: streamIds.claim(claimId),
    decider: claimDecider,
    mustExist: true,
    notFoundMessage: `claim ${claimId} does not exist`,
    expectedRevision,
    context,
    command,
  });
}

export function writeToSection(
  writer: StreamWriter,
  sectionId: string,
  context: CommandContext,
  command: Build<SectionCommand, SectionState>,
  expectedRevision?: number,
): Promise<WriteResult<SectionState>> {
  return writer.write({
    streamId: streamIds.section(sectionId),
    decider: sectionDecider,
    mustExist: true,
    notFoundMessage: `section ${sectionId} does not exist`,
    expectedRevision,
    context,
    command,
  });
}

export function writeToArticle(
  writer: StreamWriter,
  articleId: string,
  context: CommandContext,
  command: Build<ArticleCommand, ArticleState>,
  expectedRevision?: number,
): Promise<WriteResult<ArticleState>> {
  return writer.write({
    streamId: streamIds.article(articleId),
    decider: articleDecider,
    mustExist: true,
    notFoundMessage: `article ${articleId} does not exist`,
    expectedRevision,
    context,
    command,
  });
}
