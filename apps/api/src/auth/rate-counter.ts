import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { RedisConnection } from '../redis/redis-connection.js';

export interface CounterHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Until the window ends. */
  resetInMs: number;
}

/** INCR, and start the window on the first hit: one atomic step, so parallel hits each see their own count. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** A Redis call slower than this falls back to PostgreSQL: a limit must not hang a login. */
const REDIS_TIMEOUT_MS = 250;

/**
 * Fixed-window counters shared by every instance: the login throttle and the per-client rate limits. Counted in
 * Redis when it answers (internal keys, outside the cache namespace so a cache clear never resets them), else in
 * PostgreSQL with one upsert. Either way a hit is counted atomically before the work it guards, so a burst of
 * parallel requests cannot all pass the check.
 */
@Injectable()
export class RateCounter {
  constructor(
    private readonly db: DataSource,
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(key: string, windowMs: number): Promise<CounterHit> {
    const fromRedis = await this.hitRedis(key, windowMs);
    if (fromRedis) return fromRedis;
    const rows: { count: number; reset_in_ms: number }[] = await this.db.query(
      `INSERT INTO rate_counters AS c (key, count, resets_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN c.resets_at <= now() THEN 1 ELSE c.count + 1 END,
         resets_at = CASE WHEN c.resets_at <= now() THEN EXCLUDED.resets_at ELSE c.resets_at END
       RETURNING count, (extract(epoch FROM resets_at - now()) * 1000)::int AS reset_in_ms`,
      [key, windowMs],
    );
    return { count: rows[0].count, resetInMs: Math.max(0, rows[0].reset_in_ms) };
  }

  /** Takes one hit back (a successful login does not count against the user). */
  async refund(key: string): Promise<void> {
    const client = this.redis.isReady ? this.redis.client : null;
    if (client) {
      const done = await withTimeout(client.decr(this.redisKey(key)).then(() => true));
      if (done) return;
    }
    await this.db.query(`UPDATE rate_counters SET count = greatest(count - 1, 0) WHERE key = $1`, [key]);
  }

  private async hitRedis(key: string, windowMs: number): Promise<CounterHit | null> {
    const client = this.redis.isReady ? this.redis.client : null;
    if (!client) return null;
    const reply = await withTimeout(
      client.eval(HIT_SCRIPT, { keys: [this.redisKey(key)], arguments: [String(Math.max(1, Math.round(windowMs)))] }),
    );
    if (!Array.isArray(reply)) return null;
    return { count: Number(reply[0]), resetInMs: Number(reply[1]) };
  }

  private redisKey(key: string): string {
    return `${this.config.cache.prefix}#limit:{${key}}`;
  }
}

/** The promise's value, or null when it fails or takes longer than REDIS_TIMEOUT_MS. */
async function withTimeout<T>(promise: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), REDIS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
