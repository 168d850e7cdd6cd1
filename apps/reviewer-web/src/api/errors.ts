import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** What the API says in errors[0].extensions. */
export interface ApiErrorDetail {
  code: string;
  field?: string;
  actualRevision?: number;
  state?: string;
  allowed?: string[];
  retryAfterSeconds?: number;
  message: string;
}

/** What the person was doing, so that the sentence can name it. */
export interface ErrorContext {
  /** "claim", "section", "article", "comment" */
  subject?: string;
  /** The four-eyes rule that applies here, in the reviewer's words (the form knows which). */
  separationOfDuties?: string;
}

/** The first error the API gave, or null for a network failure or anything else. */
export function apiError(error: unknown): ApiErrorDetail | null {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = (first?.extensions ?? {}) as Record<string, unknown>;
    return {
      code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
      field: typeof extensions.field === 'string' ? extensions.field : undefined,
      actualRevision: typeof extensions.actualRevision === 'number' ? extensions.actualRevision : undefined,
      state: typeof extensions.state === 'string' ? extensions.state : undefined,
      allowed: Array.isArray(extensions.allowed) ? extensions.allowed.filter((a): a is string => typeof a === 'string') : undefined,
      retryAfterSeconds: typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : undefined,
      message: first?.message ?? '',
    };
  }
  return null;
}

/** Someone else changed the entity since it was read: the view should read it again. */
export function isConflict(error: unknown): boolean {
  return apiError(error)?.code === 'CONFLICT';
}

export const STATE_WORDS: Record<string, string> = {
  DRAFTED: 'drafted',
  EVIDENCE_CHECKED: 'evidence checked',
  MEDICALLY_REVIEWED: 'medically reviewed',
  PUBLISHED: 'published',
};

const ACTION_WORDS: Record<string, string> = {
  proposeClaimRevision: 'propose a revision',
  recordEvidenceCheck: 'record an evidence check',
  recordMedicalReview: 'record a medical review',
  signOffSectionEvidence: 'sign off the evidence',
  signOffSectionMedical: 'sign off the medical review',
  publishSection: 'publish',
  unpublishSection: 'unpublish',
  reviseSection: 'revise the section',
  addClaim: 'add a claim',
  removeClaim: 'remove a claim',
};

const FIELD_WORDS: Record<string, string> = {
  reason: 'Give a reason (at most 2,000 characters).',
  text: 'The text is empty or too long.',
  title: 'Give the article a title.',
  citations: 'Every cited number must be a reference of this article.',
  evidence: 'The evidence must have one entry, with a level and a locator, for each reference the claim cites, and every cited reference must be resolved.',
  noCitationNeeded: 'Tick "No citation needed" only for a claim that cites nothing, and give a reason.',
  commandId: 'This request was already sent with other details. Reload the page and try again.',
};

/** Lists "a, b or c". */
function either(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Every error a reviewer can meet, as a sentence a reviewer understands: never a raw code.
 * Input errors the forms catch themselves; these are the ones only the server can know.
 */
export function describeError(error: unknown, context: ErrorContext = {}): string {
  const subject = context.subject ?? 'item';
  const detail = apiError(error);
  if (!detail) {
    if (ServerError.is(error) && error.statusCode === 413) return 'This is too large to send: make it shorter and try again.';
    if (ServerError.is(error) && error.statusCode >= 500) return 'The service had a problem answering. Try again in a moment.';
    return 'The review service cannot be reached. Check your connection and try again.';
  }
  switch (detail.code) {
    case 'UNAUTHENTICATED':
      return 'Your sign-in is no longer valid (it may have expired). Sign out and sign in again.';
    case 'FORBIDDEN':
      return 'Your role does not allow this. Ask someone with the right role to do it.';
    case 'BAD_USER_INPUT':
      return (detail.field && FIELD_WORDS[detail.field]) || 'Some of what you entered was not accepted. Check the form and try again.';
    case 'COMMAND_ID_REUSED':
      return FIELD_WORDS.commandId;
    case 'NOT_FOUND':
      return `This ${subject} does not exist (any more). Check the link, or go back to the review queue.`;
    case 'CONFLICT':
      return `Someone else changed this ${subject} while you were working on it. The page now shows their version: check it, then try again.`;
    case 'INVALID_TRANSITION': {
      const state = detail.state && STATE_WORDS[detail.state];
      const allowed = (detail.allowed ?? []).map((name) => ACTION_WORDS[name]).filter((words): words is string => Boolean(words));
      const now = state ? `This ${subject} is ${state}, so this step cannot be taken now.` : 'This step cannot be taken now.';
      return allowed.length > 0 ? `${now} What can be done now: ${either(allowed)}.` : now;
    }
    case 'SEPARATION_OF_DUTIES':
      return context.separationOfDuties ?? 'The four-eyes rule stops this: someone other than you must take this step.';
    case 'RATE_LIMITED': {
      const seconds = detail.retryAfterSeconds ?? 60;
      return `You have made many changes in a short time. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`;
    }
    case 'QUERY_TOO_COMPLEX':
      return 'This asks for too much at once. Narrow the filters and try again.';
    case 'SERVICE_UNAVAILABLE':
      return 'The review service is busy or starting up. Try again in a moment.';
    case 'READ_MODELS_BEHIND':
      return 'Your change is saved, but this page cannot show it yet. Reload the page in a moment.';
    default:
      return 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.';
  }
}
