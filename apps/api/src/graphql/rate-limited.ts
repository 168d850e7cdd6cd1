/** Too many mutations from one user in the current minute. */
export class RateLimited extends Error {
  override readonly name = 'RateLimited';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many mutations: try again in ${retryAfterSeconds} s`);
  }
}
