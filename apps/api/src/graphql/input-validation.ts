import { BadInput, LIMITS } from '@app/domain';

/**
 * Shape and limit checks at the GraphQL boundary (BAD_USER_INPUT with the field at fault). They
 * run before anything is read, after the role check, in the order API.md gives.
 */

// Control characters other than tab, line feed and carriage return have no place in review text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202E\uFFFE\uFFFF]/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function text(value: string, field: string, max: number, options: { multiline?: boolean } = {}): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new BadInput(`${field} must not be empty`, field);
  if (trimmed.length > max) throw new BadInput(`${field} is ${trimmed.length} characters; at most ${max} are allowed`, field);
  if (CONTROL.test(trimmed)) throw new BadInput(`${field} contains control characters`, field);
  if (!options.multiline && /[\r\n]/.test(trimmed)) throw new BadInput(`${field} must be a single line`, field);
  return trimmed;
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  return text(value, field, max);
}

export function id(value: string, field: string): string {
  if (value.length === 0 || value.length > LIMITS.id || !ID.test(value)) {
    throw new BadInput(`${field} is not a valid id`, field);
  }
  return value;
}

export function optionalId(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : id(value, field);
}

export function revision(value: number, field = 'expectedRevision'): number {
  if (!Number.isInteger(value) || value < 0) throw new BadInput(`${field} must be a stream revision (0 or more)`, field);
  return value;
}

export function citations(values: readonly number[], field = 'citations'): number[] {
  if (values.length > LIMITS.citationsPerClaim) {
    throw new BadInput(`at most ${LIMITS.citationsPerClaim} citations per claim`, field);
  }
  const seen = new Set<number>();
  for (const value of values) {
    if (!Number.isInteger(value) || value < 1 || value > 100_000) {
      throw new BadInput(`citation ${value} is not a reference number`, field);
    }
    if (seen.has(value)) throw new BadInput(`citation ${value} is listed twice`, field);
    seen.add(value);
  }
  return [...values];
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

export function url(value: string | null | undefined, field = 'url'): string | null {
  const checked = optionalText(value, field, LIMITS.url);
  if (checked === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(checked);
  } catch {
    throw new BadInput(`${field} is not a URL`, field);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new BadInput(`${field} must be http(s)`, field);
  return checked;
}

export function commandId(value: string | null | undefined): string | null {
  return optionalId(value, 'commandId');
}

export function tooLarge(field: string, max: number, actual: number): BadInput {
  return new BadInput(`${field} has ${actual} items or characters; at most ${max} are allowed`, field);
}
