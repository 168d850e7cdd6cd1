import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '../command-outcome';
import {
  ProposeClaimRevisionCommand,
  RecordEvidenceCheckCommand,
  RecordMedicalReviewCommand,
} from '../impl/claim-commands';
import { StreamReads } from '../stream-reads';
import { StreamWriter } from '../stream-writer';
import { writeToClaim } from '../write-to-stream';

@CommandHandler(ProposeClaimRevisionCommand)
export class ProposeClaimRevisionHandler implements ICommandHandler<ProposeClaimRevisionCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  async execute({ claimId, expectedRevision, text, citations, context }: ProposeClaimRevisionCommand): Promise<CommandOutcome> {
    const result = await writeToClaim(
      this.writer,
      claimId,
      context,
      async (claim, reads) => ({
        type: 'ProposeClaimRevision',
        actor: context.actor,
        text,
        citations,
        reason: context.reason ?? '',
        references: await this.reads.references(claim.articleId, reads),
      }),
      expectedRevision,
    );
    return { id: claimId, position: result.position };
  }
}

@CommandHandler(RecordEvidenceCheckCommand)
export class RecordEvidenceCheckHandler implements ICommandHandler<RecordEvidenceCheckCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  async execute(command: RecordEvidenceCheckCommand): Promise<CommandOutcome> {
    const { claimId, context } = command;
    const result = await writeToClaim(
      this.writer,
      claimId,
      context,
      async (claim, reads) => ({
        type: 'RecordEvidenceCheck',
        actor: context.actor,
        verdict: command.verdict,
        evidence: command.evidence,
        noCitationNeeded: command.noCitationNeeded,
        reason: context.reason ?? '',
        references: await this.reads.references(claim.articleId, reads),
      }),
      command.expectedRevision,
    );
    return { id: claimId, position: result.position };
  }
}

@CommandHandler(RecordMedicalReviewCommand)
export class RecordMedicalReviewHandler implements ICommandHandler<RecordMedicalReviewCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ claimId, expectedRevision, decision, context }: RecordMedicalReviewCommand): Promise<CommandOutcome> {
    const result = await writeToClaim(
      this.writer,
      claimId,
      context,
      { type: 'RecordMedicalReview', actor: context.actor, decision, reason: context.reason ?? '' },
      expectedRevision,
    );
    return { id: claimId, position: result.position };
  }
}
