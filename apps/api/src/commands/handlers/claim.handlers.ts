import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { claimDecider, streamIds } from '@app/domain';
import type { CommandOutcome } from '../command-outcome';
import {
  ProposeClaimRevisionCommand,
  RecordEvidenceCheckCommand,
  RecordMedicalReviewCommand,
} from '../impl/claim-commands';
import { StreamReads } from '../stream-reads';
import { StreamWriter } from '../stream-writer';

@CommandHandler(ProposeClaimRevisionCommand)
export class ProposeClaimRevisionHandler implements ICommandHandler<ProposeClaimRevisionCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  async execute(command: ProposeClaimRevisionCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamIds.claim(command.claimId),
      decider: claimDecider,
      mustExist: true,
      notFoundMessage: `claim ${command.claimId} does not exist`,
      expectedRevision: command.expectedRevision,
      context: command.context,
      command: async (claim) => ({
        type: 'ProposeClaimRevision' as const,
        actor: command.context.actor,
        text: command.text,
        citations: command.citations,
        reason: command.context.reason ?? '',
        references: (await this.reads.article(claim.articleId)).references,
      }),
    });
    return { id: command.claimId, position: result.position };
  }
}

@CommandHandler(RecordEvidenceCheckCommand)
export class RecordEvidenceCheckHandler implements ICommandHandler<RecordEvidenceCheckCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  async execute(command: RecordEvidenceCheckCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamIds.claim(command.claimId),
      decider: claimDecider,
      mustExist: true,
      notFoundMessage: `claim ${command.claimId} does not exist`,
      expectedRevision: command.expectedRevision,
      context: command.context,
      command: async (claim) => ({
        type: 'RecordEvidenceCheck' as const,
        actor: command.context.actor,
        verdict: command.verdict,
        evidence: command.evidence,
        noCitationNeeded: command.noCitationNeeded,
        reason: command.context.reason ?? '',
        references: (await this.reads.article(claim.articleId)).references,
      }),
    });
    return { id: command.claimId, position: result.position };
  }
}

@CommandHandler(RecordMedicalReviewCommand)
export class RecordMedicalReviewHandler implements ICommandHandler<RecordMedicalReviewCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute(command: RecordMedicalReviewCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamIds.claim(command.claimId),
      decider: claimDecider,
      mustExist: true,
      notFoundMessage: `claim ${command.claimId} does not exist`,
      expectedRevision: command.expectedRevision,
      context: command.context,
      command: {
        type: 'RecordMedicalReview',
        actor: command.context.actor,
        decision: command.decision,
        reason: command.context.reason ?? '',
      },
    });
    return { id: command.claimId, position: result.position };
  }
}
