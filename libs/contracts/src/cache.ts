export type BreakerState = 'closed' | 'open' | 'half_open';

/** Counters of one key type (leaderboard, quote, ...). */
export interface CacheTypeStats {
  hits: number;
  misses: number;
  sets: number;
  deletes: number;
  hit_rate_percent: number;
}

/** `CacheService.getStats()`: the spec's six fields first, aggregated across instances. */
export interface CacheStats {
  hits: number;
  misses: number;
  sets: number;
  deletes: number;
  total_requests: number;
  hit_rate_percent: number;
  l1_hits: number;
  l2_hits: number;
  stale_serves: number;
  coalesced_waits: number;
  errors: number;
  breaker_state: BreakerState;
  backend: 'redis' | 'memory';
  by_type: Record<string, CacheTypeStats>;
}
