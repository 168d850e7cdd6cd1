import { authorize, commandAuthority } from '../authorization';
import type { Decider } from '../decider';
import { BadInput, InvalidTransition, NotFound, SeparationOfDuties } from '../errors';
import {
  isReferenceNumber,
  requireCitationNumbers,
  requireId,
  requireOneOf,
  requireOptionalText,
  requireReason,
  requireText,
} from '../input-rules';
import { requireCitedNumbersListed, unresolvedNumbers } from '../reference-rules';
import { textHash } from '../text-hash';
import { reviewDueAt, type ApprovalValidity } from './approval-validity';
import { wordingFlags, type WordingFlag } from './wording';
import { EVIDENCE_LEVELS, LIMITS, type Actor, type Evidence, type Reference, type ReviewState } from '../types';

/*
 * The claim stream: its commands, events and state, and the decider over them. A new command
 * on this stream is a type here, a case in decide (and evolve, for a new event), and its tests.
 */

// ---- its commands ----
/** What a section guard needs of each of its claims, folded from the claim's own stream. */
export interface ClaimView {
  claimId: string;
  state: ReviewState;
  textRevision: number;
  text: string;
  textHash: string;
  /** textRevision currently live through a section snapshot, if any. */
  publishedTextRevision: number | null;
}

export interface DraftClaim {
  type: 'DraftClaim';
  actor: Actor;
  claimId: string;
  articleId: string;
  sectionId: string;
  text: string;
  citations: number[];
  /** The article's reference list: every cited number must be in it. */
  references: Reference[];
}
export interface ProposeClaimRevision {
  type: 'ProposeClaimRevision';
  actor: Actor;
  text: string;
  citations: number[];
  reason: string;
  references: Reference[];
}
export interface RecordEvidenceCheck {
  type: 'RecordEvidenceCheck';
  actor: Actor;
  verdict: 'PASS' | 'FAIL';
  evidence: Evidence[];
  noCitationNeeded: boolean;
  reason: string;
  references: Reference[];
}
export interface RecordMedicalReview {
  type: 'RecordMedicalReview';
  actor: Actor;
  decision: 'APPROVE' | 'REQUEST_CHANGES';
  reason: string;
  /** Epoch milliseconds of the decision. */
  now: number;
  /** How long an approval holds (APPROVAL_VALIDITY) at the time of the decision; null: for good. */
  approvalValidity: ApprovalValidity | null;
  /** The reviewer has read the wording flags and approves regardless. */
  acknowledgeWordingFlags: boolean;
}
/** The review scheduler's: an approval past its reviewDueAt no longer holds. */
export interface ExpireApproval {
  type: 'ExpireApproval';
  now: number;
}
/** Reaction to SectionPublished. */
export interface PublishClaim {
  type: 'PublishClaim';
  sectionId: string;
  textRevision: number;
  textHash: string;
  text: string;
}
/** Reaction to SectionUnpublished. */
export interface UnpublishClaim {
  type: 'UnpublishClaim';
  sectionId: string;
}
/** Reaction to an amended reference the claim cites. */
export interface ReopenClaim {
  type: 'ReopenClaim';
  referenceNumber: number;
  cause: string;
}
export type ClaimCommand =
  | DraftClaim
  | ProposeClaimRevision
  | RecordEvidenceCheck
  | RecordMedicalReview
  | PublishClaim
  | UnpublishClaim
  | ReopenClaim
  | ExpireApproval;

// ---- its events (claim-<id>) ----
export interface ClaimDrafted {
  type: 'ClaimDrafted';
  data: {
    claimId: string;
    articleId: string;
    sectionId: string;
    text: string;
    citations: number[];
    citationNeeded: boolean;
    textRevision: 1;
    author: Actor;
  };
}
export interface ClaimRevised {
  type: 'ClaimRevised';
  data: { text: string; citations: number[]; citationNeeded: boolean; textRevision: number; author: Actor };
}
export interface EvidenceCheckPassed {
  type: 'EvidenceCheckPassed';
  data: { textRevision: number; evidence: Evidence[]; noCitationNeeded: boolean; checkedBy: Actor };
}
export interface EvidenceCheckFailed {
  type: 'EvidenceCheckFailed';
  data: { textRevision: number; checkedBy: Actor; reason: string };
}
/**
 * The medical reviewer's signature: who, the meaning they gave, bound to a text revision and its
 * hash; when, until when it holds, and the wording flags the reviewer approved regardless.
 * (Approvals written before approvals expired carry none of the last three.)
 */
