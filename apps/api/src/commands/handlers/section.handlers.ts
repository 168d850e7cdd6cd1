import { nameBasedUuid } from '@app/audit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { claimDecider, streamIds } from '@app/domain';
import type { CommandOutcome } from '../command-outcome';
import {
  AddClaimCommand,
  PublishSectionCommand,
  RemoveClaimCommand,
  ReviseSectionCommand,
  SignOffSectionEvidenceCommand,
  SignOffSectionMedicalCommand,
  UnpublishSectionCommand,
} from '../impl/section-commands';
import { StreamReads } from '../stream-reads';
import { StreamWriter } from '../stream-writer';
import { writeToSection } from '../write-to-stream';

/**
 * The sign-offs and publishing: their guards need every claim of the section as its own stream
 * has it now, read inside the write so a retry after a race reads them again.
 */
async function writeWithClaims(
  writer: StreamWriter,
  reads: StreamReads,
  type: 'SignOffSectionEvidence' | 'SignOffSectionMedical' | 'PublishSection',
  { sectionId, expectedRevision, context }: SignOffSectionEvidenceCommand,
): Promise<CommandOutcome> {
  const result = await writeToSection(
    writer,
    sectionId,
    context,
    async (section) => ({ type, actor: context.actor, claims: await reads.claimViews(section.claimIds) }),
    expectedRevision,
  );
  return { id: sectionId, position: result.position };
}

@CommandHandler(SignOffSectionEvidenceCommand)
export class SignOffSectionEvidenceHandler implements ICommandHandler<SignOffSectionEvidenceCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  execute(command: SignOffSectionEvidenceCommand): Promise<CommandOutcome> {
    return writeWithClaims(this.writer, this.reads, 'SignOffSectionEvidence', command);
  }
}

@CommandHandler(SignOffSectionMedicalCommand)
export class SignOffSectionMedicalHandler implements ICommandHandler<SignOffSectionMedicalCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  execute(command: SignOffSectionMedicalCommand): Promise<CommandOutcome> {
    return writeWithClaims(this.writer, this.reads, 'SignOffSectionMedical', command);
  }
}

@CommandHandler(PublishSectionCommand)
export class PublishSectionHandler implements ICommandHandler<PublishSectionCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  execute(command: PublishSectionCommand): Promise<CommandOutcome> {
    return writeWithClaims(this.writer, this.reads, 'PublishSection', command);
  }
}

@CommandHandler(UnpublishSectionCommand)
export class UnpublishSectionHandler implements ICommandHandler<UnpublishSectionCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ sectionId, expectedRevision, context }: UnpublishSectionCommand): Promise<CommandOutcome> {
    const result = await writeToSection(this.writer, sectionId, context, () => ({
      type: 'UnpublishSection',
      actor: context.actor,
      reason: context.reason ?? '',
    }), expectedRevision);
    return { id: sectionId, position: result.position };
  }
}

@CommandHandler(ReviseSectionCommand)
export class ReviseSectionHandler implements ICommandHandler<ReviseSectionCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute(command: ReviseSectionCommand): Promise<CommandOutcome> {
    const { sectionId, expectedRevision, context } = command;
    const result = await writeToSection(this.writer, sectionId, context, () => ({
      type: 'ReviseSection',
      actor: context.actor,
      heading: command.heading,
      claimOrder: command.claimOrder,
    }), expectedRevision);
    return { id: sectionId, position: result.position };
  }
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
    const section = await writeToSection(this.writer, sectionId, context, async (state) => {
      articleId = state.articleId;
      references = (await this.reads.article(state.articleId)).references;
      // The claim's own guards (text, citations in the reference list) run before anything is written.
      claimDecider.decide(draft(), claimDecider.initialState);
      return { type: 'AddClaimToSection', actor: context.actor, claimId, position: command.position };
    }, expectedRevision);
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

@CommandHandler(RemoveClaimCommand)
export class RemoveClaimHandler implements ICommandHandler<RemoveClaimCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ sectionId, expectedRevision, claimId, context }: RemoveClaimCommand): Promise<CommandOutcome> {
    const result = await writeToSection(this.writer, sectionId, context, () => ({
      type: 'RemoveClaimFromSection',
      actor: context.actor,
      claimId,
    }), expectedRevision);
    return { id: sectionId, position: result.position };
  }
}
