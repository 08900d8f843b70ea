import type { AppConfig } from '../config/config.js';
import type { CacheKeyType } from './cache-key.js';

const MINUTE = 60_000;

/** Default TTLs (ms) of the DESIGN.md table; CACHE_TTL_<TYPE> overrides them (config.cache.ttlOverrides). */
export const CacheTtl = {
  leaderboard: 5 * MINUTE,
  portfolio: 2 * MINUTE,
  league: 10 * MINUTE,
  league_members: 5 * MINUTE,
  quote: 1 * MINUTE,
  options_chain: 5 * MINUTE,
  user_stats: 10 * MINUTE,
  league_stats: 10 * MINUTE,
  activity: 5 * MINUTE,
  search: 60 * MINUTE,
  // Minutes, not the session's lifetime: a role change or logout that a cache missed is bounded by this.
  session: 5 * MINUTE,
} as const satisfies Record<Exclude<CacheKeyType, 'http'>, number>;

/** How long a cached `null` ("no such thing") lives: short, so a thing created soon after is seen soon. */
export const NULL_TTL_MS = 30_000;

/**
 * Stale-while-revalidate grace per type: after its TTL an entry may still be served for this long while one
 * refresh runs. Only for data where a slightly old value beats a slow answer. An invalidation always removes
 * the entry (or bumps its group), so a write is never followed by a stale read.
 */
export const STALE_GRACE_MS: Partial<Record<CacheKeyType, number>> = {
  leaderboard: 1 * MINUTE,
  quote: 30_000,
};

/** The effective TTL table for a configuration. */
export function ttlTable(config: AppConfig): Record<keyof typeof CacheTtl, number> {
  const table = { ...CacheTtl } as Record<keyof typeof CacheTtl, number>;
  for (const [type, ms] of Object.entries(config.cache.ttlOverrides)) {
    if (type in table && ms > 0) table[type as keyof typeof CacheTtl] = ms;
  }
  return table;
}

/** `ttl` spread by about ±10% so keys warmed together do not all expire in the same second. */
export function jitter(ttlMs: number, random: () => number = Math.random): number {
  return Math.max(1, Math.round(ttlMs * (0.9 + 0.2 * random())));
}