export interface MedicalReviewApproved {
  type: 'MedicalReviewApproved';
  data: {
    textRevision: number;
    textHash: string;
    reviewer: Actor;
    meaning: string;
    approvedAt?: number;
    reviewDueAt?: number | null;
    acknowledgedWordingFlags?: WordingFlag[];
  };
}
export interface MedicalReviewChangesRequested {
  type: 'MedicalReviewChangesRequested';
  data: { textRevision: number; reviewer: Actor; reason: string };
}
export interface ClaimPublished {
  type: 'ClaimPublished';
  data: { sectionId: string; textRevision: number; textHash: string; text: string };
}
export interface ClaimUnpublished {
  type: 'ClaimUnpublished';
  data: { sectionId: string };
}
/** A reference it cites was amended after it had been checked: the checks no longer hold. */
export interface ClaimReopened {
  type: 'ClaimReopened';
  data: { referenceNumber: number; cause: string };
}
/** The approval reached its reviewDueAt: back to DRAFTED for a fresh check; what is live stays live. */
export interface ClaimApprovalExpired {
  type: 'ClaimApprovalExpired';
  data: { textRevision: number; approvedAt: number | null; reviewDueAt: number };
}
export type ClaimEvent =
  | ClaimDrafted
  | ClaimRevised
  | EvidenceCheckPassed
  | EvidenceCheckFailed
  | MedicalReviewApproved
  | MedicalReviewChangesRequested
  | ClaimPublished
  | ClaimUnpublished
  | ClaimReopened
  | ClaimApprovalExpired;

/** Every claim event type (the compiler checks none is missing), to tell a stored event of this stream from anything else. */
export const CLAIM_EVENT_TYPES: Readonly<Record<ClaimEvent['type'], true>> = {
  ClaimDrafted: true,
  ClaimRevised: true,
  EvidenceCheckPassed: true,
  EvidenceCheckFailed: true,
  MedicalReviewApproved: true,
  MedicalReviewChangesRequested: true,
  ClaimPublished: true,
  ClaimUnpublished: true,
  ClaimReopened: true,
  ClaimApprovalExpired: true,
};


// ---- its state ----
export interface ClaimState {
  exists: boolean;
  claimId: string;
  articleId: string;
  sectionId: string;
  state: ReviewState;
  text: string;
  citations: number[];
  citationNeeded: boolean;
  textRevision: number;
  /** sha-256 hex of the current text. */
  textHash: string;
  author: Actor | null;
  evidence: Evidence[];
  noCitationNeeded: boolean;
  evidenceCheckedBy: Actor | null;
  medicallyReviewedBy: Actor | null;
  /** When the current approval was given, and when it stops holding (null: never); null without one. */
  medicallyReviewedAt: number | null;
  reviewDueAt: number | null;
  /** The text live through the latest snapshot that contains this claim; null when none is live. */
  publishedText: string | null;
  publishedTextRevision: number | null;
  publishedTextHash: string | null;
}

export const initialClaimState: ClaimState = {
  exists: false,
  claimId: '',
  articleId: '',
  sectionId: '',
  state: 'DRAFTED',
  text: '',
  citations: [],
  citationNeeded: false,
  textRevision: 0,
  textHash: '',
  author: null,
  evidence: [],
  noCitationNeeded: false,
  evidenceCheckedBy: null,
  medicallyReviewedBy: null,
  medicallyReviewedAt: null,
  reviewDueAt: null,
  publishedText: null,
  publishedTextRevision: null,
  publishedTextHash: null,
};

/**
 * The mutations a user may send to a claim in each state. A claim is published only through its
 * section (`publishSection`), so no claim state lists a publish action of its own.
 */
