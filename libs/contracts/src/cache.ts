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

/** `GET /admin/monitoring/cache/json`: statistics, backend, Redis and breaker state, key counts per type. */
export interface CacheStatusView {
  stats: CacheStats;
  backend: 'redis' | 'memory';
  prefix: string;
  redis: {
    enabled: boolean;
    connected: boolean;
    reachable: boolean;
    latency_ms: number | null;
    message: string;
  };
  breaker_state: BreakerState;
  /** This instance's in-process tier. */
  l1: { entries: number; bytes: number; max_entries: number; max_bytes: number };
  /** Keys per type in Redis (`source: 'redis'`), or in this instance's L1 without Redis. */
  keys: { by_type: Record<string, number>; total: number; truncated: boolean; source: 'redis' | 'l1' };
  /** Effective TTL of each key type, seconds. */
  ttl_seconds: Record<string, number>;
}

/** `POST /admin/monitoring/cache/clear`: a glob over keys of this namespace (`leaderboard:*`); none: everything. */
export interface CacheClearRequest {
  pattern?: string;
}

export interface CacheClearResponse {
  cleared: true;
  pattern: string | null;
  /** Keys removed from Redis (entries of the in-process cache without Redis). */
  removed: number;
}
