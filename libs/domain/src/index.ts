/** The review workflow as pure functions: what other libraries and the API may use. */
export * from './types';
export * from './events';
export * from './streams';
export { reactionsTo, type Reaction, type ReactionReads } from './workflow/reactions';
export type * from './claim/claim.decider';
export type * from './section/section.decider';
export type * from './article/article.decider';
export type * from './discussion/discussion.decider';
export * from './errors';
export * from './decider';
export { textHash } from './text-hash';
export {
  USER_COMMAND_NAMES,
  requiredRoles,
  commandAuthority,
  mayIssue,
  authorize,
  type UserCommandName,
  type ActorCommandType,
} from './authorization';
export { claimDecider, initialClaimState, allowedClaimActions, claimView } from './claim/claim.decider';
export { reviewDueAt, type ApprovalValidity } from './claim/approval-validity';
export { wordingFlags, strongestEvidence, type WordingFlag } from './claim/wording';
export { sectionDecider, initialSectionState, allowedSectionActions } from './section/section.decider';
export { articleDecider, initialArticleState } from './article/article.decider';
export { discussionDecider, initialDiscussionState } from './discussion/discussion.decider';
export {
  TEXT_FIELDS,
  cleanText,
  cleanOptionalText,
  cleanUrl,
  cleanOptionalUrl,
  cleanId,
  cleanOptionalId,
  inspectText,
  inspectUrl,
  normalizeText,
  findRefusedCharacter,
  findMarkup,
  type TextRule,
  type TextCheck,
  type RefusedCharacter,
} from './text-rules';
export { isReferenceNumber, requireCitationNumbers, requireReferenceNumber } from './input-rules';
export { slugify, uniqueSlug } from './slugs';