const CLAIM_ACTIONS: Readonly<Record<ReviewState, readonly string[]>> = {
  DRAFTED: ['proposeClaimRevision', 'recordEvidenceCheck'],
  EVIDENCE_CHECKED: ['proposeClaimRevision', 'recordMedicalReview'],
  MEDICALLY_REVIEWED: ['proposeClaimRevision'],
  PUBLISHED: ['proposeClaimRevision'],
};

export function allowedClaimActions(state: ClaimState): string[] {
  return [...CLAIM_ACTIONS[state.state]];
}

/** What a section's guards need of a claim; the command handler builds it from the claim's stream. */
export function claimView(state: ClaimState): ClaimView {
  return {
    claimId: state.claimId,
    state: state.state,
    textRevision: state.textRevision,
    text: state.text,
    textHash: state.textHash,
    publishedTextRevision: state.publishedTextRevision,
  };
}

function requireClaim(state: ClaimState): void {
  if (!state.exists) throw new NotFound('no such claim');
}

function requireClaimState(state: ClaimState, expected: ReviewState, action: string): void {
  if (state.state !== expected) {
    throw new InvalidTransition(
      `cannot ${action} a claim in ${state.state}; it must be ${expected}`,
      state.state,
      allowedClaimActions(state),
    );
  }
}

function draftClaim(command: DraftClaim, state: ClaimState): ClaimEvent[] {
  authorize(command.actor, commandAuthority.DraftClaim);
  requireId(command.claimId, 'claimId');
  requireId(command.articleId, 'articleId');
  requireId(command.sectionId, 'sectionId');
  requireText(command.text, 'text', LIMITS.claimText);
  requireCitationNumbers(command.citations);
  if (state.exists) {
    throw new InvalidTransition(`claim ${state.claimId} already exists`, state.state, allowedClaimActions(state));
  }
  requireCitedNumbersListed(command.citations, command.references);
  return [
    {
      type: 'ClaimDrafted',
      data: {
        claimId: command.claimId,
        articleId: command.articleId,
        sectionId: command.sectionId,
        text: command.text,
        citations: [...command.citations],
        citationNeeded: command.citations.length === 0,
        textRevision: 1,
        author: command.actor,
      },
    },
  ];
}

function proposeClaimRevision(command: ProposeClaimRevision, state: ClaimState): ClaimEvent[] {
  authorize(command.actor, commandAuthority.ProposeClaimRevision);
  requireText(command.text, 'text', LIMITS.claimText);
  requireCitationNumbers(command.citations);
  requireReason(command.reason);
  requireClaim(state);
  // Allowed in every state: a live claim keeps its published text while the new draft is reviewed.
  requireCitedNumbersListed(command.citations, command.references);
  return [
    {
      type: 'ClaimRevised',
      data: {
        text: command.text,
        citations: [...command.citations],
        citationNeeded: command.citations.length === 0,
        textRevision: state.textRevision + 1,
        author: command.actor,
      },
    },
  ];
}

function requireEvidenceShape(evidence: readonly Evidence[]): void {
  if (!Array.isArray(evidence)) throw new BadInput('evidence must be a list', 'evidence');
  if (evidence.length > LIMITS.evidenceEntries) {
    throw new BadInput(`at most ${LIMITS.evidenceEntries} evidence entries`, 'evidence');
  }
  const numbers = new Set<number>();
  evidence.forEach((entry, index) => {
    const at = `evidence entry ${index + 1}`;
    if (entry.referenceNumber !== null) {
      if (!isReferenceNumber(entry.referenceNumber)) {
        throw new BadInput(`${at}: referenceNumber must be a reference number (1 to ${LIMITS.referenceNumber})`, 'evidence');
      }
      if (numbers.has(entry.referenceNumber)) {
        throw new BadInput(`${at}: reference [${entry.referenceNumber}] has two evidence entries`, 'evidence');
      }
      numbers.add(entry.referenceNumber);
    }
    if (!EVIDENCE_LEVELS.includes(entry.level)) {
      throw new BadInput(`${at}: level must be one of ${EVIDENCE_LEVELS.join(', ')}`, 'evidence');
    }
    requireOptionalText(entry.locator, 'evidence', LIMITS.locator);
    requireOptionalText(entry.note, 'evidence', LIMITS.note);
    // Evidence the medical reviewer cannot find again is no evidence: say where, or say what.
    const hasLocator = entry.locator !== null && entry.locator.trim().length > 0;
    const hasNote = entry.note !== null && entry.note.trim().length > 0;
    if (!hasLocator && !hasNote) throw new BadInput(`${at}: needs a locator or a note`, 'evidence');
  });
}

