/*
 * Errors are read by shape, not by class: errors raised by Node's core or by a native addon may
 * come from another realm than the code catching them (jest runs each test file in its own), where
 * `instanceof Error` is false.
 */

export function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function messageOf(error: unknown): string {
  const message: unknown = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
