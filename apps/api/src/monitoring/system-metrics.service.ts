import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseStats, PerformanceMetrics, RealtimeStats, SystemOverview } from '@league/contracts';
import { CACHE_STATUS, type CacheStatusSource } from '../cache/cache-status.js';
import { CacheService } from '../cache/cache.service.js';
import { AlertManager } from './alert-manager.service.js';
import { MonitoringKey, MonitoringTtl, type MonitoringRead } from './monitoring-cache.js';
import { ProcessMetrics } from './process-metrics.js';
import { QueryTimer } from './query-timer.js';
import { minuteSeries, RequestMetrics, routeLatencies } from './request-metrics.js';
import { TradeRollups } from './trade-rollups.service.js';

const DAY = 86_400_000;
/** Tables with fewer estimated rows than this are counted exactly; bigger ones use the planner's estimate. */
const EXACT_COUNT_BELOW = 50_000;

/** Counts of users, leagues and trades; database statistics; request, query and process performance. */
@Injectable()
export class SystemMetrics {
  constructor(
    private readonly db: DataSource,
    private readonly rollups: TradeRollups,
    private readonly alerts: AlertManager,
    private readonly requests: RequestMetrics,
    private readonly queries: QueryTimer,
    private readonly process: ProcessMetrics,
    private readonly cache: CacheService,
    @Optional() @Inject(CACHE_STATUS) private readonly cacheStatus?: CacheStatusSource,
  ) {}

  /** Counts of users, leagues, the last 24 hours' trading and active alerts (cached for seconds). */
  getSystemOverview(): Promise<SystemOverview> {
    const read = this.overviewRead();
    return this.cache.getOrFetch(read.key, read.fetch, read.ttlMs);
  }

  overviewRead(): MonitoringRead<SystemOverview> {
    return { key: MonitoringKey.overview(), fetch: () => this.systemOverview(), ttlMs: MonitoringTtl.overview };
  }

