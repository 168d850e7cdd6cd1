import type { ClaimView } from '../src/claim/claim.decider';
import type {
  ClaimDrafted,
  ClaimEvent,
  ClaimPublished,
  ClaimRevised,
  EvidenceCheckPassed,
  MedicalReviewApproved,
  SectionCreated,
} from '../src';
import { textHash } from '../src/text-hash';
import type { Actor, Evidence, Reference, ReviewState, Role } from '../src/types';

const actor = (id: string, ...roles: Role[]): Actor => ({ id, roles });

export const editor = actor('edna', 'EDITOR');
export const otherEditor = actor('eli', 'EDITOR');
export const checker = actor('fay', 'FACT_CHECKER');
export const otherChecker = actor('finn', 'FACT_CHECKER');
export const reviewer = actor('dr-mo', 'MEDICAL_REVIEWER');
export const otherReviewer = actor('dr-ng', 'MEDICAL_REVIEWER');
export const publisher = actor('pia', 'PUBLISHER');
export const auditor = actor('aud', 'AUDITOR');
export const admin = actor('root', 'ADMIN');
/** Holds every working role: the four-eyes guards must still hold against them. */
export const polymath = actor('poly', 'EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER');

/** [1] and [2] resolved, [3] unresolved (cited in the text, missing from the list). */
export const references: Reference[] = [
  { number: 1, citation: 'Ohtsuka K. Fasoracetam in vascular dementia. 1991.', url: null },
  { number: 2, citation: 'Elia J. Fasoracetam in adolescents with ADHD. 2018.', url: 'https://example.org/2' },
  { number: 3, citation: null, url: null },
];

export const claimText = 'Fasoracetam is being developed as a non-stimulant ADHD treatment.';
export const revisedText = 'Fasoracetam is being studied as a possible non-stimulant ADHD treatment.';

export const evidenceFor = (...numbers: number[]): Evidence[] =>
  numbers.map((number) => ({ referenceNumber: number, level: 'HUMAN_RCT', locator: `p. ${number}`, note: null }));

export function claimDrafted(
  overrides: Partial<ClaimDrafted['data']> = {},
): ClaimDrafted {
  return {
    type: 'ClaimDrafted',
    data: {
      claimId: 'c1',
      articleId: 'a1',
      sectionId: 's1',
      text: claimText,
      citations: [1, 2],
      citationNeeded: false,
      textRevision: 1,
      author: editor,
      ...overrides,
    },
  };
}

export function claimRevised(textRevision: number, overrides: Partial<ClaimRevised['data']> = {}): ClaimRevised {
  return {
    type: 'ClaimRevised',
    data: { text: revisedText, citations: [1, 2], citationNeeded: false, textRevision, author: otherEditor, ...overrides },
  };
}

export function evidencePassed(textRevision = 1, checkedBy: Actor = checker, citations = [1, 2]): EvidenceCheckPassed {
  return {
    type: 'EvidenceCheckPassed',
    data: { textRevision, evidence: evidenceFor(...citations), noCitationNeeded: false, checkedBy },
  };
}

/** The time the specs' commands are sent at, and the approval validity in force (APPROVAL_VALIDITY). */
export const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
export const ONE_YEAR = { years: 1, months: 0, seconds: 0 };
export const DUE = Date.UTC(2027, 0, 15, 9, 0, 0);

export function medicallyApproved(
  textRevision = 1,
  text = claimText,
  by: Actor = reviewer,
  overrides: Partial<MedicalReviewApproved['data']> = {},
): MedicalReviewApproved {
  return {
    type: 'MedicalReviewApproved',
    data: {
      textRevision,
      textHash: textHash(text),
      reviewer: by,
      meaning: 'dose and claim match the cited trials',
      approvedAt: NOW,
      reviewDueAt: DUE,
      acknowledgedWordingFlags: [],
      ...overrides,
    },
  };
}

export function claimPublished(textRevision = 1, text = claimText, sectionId = 's1'): ClaimPublished {
  return { type: 'ClaimPublished', data: { sectionId, textRevision, textHash: textHash(text), text } };
}

/** Histories that leave the first text revision of claim c1 in each state. */
export const claimHistories: Record<ReviewState, ClaimEvent[]> = {
  DRAFTED: [claimDrafted()],
  EVIDENCE_CHECKED: [claimDrafted(), evidencePassed()],
  MEDICALLY_REVIEWED: [claimDrafted(), evidencePassed(), medicallyApproved()],
  PUBLISHED: [claimDrafted(), evidencePassed(), medicallyApproved(), claimPublished()],
};

export function sectionCreated(claimIds: string[] = ['c1', 'c2'], overrides: Partial<SectionCreated['data']> = {}): SectionCreated {
  return {
    type: 'SectionCreated',
    data: { sectionId: 's1', articleId: 'a1', heading: 'Potential ADHD Treatment', position: 1, claimIds, ...overrides },
  };
}

export function claimViewOf(claimId: string, state: ReviewState, textRevision = 1): ClaimView {
  const text = `Claim ${claimId}, text revision ${textRevision}.`;
  return { claimId, state, textRevision, text, textHash: textHash(text), publishedTextRevision: null };
}

const singleRoleActors: Record<Role, Actor> = {
  EDITOR: editor,
  FACT_CHECKER: checker,
  MEDICAL_REVIEWER: reviewer,
  PUBLISHER: publisher,
  AUDITOR: auditor,
  ADMIN: admin,
};

/** A single-role actor for each role not given: the ones a command must refuse. */
export function actorsWithout(...allowed: Role[]): [Role, Actor][] {
  return (Object.entries(singleRoleActors) as [Role, Actor][]).filter(([role]) => !allowed.includes(role));
}
