import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { RedisConnection } from '../redis/redis-connection.js';

/**
 * Counts events per key in fixed windows, across instances through Redis (INCR + EXPIRE) and in this process
 * alone when Redis is absent or failing. Used by the alert triggers (trades per minute, failed logins).
 */
@Injectable()
export class WindowCounter {
  private readonly local = new Map<string, { window: number; count: number }>();
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.cache.prefix}:monitoring:count:`;
  }

  /** Adds one to `key` in the current window of `windowMs` and returns the window's count. */
  async increment(key: string, windowMs: number, now = Date.now()): Promise<number> {
    const window = Math.floor(now / windowMs);
    const client = this.redis.client;
    if (client && this.redis.isReady) {
      try {
        const redisKey = `${this.prefix}${key}:${window}`;
        const [count] = (await client
          .multi()
          .incr(redisKey)
          .pExpire(redisKey, windowMs * 2)
          .exec()) as unknown as [number, number];
        return Number(count);
      } catch {
        /* count locally */
      }
    }
    const entry = this.local.get(key);
    if (entry && entry.window === window) return ++entry.count;
    if (this.local.size > 100_000) this.local.clear();
    this.local.set(key, { window, count: 1 });
    return 1;
  }
}
