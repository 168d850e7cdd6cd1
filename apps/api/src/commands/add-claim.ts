import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { nameBasedUuid } from '@app/audit';
import { claimDecider, sectionDecider, streamIds } from '@app/domain';
import type { CommandContext } from './command-context';
import type { CommandOutcome } from './command-outcome';
import { StreamReads } from './stream-reads';
import { StreamWriter } from './stream-writer';

export class AddClaimCommand {
  constructor(
    readonly sectionId: string,
    readonly expectedRevision: number,
    readonly text: string,
    readonly citations: number[],
    readonly position: number | null,
    readonly context: CommandContext,
  ) {}
}

/**
 * Adds a claim: the section's SectionRevised is appended first, against the client's revision,
 * so a refused command writes nothing; the claim's own stream follows with ids derived from the
 * same command id, so a retry after a crash in between completes it.
 */
@CommandHandler(AddClaimCommand)
export class AddClaimHandler implements ICommandHandler<AddClaimCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  async execute(command: AddClaimCommand): Promise<CommandOutcome> {
    const { sectionId, expectedRevision, context } = command;
    // Derived from the request, so a retried addClaim names the same claim and no other request does.
    const claimId = nameBasedUuid('claim', context.commandId, context.fingerprint);
    let articleId = '';
    let references: Awaited<ReturnType<StreamReads['article']>>['references'] = [];
    const draft = () => ({
      type: 'DraftClaim' as const,
      actor: context.actor,
      claimId,
      articleId,
      sectionId,
      text: command.text,
      citations: command.citations,
      references,
    });
    const section = await this.writer.write({
      streamId: streamIds.section(sectionId),
      decider: sectionDecider,
      mustExist: true,
      notFoundMessage: `section ${sectionId} does not exist`,
      expectedRevision,
      context,
      command: async (state) => {
        articleId = state.articleId;
        references = (await this.reads.article(state.articleId)).references;
        // The claim's own guards (text, citations in the reference list) run before anything is written.
        claimDecider.decide(draft(), claimDecider.initialState);
        return { type: 'AddClaimToSection' as const, actor: context.actor, claimId, position: command.position };
      },
    });
    if (section.duplicate) {
      articleId = section.state.articleId;
      references = (await this.reads.article(articleId)).references;
    }
    const claim = await this.writer.write({
      streamId: streamIds.claim(claimId),
      decider: claimDecider,
      mustExist: false,
      context,
      command: draft,
    });
    return { id: sectionId, position: Math.max(section.position ?? 0, claim.position ?? 0) || null };
  }
}
