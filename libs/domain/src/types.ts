export const ROLES = ['EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER', 'AUDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  roles: Role[];
}

export const REVIEW_STATES = ['DRAFTED', 'EVIDENCE_CHECKED', 'MEDICALLY_REVIEWED', 'PUBLISHED'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Strongest first. */
export const EVIDENCE_LEVELS = [
  'SYSTEMATIC_REVIEW',
  'HUMAN_RCT',
  'HUMAN_OBSERVATIONAL',
  'ANIMAL',
  'IN_VITRO',
  'EXPERT_OPINION',
  'ANECDOTAL',
] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

export interface Evidence {
  referenceNumber: number | null;
  level: EvidenceLevel;
  locator: string | null;
  note: string | null;
}

export interface Reference {
  number: number;
  /** null while the reference is unresolved (a number with no citation text yet). */
  citation: string | null;
  url: string | null;
}

export type ArticleFormat = 'TEXT' | 'MARKDOWN';

/** One claim as a section's published snapshot holds it. */
export interface SnapshotEntry {
  claimId: string;
  textRevision: number;
  textHash: string;
  text: string;
}

/**
 * Limits every boundary applies (GraphQL input, importer, domain guards). Text limits are UTF-16
 * code units after the text rule's cleaning (text-rules.ts). Every number here and every number
 * they bound stays within GraphQL's Int (2,147,483,647).
 */
export const LIMITS = {
  claimText: 2000,
  heading: 300,
  title: 300,
  /** Slugs are made from titles; short enough for a readable URL. */
  slug: 80,
  reason: 2000,
  comment: 2000,
  citation: 2000,
  url: 2000,
  locator: 500,
  note: 2000,
  evidenceEntries: 100,
  citationsPerClaim: 50,
  /** Citation markers and reference list entries are numbered 1…referenceNumber. */
  referenceNumber: 100_000,
  claimsPerSection: 500,
  /**
   * An import writes one stream per claim and per section in one command: these bound how long
   * one import can hold the write path (a real article has tens of sections and hundreds of claims).
   */
  claimsPerArticle: 5_000,
  sectionsPerArticle: 500,
  articleText: 1_000_000,
  id: 100,
} as const;

