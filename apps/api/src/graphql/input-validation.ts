import {
  BadInput,
  cleanId,
  cleanOptionalId,
  cleanOptionalText,
  cleanOptionalUrl,
  cleanText,
  requireCitationNumbers,
  requireReferenceNumber,
} from '@app/domain';

/**
 * The GraphQL boundary's checks (BAD_USER_INPUT with the field at fault), run before anything is
 * read, after the role check, in the order docs/api.md gives ("Order of checks"). The rules
 * themselves are the domain's (text-rules, input-rules): one owner for each, shared with the
 * importer, the CLIs and the deciders. What is left here is shape only: numbers GraphQL has
 * already typed as Int.
 */

/** Text a user typed: normalised (NFC, line breaks as LF, trimmed), refused when unsafe or too long. */
export function text(value: string, field: string, max: number, options: { multiline?: boolean } = {}): string {
  return cleanText(value, { field, max, multiline: options.multiline });
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  return cleanOptionalText(value, { field, max });
}

export function id(value: string, field: string): string {
  return cleanId(value, field);
}

export function optionalId(value: string | null | undefined, field: string): string | null {
  return cleanOptionalId(value, field);
}

export function revision(value: number, field = 'expectedRevision'): number {
  if (!Number.isInteger(value) || value < 0) throw new BadInput(`${field} must be a stream revision (0 or more)`, field);
  return value;
}

export function citations(values: readonly number[], field = 'citations'): number[] {
  requireCitationNumbers(values, field);
  return [...values];
}

export function referenceNumber(value: number, field: string): number {
  requireReferenceNumber(value, field);
  return value;
}

/** The most items one page of a connection may hold. */
export const MAX_PAGE_SIZE = 1000;

export function pageSize(value: number | null | undefined, fallback: number): number {
  const first = value ?? fallback;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadInput(`first must be from 0 to ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

/** An http(s) URL with nothing in it that could break out of an attribute; null when none is given. */
export function url(value: string | null | undefined, field = 'url'): string | null {
  return cleanOptionalUrl(value, field);
}

export function commandId(value: string | null | undefined): string | null {
  return optionalId(value, 'commandId');
}

export function tooLarge(field: string, max: number, actual: number): BadInput {
  return new BadInput(`${field} has ${actual} items or characters; at most ${max} are allowed`, field);
}

