import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { RouteLatency } from '@league/contracts';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { AlertManager } from './alert-manager.service.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

/** Upper bounds (ms) of the fixed latency buckets; the last bucket is everything above. */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const FLUSH_MS = 5_000;
/** Minutes of local history (the instance-only view when Redis is absent). */
const LOCAL_MINUTES = 180;
const REDIS_TTL_S = 3 * 3600;
/** A route whose p95 over one minute (at least MIN_SAMPLES requests) exceeds this raises a `performance` alert. */
export const ROUTE_P95_BUDGET_MS = 1_000;
const MIN_SAMPLES = 20;

/** One route's histogram over one minute. */
export interface MinuteHistogram {
  buckets: number[];
  count: number;
  errors: number;
  sumMs: number;
}

type MinuteTable = Map<string, MinuteHistogram>;

/**
 * Per-route latency in fixed-bucket histograms per minute. Recording is a few array increments in Fastify's
 * onResponse hook (after the reply is sent); every 5 s the deltas go to Redis in one pipeline (HINCRBY per
 * bucket, one hash per minute), so all instances read the cluster's figures. Without Redis it keeps its own.
 */
@Injectable()
export class RequestMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RequestMetrics');
  private readonly local = new Map<number, MinuteTable>();
  private pending = new Map<number, MinuteTable>();
  private timer: NodeJS.Timeout | undefined;
  private lastChecked = 0;
  private readonly slowRoutes = new Set<string>();
  /** Prometheus children per `method route status_class` (routes are patterns, so the set stays small). */
  private readonly httpSeries = new Map<string, ReturnType<PrometheusMetrics['httpDuration']['labels']>>();
  private readonly keyPrefix: string;
  /** Recording on or off; only the benchmark turns it off, to measure what recording costs. */
  enabled = true;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly redis: RedisConnection,
    private readonly prometheus: PrometheusMetrics,
    private readonly alerts: AlertManager,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // One hash tag for every minute's hash: flush and read send several minutes in one MULTI, which a Redis
    // Cluster accepts only within one slot (a few small hashes, so nothing to gain from spreading them).
    this.keyPrefix = `${config.cache.prefix}:monitoring:{requests}:`;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onResponse', (request, reply, done) => {
      if (this.enabled)
        this.record(request.method, request.routeOptions?.url ?? '(unmatched)', reply.statusCode, reply.elapsedTime);
      done();
    });
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(method: string, route: string, status: number, ms: number): void {
    const key = `${method} ${route}`;
    const minute = Math.floor(Date.now() / 60_000);
    const error = status >= 500;
    add(table(this.local, minute), key, ms, error);
    add(table(this.pending, minute), key, ms, error);
    const statusClass = `${Math.floor(status / 100)}xx`;
    const series = `${key} ${statusClass}`;
    // prom-client hashes the label set on every observe(); its bound child for the series skips that.
    let child = this.httpSeries.get(series);
    if (!child) {
      child = this.prometheus.httpDuration.labels(method, route, statusClass);
      this.httpSeries.set(series, child);
    }
    child.observe(ms / 1000);
  }

  /** Pushes the deltas to Redis; when that fails they are dropped (the local tables still have them). */
  async flush(): Promise<void> {
    this.prune();
    void this.checkBudgets();
    if (!this.pending.size) return;
    const pending = this.pending;
    this.pending = new Map();
    const client = this.redis.client;
    if (!client || !this.redis.isReady) return;
    try {
      const multi = client.multi();
      for (const [minute, routes] of pending) {
        const key = this.keyPrefix + minute;
        for (const [route, h] of routes) {
          h.buckets.forEach((n, i) => n && multi.hIncrBy(key, `${route}|${i}`, n));
          multi.hIncrBy(key, `${route}|n`, h.count);
          if (h.errors) multi.hIncrBy(key, `${route}|e`, h.errors);
          multi.hIncrBy(key, `${route}|us`, Math.round(h.sumMs * 1000));
        }
        multi.expire(key, REDIS_TTL_S);
      }
      await multi.exec();
    } catch (error) {
      this.logger.warn(`Could not push request metrics to Redis: ${(error as Error).message}`);
    }
  }

  /** Per-route histograms merged over [from, to), from Redis (cluster) or from this instance. */
  async histograms(
    from: Date,
    to: Date,
  ): Promise<{ scope: 'cluster' | 'instance'; minutes: Map<number, MinuteTable> }> {
    const first = Math.floor(from.getTime() / 60_000);
    const last = Math.ceil(to.getTime() / 60_000) - 1;
    const minutes: number[] = [];
    for (let m = Math.max(first, last - LOCAL_MINUTES + 1); m <= last; m++) minutes.push(m);
    const client = this.redis.client;
    if (client && this.redis.isReady) {
      try {
        const multi = client.multi();
        for (const m of minutes) multi.hGetAll(this.keyPrefix + m);
        const replies = (await multi.exec()) as unknown as Array<Record<string, string>>;
        const result = new Map<number, MinuteTable>();
        minutes.forEach((m, i) => {
          const parsed = parseHash(replies[i] ?? {});
          // Deltas not yet pushed belong to the cluster's figures too.
          const unflushed = this.pending.get(m);
          if (unflushed) for (const [route, h] of unflushed) merge(table(parsed, route), h);
          if (parsed.size) result.set(m, parsed);
        });
        return { scope: 'cluster', minutes: result };
      } catch {
        /* fall back to this instance's figures */
      }
    }
    const result = new Map<number, MinuteTable>();
    for (const m of minutes) {
      const t = this.local.get(m);
      if (t) result.set(m, t);
    }
    return { scope: 'instance', minutes: result };
  }

  /** This instance's requests and errors over the last full minute (for the realtime card). */
  lastMinute(): { requests: number; errors: number } {
    const t = this.local.get(Math.floor(Date.now() / 60_000) - 1);
    let requests = 0;
    let errors = 0;
    for (const h of t?.values() ?? []) {
      requests += h.count;
      errors += h.errors;
    }
    return { requests, errors };
  }

  private prune(): void {
    const oldest = Math.floor(Date.now() / 60_000) - LOCAL_MINUTES;
    for (const m of this.local.keys()) if (m < oldest) this.local.delete(m);
  }

  /** Once per minute: routes over their p95 budget in the last complete minute raise `performance` alerts. */
  private async checkBudgets(): Promise<void> {
    const minute = Math.floor(Date.now() / 60_000) - 1;
    if (minute === this.lastChecked) return;
    this.lastChecked = minute;
    const t = this.local.get(minute) ?? new Map<string, MinuteHistogram>();
    const over = new Set<string>();
    for (const [route, h] of t) {
      if (h.count < MIN_SAMPLES) continue;
      const p95 = percentile(h.buckets, h.count, 0.95);
      if (p95 <= ROUTE_P95_BUDGET_MS) continue;
      over.add(route);
      this.alerts.raise({
        alert_type: 'performance',
        severity: 'warning',
        title: `Slow route: ${route}`,
        message: `p95 ${Math.round(p95)} ms over ${h.count} requests (budget ${ROUTE_P95_BUDGET_MS} ms)`,
        data: { route, p95_ms: Math.round(p95), requests: h.count },
        fingerprint: `performance:${route}`,
        source: 'requests',
      });
    }
    for (const route of this.slowRoutes) {
      if (!over.has(route))
        await this.alerts.autoResolve(`performance:${route}`, 'p95 back under budget').catch(() => undefined);
    }
    this.slowRoutes.clear();
    for (const route of over) this.slowRoutes.add(route);
  }
}

