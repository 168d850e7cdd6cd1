import { Forbidden } from './errors';
import type { Actor, Role } from './types';

/** The commands a user issues, named as the GraphQL mutations that carry them. */
export const USER_COMMAND_NAMES = [
  'importArticle',
  'proposeClaimRevision',
  'recordEvidenceCheck',
  'recordMedicalReview',
  'signOffSectionEvidence',
  'signOffSectionMedical',
  'publishSection',
  'unpublishSection',
  'reviseSection',
  'addClaim',
  'removeClaim',
  'addReference',
  'resolveReference',
  'postComment',
  'resolveComment',
] as const;
export type UserCommandName = (typeof USER_COMMAND_NAMES)[number];

/**
 * The roles of which an actor needs at least one to issue each command.
 *
 * AUDITOR appears nowhere: it reads everything and changes nothing.
 *
 * ADMIN administers the service; it is not a stand-in for the people who review content. Every
 * write in this workflow is either authorship or a signature whose meaning comes from the role
 * behind it (a fact-checker vouching for evidence, a medical reviewer approving a dose), so an
 * ADMIN acting as any of them would put unqualified signatures on health advice. A person who
 * really is both holds both roles. The one exception is `unpublishSection`: taking text down signs
 * nothing and can only make less text live, and when a wrong dose is live it must not wait for a
 * publisher to be on duty. ADMIN never bypasses four-eyes either: those guards compare user ids,
 * whatever roles the user holds.
 */
export const requiredRoles: Readonly<Record<UserCommandName, readonly Role[]>> = {
  importArticle: ['EDITOR'],
  proposeClaimRevision: ['EDITOR'],
  recordEvidenceCheck: ['FACT_CHECKER'],
  recordMedicalReview: ['MEDICAL_REVIEWER'],
  signOffSectionEvidence: ['FACT_CHECKER'],
  signOffSectionMedical: ['MEDICAL_REVIEWER'],
  publishSection: ['PUBLISHER'],
  unpublishSection: ['PUBLISHER', 'ADMIN'],
  reviseSection: ['EDITOR'],
  addClaim: ['EDITOR'],
  removeClaim: ['EDITOR'],
  addReference: ['EDITOR', 'FACT_CHECKER'],
  resolveReference: ['EDITOR', 'FACT_CHECKER'],
  postComment: ['EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER'],
  // Who may resolve a given thread (its author, or an EDITOR) is the discussion decider's rule.
  resolveComment: ['EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER'],
};

/**
 * The domain commands an actor issues (directly, or as part of a mutation such as the claim and
 * section streams an import starts), mapped to the mutation whose roles they need. Reactions
 * (PublishClaim, UnpublishClaim, ReopenClaim, ReopenSection) carry no actor and are absent.
 */
export const commandAuthority = {
  ImportArticle: 'importArticle',
  AddReference: 'addReference',
  ResolveReference: 'resolveReference',
  CreateSection: 'importArticle',
  ReviseSection: 'reviseSection',
  AddClaimToSection: 'addClaim',
  RemoveClaimFromSection: 'removeClaim',
  SignOffSectionEvidence: 'signOffSectionEvidence',
  SignOffSectionMedical: 'signOffSectionMedical',
  PublishSection: 'publishSection',
  UnpublishSection: 'unpublishSection',
  // A claim stream starts either at import or through addClaim; both need EDITOR.
  DraftClaim: 'addClaim',
  ProposeClaimRevision: 'proposeClaimRevision',
  RecordEvidenceCheck: 'recordEvidenceCheck',
  RecordMedicalReview: 'recordMedicalReview',
  PostComment: 'postComment',
  ResolveComment: 'resolveComment',
} as const satisfies Record<string, UserCommandName>;
export type ActorCommandType = keyof typeof commandAuthority;

export function mayIssue(actor: Actor, commandName: UserCommandName): boolean {
  return actor.id.length > 0 && requiredRoles[commandName].some((role) => actor.roles.includes(role));
}

/**
 * Throws `Forbidden` unless the actor holds one of the roles the command needs. An actor without
 * an id is refused too: the four-eyes guards compare ids, and two anonymous actors would compare
 * equal.
 */
export function authorize(actor: Actor, commandName: UserCommandName): void {
  if (!mayIssue(actor, commandName)) {
    throw new Forbidden(requiredRoles[commandName], `${commandName} requires one of the roles ${requiredRoles[commandName].join(', ')}`);
  }
}