/**
 * Numbered entries must match the claim's citations one for one. Entries without a number are
 * allowed beside them (an expert-opinion note on a claim that needs no citation, say).
 */
function requireEvidenceMatchesCitations(evidence: readonly Evidence[], citations: readonly number[]): void {
  const cited = new Set(citations);
  const evidenced = new Set(evidence.flatMap((entry) => (entry.referenceNumber === null ? [] : [entry.referenceNumber])));
  const missing = citations.filter((number) => !evidenced.has(number));
  const uncited = [...evidenced].filter((number) => !cited.has(number));
  if (missing.length > 0) {
    throw new BadInput(`no evidence entry for ${missing.map((n) => `[${n}]`).join(', ')}`, 'evidence');
  }
  if (uncited.length > 0) {
    throw new BadInput(`evidence for ${uncited.map((n) => `[${n}]`).join(', ')}, which the claim does not cite`, 'evidence');
  }
}

/** Numbered entries in the claim's citation order, then the unnumbered ones, so readers see them as the text cites them. */
function inCitationOrder(evidence: readonly Evidence[], citations: readonly number[]): Evidence[] {
  const rank = (entry: Evidence) =>
    entry.referenceNumber === null ? citations.length : citations.indexOf(entry.referenceNumber);
  return evidence
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => ({ ...entry }));
}

function recordEvidenceCheck(command: RecordEvidenceCheck, state: ClaimState): ClaimEvent[] {
  authorize(command.actor, commandAuthority.RecordEvidenceCheck);
  requireOneOf(command.verdict, ['PASS', 'FAIL'], 'verdict');
  requireEvidenceShape(command.evidence);
  if (typeof command.noCitationNeeded !== 'boolean') {
    throw new BadInput('noCitationNeeded must be true or false', 'noCitationNeeded');
  }
  requireReason(command.reason);
  requireClaim(state);
  requireClaimState(state, 'DRAFTED', 'record an evidence check on');

  if (command.verdict === 'FAIL') {
    // A failed check sends nothing forward, so it needs no second pair of eyes: even the author
    // may record that the evidence does not hold.
    return [
      {
        type: 'EvidenceCheckFailed',
        data: { textRevision: state.textRevision, checkedBy: command.actor, reason: command.reason },
      },
    ];
  }

  if (state.author !== null && state.author.id === command.actor.id) {
    throw new SeparationOfDuties('the author of the current text cannot pass its evidence check');
  }
  requireCitedNumbersListed(state.citations, command.references);
  requireEvidenceMatchesCitations(command.evidence, state.citations);
  const unresolved = unresolvedNumbers(state.citations, command.references);
  if (unresolved.length > 0) {
    throw new BadInput(
      `reference ${unresolved.map((n) => `[${n}]`).join(', ')} is unresolved: resolve it before passing the check`,
      'evidence',
    );
  }
  if (state.citations.length === 0 && !command.noCitationNeeded) {
    throw new BadInput('a claim without citations passes only with noCitationNeeded and a reason', 'noCitationNeeded');
  }
  if (state.citations.length > 0 && command.noCitationNeeded) {
    throw new BadInput('a claim that cites references cannot pass as needing none', 'noCitationNeeded');
  }
  return [
    {
      type: 'EvidenceCheckPassed',
      data: {
        textRevision: state.textRevision,
        evidence: inCitationOrder(command.evidence, state.citations),
        noCitationNeeded: command.noCitationNeeded,
        checkedBy: command.actor,
      },
    },
  ];
}

