import type { EvidenceLevel, ReviewState, Role } from '../gql/graphql';

export const STATE_LABELS: Record<ReviewState, string> = {
  DRAFTED: 'Drafted',
  EVIDENCE_CHECKED: 'Evidence checked',
  MEDICALLY_REVIEWED: 'Medically reviewed',
  PUBLISHED: 'Published',
};

export const REVIEW_STATES = Object.keys(STATE_LABELS) as ReviewState[];

export const ROLE_LABELS: Record<Role, string> = {
  EDITOR: 'Editor',
  FACT_CHECKER: 'Fact checker',
  MEDICAL_REVIEWER: 'Medical reviewer',
  PUBLISHER: 'Publisher',
  AUDITOR: 'Auditor',
  ADMIN: 'Administrator',
};

/** Strongest first, as the schema orders them. */
export const EVIDENCE_LEVEL_LABELS: Record<EvidenceLevel, string> = {
  SYSTEMATIC_REVIEW: 'Systematic review',
  HUMAN_RCT: 'Randomised trial in humans',
  HUMAN_OBSERVATIONAL: 'Observational study in humans',
  ANIMAL: 'Animal study',
  IN_VITRO: 'In vitro (lab) study',
  EXPERT_OPINION: 'Expert opinion',
  ANECDOTAL: 'Anecdotal',
};

export function rolesInWords(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_LABELS[role]).join(', ');
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
