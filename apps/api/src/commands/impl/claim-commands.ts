import type { Evidence } from '@app/domain';
import type { CommandContext } from '../command-context';

/** Commands an editor, fact checker or medical reviewer issues on one claim. */
export class ProposeClaimRevisionCommand {
  constructor(
    readonly claimId: string,
    readonly expectedRevision: number,
    readonly text: string,
    readonly citations: number[],
    readonly context: CommandContext,
  ) {}
}

export class RecordEvidenceCheckCommand {
  constructor(
    readonly claimId: string,
    readonly expectedRevision: number,
    readonly verdict: 'PASS' | 'FAIL',
    readonly evidence: Evidence[],
    readonly noCitationNeeded: boolean,
    readonly context: CommandContext,
  ) {}
}

export class RecordMedicalReviewCommand {
  constructor(
    readonly claimId: string,
    readonly expectedRevision: number,
    readonly decision: 'APPROVE' | 'REQUEST_CHANGES',
    readonly context: CommandContext,
  ) {}
}