function recordMedicalReview(command: RecordMedicalReview, state: ClaimState): ClaimEvent[] {
  authorize(command.actor, commandAuthority.RecordMedicalReview);
  requireOneOf(command.decision, ['APPROVE', 'REQUEST_CHANGES'], 'decision');
  requireReason(command.reason);
  requireClaim(state);
  requireClaimState(state, 'EVIDENCE_CHECKED', 'record a medical review on');

  if (command.decision === 'REQUEST_CHANGES') {
    // Sending text back can never let unreviewed text through, so it is not a four-eyes step.
    return [
      {
        type: 'MedicalReviewChangesRequested',
        data: { textRevision: state.textRevision, reviewer: command.actor, reason: command.reason },
      },
    ];
  }

  if (state.author !== null && state.author.id === command.actor.id) {
    throw new SeparationOfDuties('the author of the current text cannot approve it medically');
  }
  if (state.evidenceCheckedBy !== null && state.evidenceCheckedBy.id === command.actor.id) {
    throw new SeparationOfDuties('the evidence checker of the current text cannot also approve it medically');
  }
  const flags = wordingFlags(state.text, state.evidence);
  if (flags.length > 0 && command.acknowledgeWordingFlags !== true) {
    throw new BadInput(
      `the text is worded more strongly than its evidence (${flags.map((f) => `"${f.phrase}"`).join(', ')}): ` +
        'revise it, or approve with acknowledgeWordingFlags',
      'acknowledgeWordingFlags',
    );
  }
  return [
    {
      type: 'MedicalReviewApproved',
      data: {
        textRevision: state.textRevision,
        textHash: state.textHash,
        reviewer: command.actor,
        meaning: command.reason,
        approvedAt: command.now,
        reviewDueAt: command.approvalValidity === null ? null : reviewDueAt(command.now, command.approvalValidity),
        acknowledgedWordingFlags: flags,
      },
    },
  ];
}

/**
 * The scheduler's expiry. Sent for a claim it saw past due; by the time it lands the claim may
 * have been revised, sent back or expired already (by another replica), and then nothing is due.
 */
function expireApproval(command: ExpireApproval, state: ClaimState): ClaimEvent[] {
  requireClaim(state);
  const approved = state.state === 'MEDICALLY_REVIEWED' || state.state === 'PUBLISHED';
  if (!approved || state.reviewDueAt === null || command.now < state.reviewDueAt) return [];
  return [
    {
      type: 'ClaimApprovalExpired',
      data: { textRevision: state.textRevision, approvedAt: state.medicallyReviewedAt, reviewDueAt: state.reviewDueAt },
    },
  ];
}

/**
 * Reaction to SectionPublished. Replays and races are expected, so every case where the claim
 * is not the approved text the snapshot names answers [] rather than an error:
 * - already live at that textRevision: published before, nothing to add;
 * - revised since (another textRevision): it keeps its new draft; the snapshot still holds the
 *   approved text, which is what readers see as live;
 * - same textRevision but no longer MEDICALLY_REVIEWED (an amended reference reopened it): its
 *   approvals no longer hold, so it is not marked published; its section is reopened as well.
 */
function publishClaim(command: PublishClaim, state: ClaimState): ClaimEvent[] {
  requireClaim(state);
  if (command.sectionId !== state.sectionId) return [];
  if (command.textRevision !== state.textRevision) return [];
  if (command.textHash !== state.textHash) {
    // Same revision, other text: the snapshot does not bind this claim's text. Never mark it live.
    throw new BadInput(`the snapshot's hash for textRevision ${command.textRevision} is not this claim's`, 'textHash');
  }
  if (state.state !== 'MEDICALLY_REVIEWED') return [];
  return [
    {
      type: 'ClaimPublished',
      data: { sectionId: command.sectionId, textRevision: command.textRevision, textHash: command.textHash, text: command.text },
    },
  ];
}

/** Reaction to SectionUnpublished (or to leaving a republished section's snapshot): nothing of it is live any more. */
function unpublishClaim(command: UnpublishClaim, state: ClaimState): ClaimEvent[] {
  requireClaim(state);
  if (command.sectionId !== state.sectionId || state.publishedTextRevision === null) return [];
  return [{ type: 'ClaimUnpublished', data: { sectionId: command.sectionId } }];
}