function table<K, V extends MinuteTable | MinuteHistogram>(map: Map<K, V>, key: K): V {
  let value = map.get(key);
  if (!value) {
    value = (typeof key === 'number' ? new Map() : emptyHistogram()) as V;
    map.set(key, value);
  }
  return value;
}

function emptyHistogram(): MinuteHistogram {
  return { buckets: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0), count: 0, errors: 0, sumMs: 0 };
}

function add(routes: MinuteTable, route: string, ms: number, error: boolean): void {
  let h = routes.get(route);
  if (!h) routes.set(route, (h = emptyHistogram()));
  let i = 0;
  while (i < LATENCY_BUCKETS_MS.length && ms > LATENCY_BUCKETS_MS[i]) i++;
  h.buckets[i]++;
  h.count++;
  h.sumMs += ms;
  if (error) h.errors++;
}

export function merge(into: MinuteHistogram, from: MinuteHistogram): void {
  for (let i = 0; i < into.buckets.length; i++) into.buckets[i] += from.buckets[i];
  into.count += from.count;
  into.errors += from.errors;
  into.sumMs += from.sumMs;
}

function parseHash(hash: Record<string, string>): MinuteTable {
  const routes: MinuteTable = new Map();
  for (const [field, value] of Object.entries(hash)) {
    const bar = field.lastIndexOf('|');
    const route = field.slice(0, bar);
    const part = field.slice(bar + 1);
    let h = routes.get(route);
    if (!h) routes.set(route, (h = emptyHistogram()));
    const n = Number(value);
    if (part === 'n') h.count = n;
    else if (part === 'e') h.errors = n;
    else if (part === 'us') h.sumMs = n / 1000;
    else h.buckets[Number(part)] = n;
  }
  return routes;
}

