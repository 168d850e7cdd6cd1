import { authorize, commandAuthority } from '../authorization';
import type { ClaimView } from '../claim/claim.decider';
import type { Decider } from '../decider';
import { BadInput, InvalidTransition, NotFound, SeparationOfDuties } from '../errors';
import {
  requireBoundedText,
  requireId,
  requireIdList,
  requireNonNegativeInteger,
  requireReason,
  requireText,
} from '../input-rules';
import { textHash } from '../text-hash';
import { LIMITS, REVIEW_STATES, type Actor, type ReviewState, type SnapshotEntry } from '../types';

/*
 * The section stream: its commands, events and state, and the decider over them. A new command
 * on this stream is a type here, a case in decide (and evolve, for a new event), and its tests.
 */

// ---- its commands ----
export interface CreateSection {
  type: 'CreateSection';
  actor: Actor;
  sectionId: string;
  articleId: string;
  heading: string;
  position: number;
  claimIds: string[];
}
export interface ReviseSection {
  type: 'ReviseSection';
  actor: Actor;
  heading: string | null;
  /** The new order: a permutation of the section's claim ids. */
  claimOrder: string[] | null;
}
export interface AddClaimToSection {
  type: 'AddClaimToSection';
  actor: Actor;
  claimId: string;
  /** 0-based insertion index; null appends. */
  position: number | null;
}
export interface RemoveClaimFromSection {
  type: 'RemoveClaimFromSection';
  actor: Actor;
  claimId: string;
}
/** Reaction: a claim of the section got a new revision, had changes requested or was reopened. */
export interface ReopenSection {
  type: 'ReopenSection';
  claimId: string;
  cause: string;
}
export interface SignOffSectionEvidence {
  type: 'SignOffSectionEvidence';
  actor: Actor;
  claims: ClaimView[];
}
export interface SignOffSectionMedical {
  type: 'SignOffSectionMedical';
  actor: Actor;
  claims: ClaimView[];
}
export interface PublishSection {
  type: 'PublishSection';
  actor: Actor;
  claims: ClaimView[];
}
export interface UnpublishSection {
  type: 'UnpublishSection';
  actor: Actor;
  reason: string;
}
export type SectionCommand =
  | CreateSection
  | ReviseSection
  | AddClaimToSection
  | RemoveClaimFromSection
  | ReopenSection
  | SignOffSectionEvidence
  | SignOffSectionMedical
  | PublishSection
  | UnpublishSection;

// ---- its events (section-<id>) ----
export interface SectionCreated {
  type: 'SectionCreated';
  data: { sectionId: string; articleId: string; heading: string; position: number; claimIds: string[] };
}
export interface SectionRevised {
  type: 'SectionRevised';
  data: {
    change: 'HEADING' | 'CLAIM_ADDED' | 'CLAIM_REMOVED' | 'REORDERED';
    /** The section after the change: heading and claim order. */
    heading: string;
    claimIds: string[];
    addedClaimId: string | null;
    removedClaimId: string | null;
    revisedBy: Actor;
  };
}
export interface SectionReopened {
  type: 'SectionReopened';
  data: { claimId: string; cause: string };
}
export interface SectionEvidenceChecked {
  type: 'SectionEvidenceChecked';
  data: { signedOffBy: Actor };
}
export interface SectionMedicallyReviewed {
  type: 'SectionMedicallyReviewed';
  data: { signedOffBy: Actor };
}
export interface SectionPublished {
  type: 'SectionPublished';
  data: {
    snapshot: SnapshotEntry[];
    publishedBy: Actor;
    /**
     * Claims of the previous live snapshot that this one leaves out (removed from the section since),
     * so the publish reaction can unpublish them without re-reading the section. Optional so that
     * events written without it stay valid; absent means none.
     */
    withdrawnClaimIds?: string[];
  };
}
export interface SectionUnpublished {
  type: 'SectionUnpublished';
  data: { unpublishedBy: Actor; withdrawnClaimIds: string[] };
}
export type SectionEvent =
  | SectionCreated
  | SectionRevised
  | SectionReopened
  | SectionEvidenceChecked
  | SectionMedicallyReviewed
  | SectionPublished
  | SectionUnpublished;

/** Every section event type (the compiler checks none is missing), to tell a stored event of this stream from anything else. */
export const SECTION_EVENT_TYPES: Readonly<Record<SectionEvent['type'], true>> = {
  SectionCreated: true,
  SectionRevised: true,
  SectionReopened: true,
  SectionEvidenceChecked: true,
  SectionMedicallyReviewed: true,
  SectionPublished: true,
  SectionUnpublished: true,
};


