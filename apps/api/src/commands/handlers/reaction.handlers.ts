import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { claimDecider, sectionDecider, streamIds } from '@app/domain';
import type { CommandOutcome } from '../command-outcome';
import {
  PublishClaimCommand,
  ReopenClaimCommand,
  ReopenSectionCommand,
  UnpublishClaimCommand,
} from '../impl/reaction-commands';
import { StreamWriter } from '../stream-writer';

/** Reactions decide on the stream as they read it: no client revision, retried on a race. */
@CommandHandler(ReopenSectionCommand)
export class ReopenSectionHandler implements ICommandHandler<ReopenSectionCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ sectionId, claimId, cause, context }: ReopenSectionCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamIds.section(sectionId),
      decider: sectionDecider,
      mustExist: true,
      context,
      command: { type: 'ReopenSection', claimId, cause },
    });
    return { id: sectionId, position: result.position };
  }
}

@CommandHandler(PublishClaimCommand)
export class PublishClaimHandler implements ICommandHandler<PublishClaimCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute(command: PublishClaimCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamIds.claim(command.claimId),
      decider: claimDecider,
      mustExist: true,
      context: command.context,
      command: {
        type: 'PublishClaim',
        sectionId: command.sectionId,
        textRevision: command.textRevision,
        textHash: command.textHash,
        text: command.text,
      },
    });
    return { id: command.claimId, position: result.position };
  }
}

@CommandHandler(UnpublishClaimCommand)
export class UnpublishClaimHandler implements ICommandHandler<UnpublishClaimCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ claimId, sectionId, context }: UnpublishClaimCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamIds.claim(claimId),
      decider: claimDecider,
      mustExist: true,
      context,
      command: { type: 'UnpublishClaim', sectionId },
    });
    return { id: claimId, position: result.position };
  }
}

@CommandHandler(ReopenClaimCommand)
export class ReopenClaimHandler implements ICommandHandler<ReopenClaimCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ claimId, referenceNumber, cause, context }: ReopenClaimCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamIds.claim(claimId),
      decider: claimDecider,
      mustExist: true,
      context,
      command: { type: 'ReopenClaim', referenceNumber, cause },
    });
    return { id: claimId, position: result.position };
  }
}
