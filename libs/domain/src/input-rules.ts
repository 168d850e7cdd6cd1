import { BadInput } from './errors';
import { cleanId, cleanText, cleanUrl, TEXT_FIELDS, type TextRule } from './text-rules';
import { LIMITS } from './types';

/**
 * Shape and limit checks shared by the deciders. The GraphQL boundary validates its inputs too;
 * the deciders check again because commands also come from the importer, the CLI and sagas, and
 * a stream must never hold an event that breaks these limits.
 *
 * The text checks delegate to the text rule (text-rules.ts), which owns them. A decider stores
 * what the command carries, so here the text must already be in the form `cleanText` returns:
 * text that the rule would still change (NFD, untrimmed, CRLF) is refused, not stored.
 */

/** `clean` refuses what the rule refuses, in its words; what it would still change is refused here. */
function requireStored(value: unknown, field: string, clean: (value: unknown) => string): void {
  if (clean(value) !== value) {
    throw new BadInput(
      `${field} is not in its stored form (Unicode NFC, trimmed, LF line breaks); clean it with the text rule before sending the command`,
      field,
    );
  }
}

function requireStoredText(value: unknown, rule: TextRule): void {
  requireStored(value, rule.field, (given) => cleanText(given, rule));
}

/** Single-line text that must not be empty (a title, a claim, a citation). */
export function requireText(value: string, field: string, limit: number): void {
  requireStoredText(value, { field, max: limit });
}

/** For text that may legitimately be empty (a lead section's heading). */
export function requireBoundedText(value: string, field: string, limit: number): void {
  requireStoredText(value, { field, max: limit, allowEmpty: true });
}

export function requireOptionalText(value: string | null, field: string, limit: number): void {
  if (value === null) return;
  requireBoundedText(value, field, limit);
}

/** Every change a user makes carries a reason: it is what the audit trail shows beside the change. May span lines. */
export function requireReason(reason: string): void {
  requireStoredText(reason, TEXT_FIELDS.reason);
}

/** A comment on a claim: not empty, may span lines. */
export function requireComment(text: string): void {
  requireStoredText(text, TEXT_FIELDS.comment);
}

/** A reference URL as `cleanUrl` returns it: http(s) only, nothing that breaks out of a link. */
export function requireUrl(value: string, field = 'url'): void {
  requireStored(value, field, (given) => cleanUrl(given, field));
}

export function requireId(value: string, field: string): void {
  cleanId(value, field);
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

/**
 * A citation or reference list number: 1…LIMITS.referenceNumber. The importer, the deciders and
 * the GraphQL boundary all bound numbers with this, so none beyond it (let alone beyond GraphQL's
 * Int) is ever stored.
 */
export function isReferenceNumber(value: unknown): value is number {
  return isPositiveInteger(value) && value <= LIMITS.referenceNumber;
}

export function requireReferenceNumber(value: number, field: string): void {
  if (!isReferenceNumber(value)) {
    throw new BadInput(`${field} holds ${String(value)}, not a reference number (1 to ${LIMITS.referenceNumber})`, field);
  }
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
    requireReferenceNumber(number, field);
    if (seen.has(number)) throw new BadInput(`${field} cites [${number}] twice`, field);
    seen.add(number);
  }
}

export function requireOneOf<T extends string>(value: T, allowed: readonly T[], field: string): void {
  if (!allowed.includes(value)) throw new BadInput(`${field} must be one of ${allowed.join(', ')}`, field);
}