// ---- its state ----
export interface SectionState {
  exists: boolean;
  sectionId: string;
  articleId: string;
  heading: string;
  position: number;
  claimIds: string[];
  state: ReviewState;
  evidenceSignedOffBy: Actor | null;
  medicalSignedOffBy: Actor | null;
  /** The live snapshot; null when nothing of the section is live. */
  liveSnapshot: SnapshotEntry[] | null;
}

export const initialSectionState: SectionState = {
  exists: false,
  sectionId: '',
  articleId: '',
  heading: '',
  position: 0,
  claimIds: [],
  state: 'DRAFTED',
  evidenceSignedOffBy: null,
  medicalSignedOffBy: null,
  liveSnapshot: null,
};

/** Editing is allowed in every state; it sends the section back to DRAFTED. */
const EDIT_ACTIONS = ['reviseSection', 'addClaim', 'removeClaim'] as const;
const NEXT_ACTION: Readonly<Record<ReviewState, readonly string[]>> = {
  DRAFTED: ['signOffSectionEvidence'],
  EVIDENCE_CHECKED: ['signOffSectionMedical'],
  MEDICALLY_REVIEWED: ['publishSection'],
  PUBLISHED: [],
};

/** The mutations a user may send to the section as it stands. */
export function allowedSectionActions(state: SectionState): string[] {
  return [...EDIT_ACTIONS, ...NEXT_ACTION[state.state], ...(state.liveSnapshot !== null ? ['unpublishSection'] : [])];
}

function reached(state: ReviewState, atLeast: ReviewState): boolean {
  return REVIEW_STATES.indexOf(state) >= REVIEW_STATES.indexOf(atLeast);
}

function requireSection(state: SectionState): void {
  if (!state.exists) throw new NotFound('no such section');
}

function requireSectionState(state: SectionState, expected: ReviewState, action: string): void {
  if (state.state !== expected) {
    throw new InvalidTransition(
      `cannot ${action} a section in ${state.state}; it must be ${expected}`,
      state.state,
      allowedSectionActions(state),
    );
  }
}

function requireClaimViewsShape(claims: readonly ClaimView[]): void {
  if (!Array.isArray(claims)) throw new BadInput('claims must be a list', 'claims');
  requireIdList(
    claims.map((claim) => claim.claimId),
    'claims',
    LIMITS.claimsPerSection,
  );
}

/**
 * The section-wide guard of sign-offs and publishing: the claims, read from their own streams,
 * are exactly the section's claims in the section's order, and each has reached `atLeast`.
 *
 * A section with no claims is refused: a sign-off over nothing vouches for nothing, and a bare
 * heading going live alone is never what an editor meant. It may exist (an import can yield a
 * heading with nothing under it, an editor may remove every claim) and be filled later.
 */
function requireClaimsReached(state: SectionState, claims: readonly ClaimView[], atLeast: ReviewState): void {
  if (state.claimIds.length === 0) {
    throw new BadInput('the section has no claims: there is nothing to sign off or publish', 'claims');
  }
  const given = claims.map((claim) => claim.claimId);
  if (given.length !== state.claimIds.length || given.some((id, index) => id !== state.claimIds[index])) {
    throw new BadInput("the claims given are not the section's claims in the section's order", 'claims');
  }
  const behind = claims.filter((claim) => !reached(claim.state, atLeast));
  if (behind.length > 0) {
    throw new BadInput(
      `every claim must be ${atLeast} or later; not yet: ${behind.map((claim) => `${claim.claimId} (${claim.state})`).join(', ')}`,
      'claims',
    );
  }
}

function createSection(command: CreateSection, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.CreateSection);
  requireId(command.sectionId, 'sectionId');
  requireId(command.articleId, 'articleId');
  // The lead section (text before the first heading) has the heading "".
  requireBoundedText(command.heading, 'heading', LIMITS.heading);
  requireNonNegativeInteger(command.position, 'position');
  requireIdList(command.claimIds, 'claimIds', LIMITS.claimsPerSection);
  if (state.exists) {
    throw new InvalidTransition(`section ${state.sectionId} already exists`, state.state, allowedSectionActions(state));
  }
  return [
    {
      type: 'SectionCreated',
      data: {
        sectionId: command.sectionId,
        articleId: command.articleId,
        heading: command.heading,
        position: command.position,
        claimIds: [...command.claimIds],
      },
    },
  ];
}

