import { BadInput } from './errors';
import { LIMITS } from './types';

/**
 * Shape and limit checks shared by the deciders. The GraphQL boundary validates its inputs too;
 * the deciders check again because commands also come from the importer, the CLI and sagas, and
 * a stream must never hold an event that breaks these limits.
 */

export function requireText(value: string, field: string, limit: number): void {
  if (typeof value !== 'string' || value.trim().length === 0) throw new BadInput(`${field} must not be empty`, field);
  if (value.length > limit) throw new BadInput(`${field} must be at most ${limit} characters`, field);
}

/** For text that may legitimately be empty (a lead section's heading). */
export function requireBoundedText(value: string, field: string, limit: number): void {
  if (typeof value !== 'string') throw new BadInput(`${field} must be text`, field);
  if (value.length > limit) throw new BadInput(`${field} must be at most ${limit} characters`, field);
}

export function requireOptionalText(value: string | null, field: string, limit: number): void {
  if (value === null) return;
  requireBoundedText(value, field, limit);
}

/** Every change a user makes carries a reason: it is what the audit trail shows beside the change. */
export function requireReason(reason: string): void {
  requireText(reason, 'reason', LIMITS.reason);
}

export function requireId(value: string, field: string): void {
  requireText(value, field, LIMITS.id);
}

export function requireIdList(ids: readonly string[], field: string, limit: number): void {
  if (!Array.isArray(ids)) throw new BadInput(`${field} must be a list`, field);
  if (ids.length > limit) throw new BadInput(`${field} must hold at most ${limit} ids`, field);
  const seen = new Set<string>();
  for (const id of ids) {
    requireId(id, field);
    if (seen.has(id)) throw new BadInput(`${field} names ${id} twice`, field);
    seen.add(id);
  }
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export function requirePositiveInteger(value: number, field: string): void {
  if (!isPositiveInteger(value)) throw new BadInput(`${field} must be a positive integer`, field);
}

export function requireNonNegativeInteger(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new BadInput(`${field} must be a non-negative integer`, field);
  }
}

/** Citation numbers as a claim carries them: positive, in order, without repeats. */
export function requireCitationNumbers(citations: readonly number[], field = 'citations'): void {
  if (!Array.isArray(citations)) throw new BadInput(`${field} must be a list of reference numbers`, field);
  if (citations.length > LIMITS.citationsPerClaim) {
    throw new BadInput(`a claim cites at most ${LIMITS.citationsPerClaim} references`, field);
  }
  const seen = new Set<number>();
  for (const number of citations) {
    if (!isPositiveInteger(number)) throw new BadInput(`${field} holds ${String(number)}, not a positive integer`, field);
    if (seen.has(number)) throw new BadInput(`${field} cites [${number}] twice`, field);
    seen.add(number);
  }
}

export function requireOneOf<T extends string>(value: T, allowed: readonly T[], field: string): void {
  if (!allowed.includes(value)) throw new BadInput(`${field} must be one of ${allowed.join(', ')}`, field);
}
