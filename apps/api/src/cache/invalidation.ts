import type { BusMessage, CacheBus } from './cache-bus.js';
import { globToRegExp, groupOf, keyTypeOf } from './cache-key.js';
import type { CacheStatsRecorder } from './cache-stats.js';
import type { GroupGenerations } from './group-generations.js';
import type { InvalidationJournal } from './invalidation-journal.js';
import type { L1Store } from './l1-store.js';
import { FAILED, type RedisTier } from './redis-tier.js';
import type { SingleFlight } from './single-flight.js';

/** Pause between a writer's attempts to get its pending invalidations to Redis. */
const SETTLE_RETRY_MS = 20;
/** After this long without an answer from Redis, a writer pings before insisting (and gives up if none comes). */
const SILENCE_MS = 300;
/** Each insisting replay waits at most this long for its steps; the next one follows if Redis still answers. */
const ROUND_MS = 200;

/** What an invalidation removes; the same shapes travel on the bus. */
export type Change =
  | { kind: 'delete'; keys: string[] }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'clear' }
  | { kind: 'generations'; groups: [string, number][] };

/**
 * Every kind of invalidation, at both ends: `drop` removes what a change makes stale from this process (L1
 * entries, running fetches, known generations), whether the change was made here or heard on the bus; the
 * public operations make the change in Redis too and tell the other instances. What cannot reach Redis or the
 * bus (breaker open, timeout, link cut) waits in the journal and is replayed when Redis answers again.
 */
export class Invalidation {
  private replaying: Promise<void> | null = null;

  constructor(
    private readonly l1: L1Store,
    private readonly tier: RedisTier | null,
    private readonly bus: CacheBus | null,
    private readonly flights: SingleFlight,
    private readonly generations: GroupGenerations,
    private readonly stats: CacheStatsRecorder,
    private readonly journal: InvalidationJournal,
  ) {
    // The pending clear covers every key: this instance starts from an empty L1, and the groups' local numbers
    // (one per group bumped while Redis is away) can go, so they stay bounded however long the outage lasts.
    journal.onOverflow = () => {
      this.drop({ kind: 'clear' });
      this.generations.unpin(() => false);
    };
  }

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

