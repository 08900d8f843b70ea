import type { BreakerState, CacheStats, CacheTypeStats } from '@league/contracts';
import type { RedisTier } from './redis-tier.js';
import { FAILED } from './redis-tier.js';

export type Counter =
  'hits' | 'misses' | 'sets' | 'deletes' | 'l1_hits' | 'l2_hits' | 'stale_serves' | 'coalesced_waits' | 'errors';
const TYPE_COUNTERS = ['hits', 'misses', 'sets', 'deletes'] as const;
const COUNTERS: Counter[] = [
  'hits',
  'misses',
  'sets',
  'deletes',
  'l1_hits',
  'l2_hits',
  'stale_serves',
  'coalesced_waits',
  'errors',
];

function rate(hits: number, misses: number): number {
  const total = hits + misses;
  return total === 0 ? 0 : Math.round((hits / total) * 10_000) / 100;
}

/**
 * Cache counters. Counting is a Map increment on the request path; every `flushMs` the deltas go to one Redis
 * hash in a single pipelined HINCRBY batch, so getStats() sees every instance. Without Redis (or while it is
 * down) the counters of this instance are kept and flushed later.
 */
export class CacheStatsRecorder {
  /** Deltas not yet flushed to Redis, by field (`hits`, `leaderboard.misses`, ...). */
  private pending = new Map<string, number>();
  /** Totals of this instance since start or reset (used when there is no Redis). */
  private local = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly tier: RedisTier | null,
    private readonly flushMs = 1_000,
  ) {}

  start(): void {
    if (!this.tier || this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  count(counter: Counter, type?: string): void {
    this.add(counter);
    if (type && (TYPE_COUNTERS as readonly string[]).includes(counter)) this.add(`${type}.${counter}`);
  }

  private add(field: string): void {
    this.pending.set(field, (this.pending.get(field) ?? 0) + 1);
    this.local.set(field, (this.local.get(field) ?? 0) + 1);
  }

  /** Sends the pending deltas; kept for the next flush if Redis does not take them. */
  flush(): Promise<void> {
    if (!this.tier || !this.pending.size) return Promise.resolve();
    if (this.flushing) return this.flushing;
    const batch = this.pending;
    this.pending = new Map();
    const tier = this.tier;
    this.flushing = (async () => {
      const result = await tier.run('stats_flush', undefined, async () => {
        const multi = tier.client.multi();
        for (const [field, n] of batch) multi.hIncrBy(tier.internal('stats'), field, n);
        await multi.execAsPipeline();
      });
      if (result === FAILED)
        for (const [field, n] of batch) this.pending.set(field, (this.pending.get(field) ?? 0) + n);
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Totals: across instances from Redis (plus this instance's unflushed deltas), else this instance's own. */
  async read(extra: { breaker_state: BreakerState; backend: 'redis' | 'memory' }): Promise<CacheStats> {
    let fields: Map<string, number> = this.local;
    if (this.tier) {
      await this.flush();
      const tier = this.tier;
      const hash = await tier.run('stats_read', undefined, () => tier.client.hGetAll(tier.internal('stats')));
      if (hash !== FAILED) {
        fields = new Map(Object.entries(hash).map(([k, v]) => [k, Number(v)]));
        for (const [k, v] of this.pending) fields.set(k, (fields.get(k) ?? 0) + v);
      }
    }
    const get = (f: string) => fields.get(f) ?? 0;
    const byType: Record<string, CacheTypeStats> = {};
    for (const field of fields.keys()) {
      const dot = field.indexOf('.');
      if (dot < 0) continue;
      const type = field.slice(0, dot);
      if (byType[type]) continue;
      const [hits, misses, sets, deletes] = TYPE_COUNTERS.map((c) => get(`${type}.${c}`));
      byType[type] = { hits, misses, sets, deletes, hit_rate_percent: rate(hits, misses) };
    }
    const hits = get('hits');
    const misses = get('misses');
    const counters = Object.fromEntries(COUNTERS.map((c) => [c, get(c)])) as Record<Counter, number>;
    return {
      hits,
      misses,
      sets: counters.sets,
      deletes: counters.deletes,
      total_requests: hits + misses,
      hit_rate_percent: rate(hits, misses),
      l1_hits: counters.l1_hits,
      l2_hits: counters.l2_hits,
      stale_serves: counters.stale_serves,
      coalesced_waits: counters.coalesced_waits,
      errors: counters.errors,
      breaker_state: extra.breaker_state,
      backend: extra.backend,
      by_type: byType,
    };
  }

  /** Zeroes the counters (the shared hash too). */
  async reset(): Promise<void> {
    this.pending.clear();
    this.local.clear();
    if (this.tier) {
      const tier = this.tier;
      await tier.run('stats_reset', undefined, () => tier.client.unlink(tier.internal('stats')));
    }
  }

  /** Another instance reset the shared counters: forget what this one had not flushed yet. */
  resetLocal(): void {
    this.pending.clear();
    this.local.clear();
  }
}
