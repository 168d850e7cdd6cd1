import type { CommandContext } from '../command-context';

/** Sign-offs, publish and unpublish act on a whole section and share one shape. */
abstract class SectionActionCommand {
  constructor(
    readonly sectionId: string,
    readonly expectedRevision: number,
    readonly context: CommandContext,
  ) {}
}
export class SignOffSectionEvidenceCommand extends SectionActionCommand {}
export class SignOffSectionMedicalCommand extends SectionActionCommand {}
export class PublishSectionCommand extends SectionActionCommand {}
export class UnpublishSectionCommand extends SectionActionCommand {}

export class ReviseSectionCommand {
  constructor(
    readonly sectionId: string,
    readonly expectedRevision: number,
    readonly heading: string | null,
    readonly claimOrder: string[] | null,
    readonly context: CommandContext,
  ) {}
}

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

export class RemoveClaimCommand {
  constructor(
    readonly sectionId: string,
    readonly expectedRevision: number,
    readonly claimId: string,
    readonly context: CommandContext,
  ) {}
}