  /**
   * Deletes keys in Redis (with their fetch leases) and on every instance. What fails to reach Redis or the bus
   * waits in the journal, and this instance reads no Redis entry of those keys until it has been replayed.
   */
  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.stats.count('deletes', keyTypeOf(key));
    this.drop({ kind: 'delete', keys });
    if (!(await this.deleteInRedis(keys))) this.journal.addKeys(keys);
  }

  /**
   * Deletes in Redis first, then drops L1 here and everywhere: a read during the scan cannot refill L1 with an
   * entry about to be deleted. Running fetches are detached at both ends. Returns the number of Redis keys removed
   * (L1 entries without Redis).
   */
  async deletePattern(pattern: string): Promise<number> {
    const local = this.l1.deletePattern(pattern);
    this.drop({ kind: 'pattern', pattern });
    if (!this.tier) return this.countDeletes(pattern, local);
    const n = await this.scanDelete(pattern);
    this.drop({ kind: 'pattern', pattern });
    if (n === FAILED || !(await this.publish({ kind: 'pattern', pattern }))) this.journal.addPattern(pattern);
    return this.countDeletes(pattern, n === FAILED ? local : n);
  }

  /** Empties the namespace, Redis first (as deletePattern). */
  async clear(): Promise<number> {
    this.drop({ kind: 'clear' });
    if (!this.tier) return 0;
    const n = await this.scanDelete('*');
    this.drop({ kind: 'clear' });
    if (n === FAILED || !(await this.publish({ kind: 'clear' }))) this.journal.addClear();
    return n === FAILED ? 0 : n;
  }

  /**
   * Bumps the groups' generations in Redis and tells every instance. While Redis is unreachable the groups get
   * numbers here that no entry carries (this instance never serves its pre-write entries), and the bump waits in
   * the journal.
   */
  async invalidateGroups(groups: string[]): Promise<void> {
    const set = new Set(groups);
    this.flights.markInvalidated((k) => {
      const g = groupOf(k);
      return g !== null && set.has(g);
    });
    if (this.tier && (await this.bumpInRedis(groups))) return;
    this.generations.bumpLocally(groups);
    if (this.tier) this.journal.addGroups(groups);
  }

  /**
   * After an explicit set: its value did not reach Redis (the old one may still be there: it is deleted later),
   * or it did but the others were not told (the message is sent later).
   */
  written(keys: string[], inRedis: boolean, published: boolean): void {
    if (!inRedis) this.journal.addKeys(keys);
    else if (!published) this.journal.addNotify(keys);
  }

  /** Whether an invalidation is waiting for Redis. */
  get pending(): boolean {
    return this.journal.pending;
  }

  /**
   * Replays the journal until it is empty, within `withinMs`: a writer waits here, so that a change which missed
   * Redis (a timeout, or a breaker opened by a stall) reaches the other instances before the write is answered.
   * The replay insists: past an open breaker, each round waiting up to ROUND_MS. Gives up at once without a
   * connection, and when Redis, silent for SILENCE_MS, does not answer a ping within ROUND_MS (stopped, or a link
   * that silently drops): the journal then waits for it, and readers elsewhere cannot read Redis either.
   * True when nothing is pending.
   */
  async settle(withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (this.journal.pending) {
      const tier = this.tier;
      if (!tier?.connected || Date.now() >= deadline) return false;
      // Nothing heard for a while (an open breaker sends nothing): one ping tells a quiet Redis from a stopped one
      // (or a link that silently drops), which a writer does not wait for.
      if (tier.silentForMs > SILENCE_MS) {
        const heard = await tier.insisting(Math.min(deadline, Date.now() + ROUND_MS), () => tier.ping());
        if (heard === FAILED) return false;
      }
      // One replay at a time: a background one (breaker-bound) finishes first, then this writer's insists, each
      // round for at most ROUND_MS (a slow Redis answers meanwhile, late replies included, and the next round runs).
      if (this.replaying) await this.replaying;
      else await tier.insisting(Math.min(deadline, Date.now() + ROUND_MS), () => this.replay());
      if (this.journal.pending) await new Promise((resolve) => setTimeout(resolve, SETTLE_RETRY_MS));
    }
    return true;
  }

  /**
   * Makes the journal's invalidations in Redis and publishes them, in order (clear, patterns, keys, groups),
   * stopping at the first failure (the rest is tried again later). Each is dropped here again too: entries read
   * meanwhile from another tier may be old. One replay at a time.
   */
  replay(): Promise<void> {
    this.replaying ??= this.replayOnce().finally(() => (this.replaying = null));
    return this.replaying;
  }

  private async replayOnce(): Promise<void> {
    const journal = this.journal;
    if (!this.tier || !journal.pending) return;
    if (journal.clear) {
      if ((await this.scanDelete('*')) === FAILED || !(await this.publish({ kind: 'clear' }))) return;
      this.drop({ kind: 'clear' });
      journal.doneClear();
      // The bumps the clear replaced (journal overflow): their groups are read from Redis again.
      this.generations.unpin((g) => journal.groups.has(g));
    }
    for (const pattern of [...journal.patterns]) {
      if ((await this.scanDelete(pattern)) === FAILED || !(await this.publish({ kind: 'pattern', pattern }))) return;
      this.drop({ kind: 'pattern', pattern });
      journal.donePattern(pattern);
    }
    if (journal.keys.size) {
      const keys = [...journal.keys];
      if (!(await this.deleteInRedis(keys))) return;
      this.drop({ kind: 'delete', keys });
      journal.doneKeys(keys);
    }
    if (journal.notify.size) {
      const keys = [...journal.notify];
      if (!(await this.publish({ kind: 'delete', keys }))) return;
      journal.doneNotify(keys);
    }
    if (journal.groups.size) {
      const groups = [...journal.groups];
      if (!(await this.bumpInRedis(groups))) return;
      journal.doneGroups(groups);
    }
  }

  private async deleteInRedis(keys: string[]): Promise<boolean> {
    if (!this.tier) return true;
    if ((await this.tier.delete(keys)) === FAILED) return false;
    return this.publish({ kind: 'delete', keys });
  }

  private async bumpInRedis(groups: string[]): Promise<boolean> {
    const bumped = await this.tier!.bumpGenerations(groups);
    if (bumped === FAILED) return false;
    const pairs = groups.map((g, i) => [g, bumped[i]] as [string, number]);
    this.generations.bumped(pairs);
    return this.publish({ kind: 'generations', groups: pairs });
  }

  /**
   * SCAN + UNLINK of the entries a logical glob matches, then of their fetch leases, so that fetches running on
   * other instances cannot store what they read before. The lease pass is best effort: if it fails, those fetches
   * are still stopped by this change's message, as before leases were checked.
   */
  private async scanDelete(pattern: string): Promise<number | typeof FAILED> {
    const tier = this.tier!;
    const physical = tier.physical(pattern);
    const n = await tier.scanDelete(physical);
    if (n !== FAILED) await tier.scanDelete(tier.leasePattern(physical));
    return n;
  }

  private async publish(message: BusMessage): Promise<boolean> {
    return this.bus ? this.bus.publish(message) : true;
  }

  private countDeletes(pattern: string, removed: number): number {
    for (let i = 0; i < removed; i++) this.stats.count('deletes', keyTypeOf(pattern));
    return removed;
  }
}
