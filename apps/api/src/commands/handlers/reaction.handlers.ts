import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '../command-outcome';
import {
  PublishClaimCommand,
  ReopenClaimCommand,
  ReopenSectionCommand,
  UnpublishClaimCommand,
} from '../impl/reaction-commands';
import { StreamWriter } from '../stream-writer';
import { writeToClaim, writeToSection } from '../write-to-stream';

/** Reactions decide on the stream as they read it: no client revision, retried on a race. */
@CommandHandler(ReopenSectionCommand)
export class ReopenSectionHandler implements ICommandHandler<ReopenSectionCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ sectionId, claimId, cause, context }: ReopenSectionCommand): Promise<CommandOutcome> {
    const result = await writeToSection(this.writer, sectionId, context, { type: 'ReopenSection', claimId, cause });
    return { id: sectionId, position: result.position };
  }
}

@CommandHandler(PublishClaimCommand)
export class PublishClaimHandler implements ICommandHandler<PublishClaimCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ claimId, sectionId, textRevision, textHash, text, context }: PublishClaimCommand): Promise<CommandOutcome> {
    const result = await writeToClaim(this.writer, claimId, context, {
      type: 'PublishClaim',
      sectionId,
      textRevision,
      textHash,
      text,
    });
    return { id: claimId, position: result.position };
  }
}

@CommandHandler(UnpublishClaimCommand)
export class UnpublishClaimHandler implements ICommandHandler<UnpublishClaimCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ claimId, sectionId, context }: UnpublishClaimCommand): Promise<CommandOutcome> {
    const result = await writeToClaim(this.writer, claimId, context, { type: 'UnpublishClaim', sectionId });
    return { id: claimId, position: result.position };
  }
}

@CommandHandler(ReopenClaimCommand)
export class ReopenClaimHandler implements ICommandHandler<ReopenClaimCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ claimId, referenceNumber, cause, context }: ReopenClaimCommand): Promise<CommandOutcome> {
    const result = await writeToClaim(this.writer, claimId, context, { type: 'ReopenClaim', referenceNumber, cause });
    return { id: claimId, position: result.position };
  }
}