/** Reaction to an amended reference: checks made against the old citation no longer hold. */
function reopenClaim(command: ReopenClaim, state: ClaimState): ClaimEvent[] {
  requireClaim(state);
  if (!state.citations.includes(command.referenceNumber) || state.state === 'DRAFTED') return [];
  return [{ type: 'ClaimReopened', data: { referenceNumber: command.referenceNumber, cause: command.cause } }];
}

function decide(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  switch (command.type) {
    case 'DraftClaim':
      return draftClaim(command, state);
    case 'ProposeClaimRevision':
      return proposeClaimRevision(command, state);
    case 'RecordEvidenceCheck':
      return recordEvidenceCheck(command, state);
    case 'RecordMedicalReview':
      return recordMedicalReview(command, state);
    case 'PublishClaim':
      return publishClaim(command, state);
    case 'UnpublishClaim':
      return unpublishClaim(command, state);
    case 'ReopenClaim':
      return reopenClaim(command, state);
    case 'ExpireApproval':
      return expireApproval(command, state);
  }
}

/** Back to DRAFTED: every check and sign-off was about text or sources that no longer stand. */
function withChecksCleared(state: ClaimState): ClaimState {
  return {
    ...state,
    state: 'DRAFTED',
    evidence: [],
    noCitationNeeded: false,
    evidenceCheckedBy: null,
    medicallyReviewedBy: null,
    medicallyReviewedAt: null,
    reviewDueAt: null,
  };
}

function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  switch (event.type) {
    case 'ClaimDrafted':
      return {
        ...initialClaimState,
        exists: true,
        claimId: event.data.claimId,
        articleId: event.data.articleId,
        sectionId: event.data.sectionId,
        text: event.data.text,
        citations: [...event.data.citations],
        citationNeeded: event.data.citationNeeded,
        textRevision: event.data.textRevision,
        textHash: textHash(event.data.text),
        author: event.data.author,
      };
    case 'ClaimRevised':
      // publishedText* stay: the live text remains live while the new draft is reviewed.
      return {
        ...withChecksCleared(state),
        text: event.data.text,
        citations: [...event.data.citations],
        citationNeeded: event.data.citationNeeded,
        textRevision: event.data.textRevision,
        textHash: textHash(event.data.text),
        author: event.data.author,
      };
    case 'EvidenceCheckPassed':
      return {
        ...state,
        state: 'EVIDENCE_CHECKED',
        evidence: event.data.evidence.map((entry) => ({ ...entry })),
        noCitationNeeded: event.data.noCitationNeeded,
        evidenceCheckedBy: event.data.checkedBy,
      };
    case 'EvidenceCheckFailed':
      // The event records who failed it and why; the claim simply stays a draft.
      return { ...state, state: 'DRAFTED' };
    case 'MedicalReviewApproved':
      return {
        ...state,
        state: 'MEDICALLY_REVIEWED',
        medicallyReviewedBy: event.data.reviewer,
        medicallyReviewedAt: event.data.approvedAt ?? null,
        reviewDueAt: event.data.reviewDueAt ?? null,
      };
    case 'MedicalReviewChangesRequested':
      return withChecksCleared(state);
    case 'ClaimPublished':
      return {
        ...state,
        // Only the approved revision itself becomes PUBLISHED; a later draft stays what it is.
        state: event.data.textRevision === state.textRevision ? 'PUBLISHED' : state.state,
        publishedText: event.data.text,
        publishedTextRevision: event.data.textRevision,
        publishedTextHash: event.data.textHash,
      };
    case 'ClaimUnpublished':
      return {
        ...state,
        state: state.state === 'PUBLISHED' ? 'MEDICALLY_REVIEWED' : state.state,
        publishedText: null,
        publishedTextRevision: null,
        publishedTextHash: null,
      };
    case 'ClaimReopened':
    case 'ClaimApprovalExpired':
      // What is live stays live: only unpublishing takes text down.
      return withChecksCleared(state);
    default:
      // An event type this version does not know (written by a newer one) leaves the state as it is.
      return state;
  }
}

export const claimDecider: Decider<ClaimCommand, ClaimEvent, ClaimState> = {
  decide,
  evolve,
  initialState: initialClaimState,
};