function revised(
  actor: Actor,
  change: SectionRevised['data']['change'],
  heading: string,
  claimIds: string[],
  addedClaimId: string | null = null,
  removedClaimId: string | null = null,
): SectionRevised {
  return { type: 'SectionRevised', data: { change, heading, claimIds, addedClaimId, removedClaimId, revisedBy: actor } };
}

/**
 * A heading and an order in one command become two events, one per change, each with the whole
 * resulting section. What would not change is left out, and a command that changes nothing
 * appends nothing, so the section keeps its sign-offs.
 */
function reviseSection(command: ReviseSection, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.ReviseSection);
  if (command.heading === null && command.claimOrder === null) {
    throw new BadInput('give a new heading, a new claim order, or both', 'heading');
  }
  // Only the lead section is headless, and it is made so at import; a revision names a heading.
  if (command.heading !== null) requireText(command.heading, 'heading', LIMITS.heading);
  if (command.claimOrder !== null) requireIdList(command.claimOrder, 'claimOrder', LIMITS.claimsPerSection);
  requireSection(state);
  if (command.claimOrder !== null) {
    const unknown = command.claimOrder.filter((id) => !state.claimIds.includes(id));
    if (unknown.length > 0) throw new NotFound(`the section has no claim ${unknown.join(', ')}`);
    if (command.claimOrder.length !== state.claimIds.length) {
      throw new BadInput("claimOrder must list every one of the section's claims exactly once", 'claimOrder');
    }
  }

  const events: SectionEvent[] = [];
  let heading = state.heading;
  if (command.heading !== null && command.heading !== state.heading) {
    heading = command.heading;
    events.push(revised(command.actor, 'HEADING', heading, [...state.claimIds]));
  }
  const order = command.claimOrder;
  if (order !== null && order.some((id, index) => id !== state.claimIds[index])) {
    events.push(revised(command.actor, 'REORDERED', heading, [...order]));
  }
  return events;
}

function addClaimToSection(command: AddClaimToSection, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.AddClaimToSection);
  requireId(command.claimId, 'claimId');
  if (command.position !== null) requireNonNegativeInteger(command.position, 'position');
  requireSection(state);
  if (state.claimIds.includes(command.claimId)) {
    throw new BadInput(`the section already holds claim ${command.claimId}`, 'claimId');
  }
  if (state.claimIds.length >= LIMITS.claimsPerSection) {
    throw new BadInput(`a section holds at most ${LIMITS.claimsPerSection} claims`, 'claimId');
  }
  const position = command.position ?? state.claimIds.length;
  if (position > state.claimIds.length) {
    throw new BadInput(`position must be at most ${state.claimIds.length}, the number of claims`, 'position');
  }
  const claimIds = [...state.claimIds.slice(0, position), command.claimId, ...state.claimIds.slice(position)];
  return [revised(command.actor, 'CLAIM_ADDED', state.heading, claimIds, command.claimId, null)];
}

/** The claim leaves the live snapshot only at the section's next publish (or an unpublish). */
function removeClaimFromSection(command: RemoveClaimFromSection, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.RemoveClaimFromSection);
  requireId(command.claimId, 'claimId');
  requireSection(state);
  if (!state.claimIds.includes(command.claimId)) throw new NotFound(`the section has no claim ${command.claimId}`);
  const claimIds = state.claimIds.filter((id) => id !== command.claimId);
  return [revised(command.actor, 'CLAIM_REMOVED', state.heading, claimIds, null, command.claimId)];
}

/** Reaction: idempotent, and a claim that has left the section no longer reopens it. */
function reopenSection(command: ReopenSection, state: SectionState): SectionEvent[] {
  requireSection(state);
  if (state.state === 'DRAFTED' || !state.claimIds.includes(command.claimId)) return [];
  return [{ type: 'SectionReopened', data: { claimId: command.claimId, cause: command.cause } }];
}

function signOffSectionEvidence(command: SignOffSectionEvidence, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.SignOffSectionEvidence);
  requireClaimViewsShape(command.claims);
  requireSection(state);
  requireSectionState(state, 'DRAFTED', 'sign off the evidence of');
  requireClaimsReached(state, command.claims, 'EVIDENCE_CHECKED');
  return [{ type: 'SectionEvidenceChecked', data: { signedOffBy: command.actor } }];
}

function signOffSectionMedical(command: SignOffSectionMedical, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.SignOffSectionMedical);
  requireClaimViewsShape(command.claims);
  requireSection(state);
  requireSectionState(state, 'EVIDENCE_CHECKED', 'medically sign off');
  if (state.evidenceSignedOffBy !== null && state.evidenceSignedOffBy.id === command.actor.id) {
    throw new SeparationOfDuties("the user who signed off the section's evidence cannot also sign it off medically");
  }
  requireClaimsReached(state, command.claims, 'MEDICALLY_REVIEWED');
  return [{ type: 'SectionMedicallyReviewed', data: { signedOffBy: command.actor } }];
}

