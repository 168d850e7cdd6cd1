import type { Actor } from '@app/domain';

/** What every resolver gets: the caller (verified on first use) and the request id for logs and correlation. */
export interface RequestContext {
  requestId: string;
  /** The verified caller; throws AuthenticationError when there is none. */
  actor(): Promise<Actor>;
  /** Set by a mutation that wrote: the store position of its last event (X-Store-Position). */
  storePosition?: number;
}
