/** No token, or a token that is not valid: the caller gets nothing. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly code = 'UNAUTHENTICATED';
}