  private async systemOverview(): Promise<SystemOverview> {
    const now = new Date();
    const weekAgo = new Date(now.getTime() - 7 * DAY);
    const [[users], leagues, trading, [alerts]] = await Promise.all([
      this.db.query(
        `SELECT (SELECT count(*) FROM users) AS total,
                (SELECT count(*) FROM users WHERE last_login_at >= $1) AS active,
                (SELECT count(*) FROM users WHERE created_at >= $1) AS new`,
        [weekAgo],
      ),
      this.db.query(`SELECT status, count(*) AS n FROM leagues GROUP BY status`),
      this.rollups.totals(new Date(now.getTime() - DAY), now),
      this.db.query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE severity = 'critical') AS critical
           FROM system_alerts WHERE resolved_at IS NULL`,
      ),
    ]);
    const total = Number(users.total);
    const active = Number(users.active);
    const byStatus = new Map((leagues as Array<{ status: string; n: string }>).map((r) => [r.status, Number(r.n)]));
    const activeLeagues = byStatus.get('active') ?? 0;
    const archived = byStatus.get('archived') ?? 0;
    return {
      users: {
        total,
        active_7days: active,
        active_percentage: total ? Math.round((active / total) * 1000) / 10 : 0,
        new_7days: Number(users.new),
      },
      leagues: { active: activeLeagues, archived, total: activeLeagues + archived },
      trading: {
        trades_24h: trading.trades,
        shares_traded_24h: trading.shares,
        volume_24h: Math.round(trading.volume * 100) / 100,
      },
      alerts: { total_active: Number(alerts.total), critical: Number(alerts.critical) },
      generated_at: now.toISOString(),
    };
  }

  /** Rows per table, size and connections (cached for seconds); the query timings are always current. */
  async getDatabaseStats(): Promise<DatabaseStats> {
    const read = this.databaseRead();
    const stats = await this.cache.getOrFetch(read.key, read.fetch, read.ttlMs);
    return { ...stats, queries: this.queries.timings() };
  }

  databaseRead(): MonitoringRead<Omit<DatabaseStats, 'queries'>> {
    return { key: MonitoringKey.database(), fetch: () => this.databaseStats(), ttlMs: MonitoringTtl.database };
  }

  private async databaseStats(): Promise<Omit<DatabaseStats, 'queries'>> {
    const estimates: Array<{ name: string; estimate: number }> = await this.db.query(
      // A table never analyzed has reltuples -1: the statistics' live-row count stands in, so a freshly loaded
      // big table is not counted row by row.
      `SELECT c.relname AS name,
              CASE WHEN c.reltuples >= 0 THEN c.reltuples ELSE coalesce(s.n_live_tup, 0) END::float8 AS estimate
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations'
        ORDER BY c.relname`,
    );
    const exact = estimates.filter((t) => t.estimate < EXACT_COUNT_BELOW);
    const counts = new Map(estimates.map((t) => [t.name, Math.max(0, Math.round(t.estimate))]));
    if (exact.length) {
      // Names come from pg_class, quoted as identifiers: no client input reaches this SQL.
      const rows: Array<{ name: string; n: string }> = await this.db.query(
        exact
          .map((t) => `SELECT ${quoteLiteral(t.name)} AS name, count(*) AS n FROM ${quoteIdent(t.name)}`)
          .join(' UNION ALL '),
      );
      for (const r of rows) counts.set(r.name, Number(r.n));
    }
    const [[size], [connections]] = await Promise.all([
      this.db.query(`SELECT pg_database_size(current_database())::bigint AS bytes`),
      this.db.query(
        `SELECT count(*) FILTER (WHERE state = 'active') AS active, count(*) FILTER (WHERE state LIKE 'idle%') AS idle,
                current_setting('max_connections')::int AS max
           FROM pg_stat_activity WHERE datname = current_database()`,
      ),
    ]);
    const tables = Object.fromEntries(counts);
    return {
      tables,
      total_records: [...counts.values()].reduce((a, b) => a + b, 0),
      size_bytes: Number(size.bytes),
      connections: { active: Number(connections.active), idle: Number(connections.idle), max: Number(connections.max) },
    };
  }

  /** Per-route latency percentiles over [from, to) (default: the last 15 minutes), queries, process, cache. */
  async getPerformanceMetrics(from?: Date, to?: Date): Promise<PerformanceMetrics> {
    const end = to ?? new Date();
    const start = from ?? new Date(end.getTime() - 15 * 60_000);
    const [{ scope, minutes }, sample] = await Promise.all([
      this.requests.histograms(start, end),
      this.process.current(),
    ]);
    const span = Math.max(1, Math.round((end.getTime() - start.getTime()) / 60_000));
    let cacheRate: number | null = null;
    let breaker: PerformanceMetrics['cache']['breaker_state'] = null;
    if (this.cacheStatus) {
      try {
        const stats = await this.cacheStatus.getStats();
        cacheRate = stats.hit_rate_percent;
        breaker = stats.breaker_state;
      } catch {
        /* reported as unavailable figures */
      }
    }
    const history = this.process.history().filter((s) => s.at >= start && s.at < end);
    return {
      from: start.toISOString(),
      to: end.toISOString(),
      scope,
      routes: routeLatencies(minutes, span),
      series: minuteSeries(minutes, start, end),
      database: this.queries.timings(),
      process: {
        event_loop_lag_ms: { mean: sample.lagMeanMs, p99: sample.lagP99Ms, max: sample.lagMaxMs },
        memory: { rss_mb: sample.rssMb, heap_used_mb: sample.heapUsedMb, heap_total_mb: sample.heapTotalMb },
        cpu_percent: sample.cpuPercent,
        uptime_s: Math.round(globalThis.process.uptime()),
      },
      cache: {
        available: !!this.cacheStatus,
        hit_rate_percent: cacheRate,
        breaker_state: breaker,
        series: history
          .filter((s) => s.cacheHitRate !== null)
          .map((s) => ({ at: s.at.toISOString(), hit_rate_percent: s.cacheHitRate as number })),
      },
    };
  }

  /** A handful of index-range counts and in-memory figures: cheap enough for a 2-5 s refresh. */
  async getRealtimeStats(): Promise<RealtimeStats> {
    const now = Date.now();
    const [[row], stats] = await Promise.all([
      this.db.query(
        `SELECT (SELECT count(*) FROM trades WHERE executed_at >= $1) AS minute,
                (SELECT count(*) FROM trades WHERE executed_at >= $2) AS hour,
                (SELECT count(*) FROM users WHERE last_login_at >= $3) AS logins,
                (SELECT count(*) FROM system_alerts WHERE resolved_at IS NULL) AS alerts`,
        [new Date(now - 60_000), new Date(now - 3_600_000), new Date(now - 15 * 60_000)],
      ),
      this.cacheStatus?.getStats().catch(() => null) ?? Promise.resolve(null),
    ]);
    const last = this.requests.lastMinute();
    return {
      timestamp: new Date(now).toISOString(),
      trades_last_minute: Number(row.minute),
      trades_last_hour: Number(row.hour),
      logins_last_15m: Number(row.logins),
      active_alerts: Number(row.alerts),
      requests_per_minute: last.requests,
      error_rate_percent: last.requests ? Math.round((last.errors / last.requests) * 10000) / 100 : 0,
      event_loop_lag_ms: this.process.liveLagMs(),
      memory_rss_mb: Math.round(globalThis.process.memoryUsage.rss() / 1048576),
      cache_hit_rate_percent: stats ? stats.hit_rate_percent : null,
    };
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
