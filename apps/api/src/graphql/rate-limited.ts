/** Too many mutations from one user in the current minute, or too many long operations at once. */
export class RateLimited extends Error {
  override readonly name = 'RateLimited';
  constructor(
    readonly retryAfterSeconds: number,
    message = `too many mutations: try again in ${retryAfterSeconds} s`,
  ) {
    super(message);
  }
}