function publishSection(command: PublishSection, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.PublishSection);
  requireClaimViewsShape(command.claims);
  requireSection(state);
  requireSectionState(state, 'MEDICALLY_REVIEWED', 'publish');
  // Checked again, from the claims' own streams: a claim may have moved since the medical sign-off.
  requireClaimsReached(state, command.claims, 'MEDICALLY_REVIEWED');
  const forged = command.claims.filter((claim) => textHash(claim.text) !== claim.textHash);
  if (forged.length > 0) {
    throw new BadInput(`the text of ${forged.map((claim) => claim.claimId).join(', ')} does not match its hash`, 'claims');
  }
  const snapshot: SnapshotEntry[] = command.claims.map((claim) => ({
    claimId: claim.claimId,
    textRevision: claim.textRevision,
    textHash: claim.textHash,
    text: claim.text,
  }));
  // Claims removed since the last publish leave the live text now; the reaction unpublishes them.
  const kept = new Set(snapshot.map((entry) => entry.claimId));
  const withdrawnClaimIds = (state.liveSnapshot ?? []).map((entry) => entry.claimId).filter((id) => !kept.has(id));
  return [{ type: 'SectionPublished', data: { snapshot, publishedBy: command.actor, withdrawnClaimIds } }];
}

function unpublishSection(command: UnpublishSection, state: SectionState): SectionEvent[] {
  authorize(command.actor, commandAuthority.UnpublishSection);
  requireReason(command.reason);
  requireSection(state);
  if (state.liveSnapshot === null) {
    throw new InvalidTransition('nothing of the section is live', state.state, allowedSectionActions(state));
  }
  return [
    {
      type: 'SectionUnpublished',
      data: { unpublishedBy: command.actor, withdrawnClaimIds: state.liveSnapshot.map((entry) => entry.claimId) },
    },
  ];
}

function decide(command: SectionCommand, state: SectionState): SectionEvent[] {
  switch (command.type) {
    case 'CreateSection':
      return createSection(command, state);
    case 'ReviseSection':
      return reviseSection(command, state);
    case 'AddClaimToSection':
      return addClaimToSection(command, state);
    case 'RemoveClaimFromSection':
      return removeClaimFromSection(command, state);
    case 'ReopenSection':
      return reopenSection(command, state);
    case 'SignOffSectionEvidence':
      return signOffSectionEvidence(command, state);
    case 'SignOffSectionMedical':
      return signOffSectionMedical(command, state);
    case 'PublishSection':
      return publishSection(command, state);
    case 'UnpublishSection':
      return unpublishSection(command, state);
  }
}

/** Back to DRAFTED: the section's sign-offs covered a section that no longer stands as signed. */
function reopened(state: SectionState): SectionState {
  return { ...state, state: 'DRAFTED', evidenceSignedOffBy: null, medicalSignedOffBy: null };
}

function evolve(state: SectionState, event: SectionEvent): SectionState {
  switch (event.type) {
    case 'SectionCreated':
      return {
        ...initialSectionState,
        exists: true,
        sectionId: event.data.sectionId,
        articleId: event.data.articleId,
        heading: event.data.heading,
        position: event.data.position,
        claimIds: [...event.data.claimIds],
      };
    case 'SectionRevised':
      // The claims keep their own approvals; only the section is signed off again.
      return { ...reopened(state), heading: event.data.heading, claimIds: [...event.data.claimIds] };
    case 'SectionReopened':
      return reopened(state);
    case 'SectionEvidenceChecked':
      return { ...state, state: 'EVIDENCE_CHECKED', evidenceSignedOffBy: event.data.signedOffBy };
    case 'SectionMedicallyReviewed':
      return { ...state, state: 'MEDICALLY_REVIEWED', medicalSignedOffBy: event.data.signedOffBy };
    case 'SectionPublished':
      return { ...state, state: 'PUBLISHED', liveSnapshot: event.data.snapshot.map((entry) => ({ ...entry })) };
    case 'SectionUnpublished':
      return { ...reopened(state), liveSnapshot: null };
    default:
      // An event type this version does not know (written by a newer one) leaves the state as it is.
      return state;
  }
}

export const sectionDecider: Decider<SectionCommand, SectionEvent, SectionState> = {
  decide,
  evolve,
  initialState: initialSectionState,
};
