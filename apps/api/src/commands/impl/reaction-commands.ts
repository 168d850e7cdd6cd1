import type { CommandContext } from '../command-context';

/** Commands the reactions issue: no client revision, they decide on what they read. */
export class ReopenSectionCommand {
  constructor(
    readonly sectionId: string,
    readonly claimId: string,
    readonly cause: string,
    readonly context: CommandContext,
  ) {}
}

export class PublishClaimCommand {
  constructor(
    readonly claimId: string,
    readonly sectionId: string,
    readonly textRevision: number,
    readonly textHash: string,
    readonly text: string,
    readonly context: CommandContext,
  ) {}
}

export class UnpublishClaimCommand {
  constructor(
    readonly claimId: string,
    readonly sectionId: string,
    readonly context: CommandContext,
  ) {}
}

export class ReopenClaimCommand {
  constructor(
    readonly claimId: string,
    readonly referenceNumber: number,
    readonly cause: string,
    readonly context: CommandContext,
  ) {}
}
