import type { BusMessage, CacheBus } from './cache-bus.js';
import { globToRegExp, groupOf, keyTypeOf } from './cache-key.js';
import type { CacheStatsRecorder } from './cache-stats.js';
import type { GroupGenerations } from './group-generations.js';
import type { L1Store } from './l1-store.js';
import { FAILED, type RedisTier } from './redis-tier.js';
import type { SingleFlight } from './single-flight.js';

/** What an invalidation removes; the same shapes travel on the bus. */
export type Change =
  | { kind: 'delete'; keys: string[] }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'clear' }
  | { kind: 'generations'; groups: [string, number][] };

/**
 * Every kind of invalidation, at both ends: `drop` removes what a change makes stale from this process (L1
 * entries, running fetches, known generations), whether the change was made here or heard on the bus; the
 * public operations make the change in Redis too and tell the other instances.
 */
export class Invalidation {
  constructor(
    private readonly l1: L1Store,
    private readonly tier: RedisTier | null,
    private readonly bus: CacheBus | null,
    private readonly flights: SingleFlight,
    private readonly generations: GroupGenerations,
    private readonly stats: CacheStatsRecorder,
  ) {}

  /** Drops from this process what `change` makes stale. */
  drop(change: Change): void {
    switch (change.kind) {
      case 'delete': {
        const set = new Set(change.keys);
        for (const key of change.keys) this.l1.delete(key);
        this.flights.markInvalidated((k) => set.has(k));
        break;
      }
      case 'pattern': {
        const re = globToRegExp(change.pattern);
        this.l1.deletePattern(change.pattern);
        this.flights.markInvalidated((k) => re.test(k));
        break;
      }
      case 'clear':
        this.l1.clear();
        this.flights.markInvalidated(() => true);
        break;
      case 'generations': {
        const groups = new Set(change.groups.map(([g]) => g));
        this.generations.heard(change.groups);
        this.flights.markInvalidated((k) => {
          const g = groupOf(k);
          return g !== null && groups.has(g);
        });
        break;
      }
    }
  }

  /** A message from another instance. */
  apply(message: BusMessage): void {
    if (message.kind === 'stats_reset') this.stats.resetLocal();
    else this.drop(message);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.stats.count('deletes', keyTypeOf(key));
    this.drop({ kind: 'delete', keys });
    if (this.tier) await this.tier.delete(keys);
    await this.bus?.publish({ kind: 'delete', keys });
  }

  /** Returns the number of Redis keys removed (L1 entries without Redis). */
  async deletePattern(pattern: string): Promise<number> {
    const local = this.l1.deletePattern(pattern);
    this.drop({ kind: 'pattern', pattern });
    await this.bus?.publish({ kind: 'pattern', pattern });
    let removed = local;
    if (this.tier) {
      const n = await this.tier.scanDelete(this.tier.physical(pattern));
      removed = n === FAILED ? local : n;
    }
    for (let i = 0; i < removed; i++) this.stats.count('deletes', keyTypeOf(pattern));
    return removed;
  }

  async clear(): Promise<number> {
    this.drop({ kind: 'clear' });
    await this.bus?.publish({ kind: 'clear' });
    if (!this.tier) return 0;
    const n = await this.tier.scanDelete(this.tier.physical('*'));
    return n === FAILED ? 0 : n;
  }

  async invalidateGroups(groups: string[]): Promise<void> {
    const set = new Set(groups);
    this.flights.markInvalidated((k) => {
      const g = groupOf(k);
      return g !== null && set.has(g);
    });
    if (this.tier) {
      const bumped = await this.tier.bumpGenerations(groups);
      if (bumped !== FAILED) {
        const pairs = groups.map((g, i) => [g, bumped[i]] as [string, number]);
        this.generations.bumped(pairs);
        await this.bus?.publish({ kind: 'generations', groups: pairs });
        return;
      }
    }
    this.generations.bumpLocally(groups);
  }
}
