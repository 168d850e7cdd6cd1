import type { ReviewState, Role } from './types';

export type DomainErrorCode =
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'INVALID_TRANSITION'
  | 'SEPARATION_OF_DUTIES';

/** A refused command. The code is the GraphQL `extensions.code` clients act on. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(readonly requiredRoles: readonly Role[], message?: string) {
    super(message ?? `requires one of the roles ${requiredRoles.join(', ')}`);
  }
}

export class BadInput extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
}

/**
 * The action is not allowed in the stream's current state. `allowed` names the mutations that
 * are (e.g. `recordMedicalReview`); `state` is 'NONE' for a stream without a review state (an
 * article, refused a second import).
 */
export class InvalidTransition extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor(message: string, readonly state: ReviewState | 'NONE', readonly allowed: readonly string[]) {
    super(message);
  }
}

export class SeparationOfDuties extends DomainError {
  readonly code = 'SEPARATION_OF_DUTIES';
}
