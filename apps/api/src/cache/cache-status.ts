import type { BreakerState, CacheStats } from '@league/contracts';

/**
 * What monitoring reads of the cache layer, provided by the cache module under CACHE_STATUS:
 * statistics (aggregated across instances) and a live health probe.
 */
export interface CacheStatusSource {
  getStats(): Promise<CacheStats>;
  /** Pings the L2 (Redis) with the operation timeout. */
  probe(): Promise<{
    backend: 'redis' | 'memory';
    /** False when Redis is configured but unreachable, or the breaker is open. */
    reachable: boolean;
    breaker_state: BreakerState;
    latency_ms: number | null;
    message: string;
  }>;
}

export const CACHE_STATUS = Symbol('CACHE_STATUS');