/** The q-quantile of a bucketed histogram, interpolated linearly inside its bucket. */
export function percentile(buckets: number[], count: number, q: number): number {
  if (!count) return 0;
  const rank = q * count;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    if (seen + buckets[i] >= rank && buckets[i] > 0) {
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      const upper = i < LATENCY_BUCKETS_MS.length ? LATENCY_BUCKETS_MS[i] : lower * 2;
      return lower + ((upper - lower) * (rank - seen)) / buckets[i];
    }
    seen += buckets[i];
  }
  return LATENCY_BUCKETS_MS.at(-1)!;
}

/** Route rows of the performance endpoint from merged minute tables. */
export function routeLatencies(minutes: Map<number, MinuteTable>, spanMinutes: number): RouteLatency[] {
  const totals = new Map<string, MinuteHistogram>();
  for (const routes of minutes.values()) for (const [route, h] of routes) merge(table(totals, route), h);
  return [...totals.entries()]
    .map(([key, h]) => {
      const space = key.indexOf(' ');
      return {
        method: key.slice(0, space),
        route: key.slice(space + 1),
        requests: h.count,
        requests_per_minute: Math.round((h.count / Math.max(1, spanMinutes)) * 100) / 100,
        errors: h.errors,
        error_rate_percent: h.count ? Math.round((h.errors / h.count) * 10000) / 100 : 0,
        p50_ms: round(percentile(h.buckets, h.count, 0.5)),
        p95_ms: round(percentile(h.buckets, h.count, 0.95)),
        p99_ms: round(percentile(h.buckets, h.count, 0.99)),
        mean_ms: h.count ? round(h.sumMs / h.count) : 0,
      };
    })
    .sort((a, b) => b.requests - a.requests);
}

export function minuteSeries(
  minutes: Map<number, MinuteTable>,
  from: Date,
  to: Date,
): Array<{ minute: string; requests: number; errors: number; p95_ms: number }> {
  const series = [];
  const first = Math.floor(from.getTime() / 60_000);
  const last = Math.ceil(to.getTime() / 60_000) - 1;
  for (let m = Math.max(first, last - LOCAL_MINUTES + 1); m <= last; m++) {
    const all = emptyHistogram();
    for (const h of minutes.get(m)?.values() ?? []) merge(all, h);
    series.push({
      minute: new Date(m * 60_000).toISOString(),
      requests: all.count,
      errors: all.errors,
      p95_ms: round(percentile(all.buckets, all.count, 0.95)),
    });
  }
  return series;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
