import { Injectable } from '@nestjs/common';
import { RateLimited } from './rate-limited';

/** Long operations one user may run at once, and the whole service. */
export const EXPENSIVE_PER_USER = 2;
export const EXPENSIVE_IN_ALL = 6;

/**
 * Bounds how many long operations (a whole-store integrity check, an export, an import) run at
 * once, per user and in all, so one user cannot occupy the service with them; over the bound the
 * caller gets RATE_LIMITED at once instead of waiting behind them. The operations themselves yield
 * to other requests between pages, so what runs never holds the service up.
 */
@Injectable()
export class ExpensiveWork {
  private readonly byUser = new Map<string, number>();
  private inAll = 0;

  /** Takes a place for `userId`, or throws RateLimited; the returned function gives it back (once). */
  acquire(userId: string): () => void {
    const held = this.byUser.get(userId) ?? 0;
    if (held >= EXPENSIVE_PER_USER) {
      throw new RateLimited(1, `at most ${EXPENSIVE_PER_USER} long operations (integrity checks, exports, imports) run at once per user: wait for one to finish`);
    }
    if (this.inAll >= EXPENSIVE_IN_ALL) {
      throw new RateLimited(1, 'the service is running as many long operations (integrity checks, exports, imports) as it takes at once: try again in a moment');
    }
    this.byUser.set(userId, held + 1);
    this.inAll += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inAll -= 1;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }

  async run<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const release = this.acquire(userId);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
