import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, type Clock } from '../infrastructure/tokens';
import { RateLimited } from './rate-limited';

const WINDOW_MS = 60_000;

/** RATE_LIMIT_PER_MINUTE mutations per user in a sliding minute; 0 turns it off. */
@Injectable()
export class MutationRateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  take(userId: string): void {
    const limit = this.config.rateLimitPerMinute;
    if (limit === 0) return;
    const now = this.clock();
    const times = (this.recent.get(userId) ?? []).filter((t) => t > now - WINDOW_MS);
    if (times.length >= limit) {
      this.recent.set(userId, times);
      throw new RateLimited(Math.max(1, Math.ceil((times[0] + WINDOW_MS - now) / 1000)));
    }
    times.push(now);
    this.recent.set(userId, times);
    if (this.recent.size > 10_000) this.evictIdle(now);
  }

  private evictIdle(now: number): void {
    for (const [user, times] of this.recent) {
      if (times.every((t) => t <= now - WINDOW_MS)) this.recent.delete(user);
    }
  }
}
