import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets (seconds) of HTTP requests; the same bounds as the per-minute histograms, in seconds. */
export const HTTP_BUCKETS_SECONDS = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const DB_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The Prometheus registry of this app instance (not prom-client's global one, so several apps in one process,
 * as in tests, never collide). Default process metrics plus ours; gauges that need a query fill themselves
 * on scrape through the collectors registered by MetricsCollectors.
 */
@Injectable()
export class PrometheusMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'league_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: HTTP_BUCKETS_SECONDS,
    registers: [this.registry],
  });
  readonly dbDuration = new Histogram({
    name: 'league_db_query_duration_seconds',
    help: 'Database query latency as timed by the app',
    buckets: DB_BUCKETS_SECONDS,
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: 'league_cache_hits_total',
    help: 'Cache hits (all instances, from the cache statistics)',
    registers: [this.registry],
  });
  readonly cacheMisses = new Counter({
    name: 'league_cache_misses_total',
    help: 'Cache misses (all instances, from the cache statistics)',
    registers: [this.registry],
  });
  readonly alertsActive = new Gauge({
    name: 'league_alerts_active',
    help: 'Active (unresolved) system alerts by severity',
    labelNames: ['severity'] as const,
    registers: [this.registry],
  });
  readonly eventLoopLag = new Gauge({
    name: 'league_event_loop_lag_p99_seconds',
    help: 'p99 event-loop delay over the last sampling interval',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'league_' });
  }
}
