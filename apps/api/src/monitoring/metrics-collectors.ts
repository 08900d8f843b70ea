import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CACHE_STATUS, type CacheStatusSource } from '../cache/cache-status.js';
import { ALERT_SEVERITIES } from './alert-row.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

/** Fills the gauges and counters that come from elsewhere (alerts table, cache statistics) before a scrape. */
@Injectable()
export class MetricsCollectors {
  private lastCache = { hits: 0, misses: 0 };

  constructor(
    private readonly db: DataSource,
    private readonly prometheus: PrometheusMetrics,
    @Optional() @Inject(CACHE_STATUS) private readonly cacheStatus?: CacheStatusSource,
  ) {}

  async refresh(): Promise<void> {
    await Promise.all([this.alerts(), this.cache()]);
  }

  private async alerts(): Promise<void> {
    try {
      const rows: Array<{ severity: string; n: string }> = await this.db.query(
        `SELECT severity, count(*) AS n FROM system_alerts WHERE resolved_at IS NULL GROUP BY severity`,
      );
      const counts = new Map(rows.map((r) => [r.severity, Number(r.n)]));
      for (const severity of ALERT_SEVERITIES)
        this.prometheus.alertsActive.set({ severity }, counts.get(severity) ?? 0);
    } catch {
      /* database down: keep the last values */
    }
  }

  private async cache(): Promise<void> {
    if (!this.cacheStatus) return;
    try {
      const stats = await this.cacheStatus.getStats();
      // Counters only go up: add what grew since the last scrape (a restart of the stats resets the base).
      const hits = stats.hits - this.lastCache.hits;
      const misses = stats.misses - this.lastCache.misses;
      if (hits > 0) this.prometheus.cacheHits.inc(hits);
      if (misses > 0) this.prometheus.cacheMisses.inc(misses);
      this.lastCache = {
        hits: Math.max(stats.hits, this.lastCache.hits),
        misses: Math.max(stats.misses, this.lastCache.misses),
      };
    } catch {
      /* cache statistics unavailable */
    }
  }
}
