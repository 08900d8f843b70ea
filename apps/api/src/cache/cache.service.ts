import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { CacheStats } from '@league/contracts';
import type { Cache } from 'cache-manager';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { CacheBus } from './cache-bus.js';
import { decodeHead, HEAD_BYTES, type EntryMeta } from './cache-codec.js';
import { CacheEntries, type TtlSpec } from './cache-entries.js';
import { assertCacheKey, assertCachePattern, keyTypeOf, policyTypeOf } from './cache-key.js';
import type { CacheStatusSource } from './cache-status.js';
import { CacheStatsRecorder } from './cache-stats.js';
import { STALE_GRACE_MS, ttlTable } from './cache-ttl.js';
import { FetchLease } from './fetch-lease.js';
import { GroupGenerations, type VersionSource } from './group-generations.js';
import { entityTag } from './http-validators.js';
import { Invalidation } from './invalidation.js';
import { InvalidationJournal } from './invalidation-journal.js';
import { L1Store } from './l1-store.js';
import { FAILED, RedisTier } from './redis-tier.js';
import { SingleFlight, type CacheOutcome } from './single-flight.js';

export type { CacheOutcome } from './single-flight.js';
export type { TtlSpec } from './cache-entries.js';

export interface FetchOptions {
  /** Serve a stale entry within its type's grace while one refresh runs (default: by key type). */
  staleWhileRevalidate?: boolean;
}

const KEY_COUNT_LIMIT = 200_000;
/** How often invalidations that did not reach Redis are tried again (the breaker lets one probe through). */
const REPLAY_MS = 100;
/** Longest a writer keeps retrying its invalidations (its own post-commit limit usually answers sooner). */
const SETTLE_MS = 1_000;

/**
 * Cache-aside over two tiers: an in-process LRU (L1) and Redis (L2, cache-manager's Keyv store over
 * @keyv/redis). Without Redis, or while it is down, L1 and the fetch functions carry on alone.
 *
 * - Values handed out are deep-frozen (or fresh copies when they hold Dates, Maps, Sets): a caller can never
 *   change what the cache holds. Copy before changing.
 * - `getOrFetch` fetches a missing key once per process (single-flight) and once across instances (a Redis
 *   lease), caches `null` distinctly and briefly, spreads TTLs by ±10%, and for leaderboards and quotes serves a
 *   stale entry within a grace period while one refresh runs.
 * - Deletes, pattern deletes, clears and group invalidations are published so every instance drops its L1
 *   copies; group invalidation bumps a generation number (O(1)) instead of scanning keys.
 *
 * - Invalidations that fail to reach Redis wait in a journal and are replayed when it answers again; a cache bus
 *   that may have missed messages (its subscriber dropped, its own heartbeats unheard) stops L1 from serving
 *   until it hears again, then L1 starts empty.
 *
 * The parts: CacheEntries (both tiers' entries), GroupGenerations, SingleFlight with FetchLease, Invalidation
 * with its InvalidationJournal, CacheBus.
 */
@Injectable()
export class CacheService implements CacheStatusSource, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cache');
  private readonly l1: L1Store;
  private readonly tier: RedisTier | null;
  private readonly bus: CacheBus | null;
  private readonly stats: CacheStatsRecorder;
  private readonly ttls: ReturnType<typeof ttlTable>;
  private readonly entries: CacheEntries;
  private readonly generations: GroupGenerations;
  private readonly flights: SingleFlight;
  private readonly invalidation: Invalidation;
  private unsubscribeReconnect: (() => void) | null = null;
  private replayTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnection,
    @Inject(CACHE_MANAGER) cacheManager: Cache,
    private readonly events: EventEmitter2,
  ) {
    this.l1 = new L1Store(config.cache.l1MaxEntries, config.cache.l1MaxBytes);
    this.ttls = ttlTable(config);
    const keyv = cacheManager.stores[0];
    this.tier =
      redis.client && keyv
        ? new RedisTier(
            redis.client,
            keyv,
            config.cache.prefix,
            config.cache.operationTimeoutMs,
            config.cache.breakerThreshold,
            config.cache.breakerResetMs,
            config.cache.breakerWindowMs,
            events,
          )
        : null;
    this.bus = this.tier ? new CacheBus(this.tier, this.tier.internal('bus')) : null;
    this.stats = new CacheStatsRecorder(this.tier);
    if (this.tier) {
      this.tier.onFailure = () => this.stats.count('errors');
      this.tier.announceBreaker = () => redis.attached;
    }
    const journal = new InvalidationJournal();
    this.entries = new CacheEntries(
      this.l1,
      this.tier,
      this.stats,
      (key) => this.ttlOf(key),
      () => this.l1Trusted,
      (key) => journal.covers(key),
    );
    this.generations = new GroupGenerations(this.tier);
    this.flights = new SingleFlight(this.entries, new FetchLease(this.tier, config.cache.fetchLeaseMs), this.stats);
    this.invalidation = new Invalidation(
      this.l1,
      this.tier,
      this.bus,
      this.flights,
      this.generations,
      this.stats,
      journal,
    );
  }

  async onModuleInit(): Promise<void> {
    if (!this.tier || !this.bus) {
      this.logger.log('Cache running in memory only (no Redis)');
      return;
    }
    const subscriber = await this.redis.duplicate().catch((error: Error) => {
      this.logger.warn(`Cache bus unavailable: ${error.message}`);
      return null;
    });
    const startAfresh = () => {
      this.l1.clear();
      this.generations.forget();
    };
    // While deaf, L1 is bypassed as long as Redis answers (l1Trusted); with Redis down it serves as before.
    // Hearing again, what it holds may predate missed messages: start afresh.
    await this.bus.start(subscriber, {
      onMessage: (message) => this.invalidation.apply(message),
      onHearing: startAfresh,
    });
    this.stats.start();
    // Invalidations published while we were cut off were missed: start again from an empty L1, and make ours.
    this.unsubscribeReconnect = this.redis.onReconnect(() => {
      startAfresh();
      this.tier?.breaker.reset();
      void this.invalidation.replay();
    });
    this.replayTimer = setInterval(() => {
      if (this.invalidation.pending) void this.invalidation.replay();
    }, REPLAY_MS);
    this.replayTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.replayTimer) clearInterval(this.replayTimer);
    this.unsubscribeReconnect?.();
    await this.stats.stop();
    await this.bus?.stop();
  }

  /** `redis` once the configured L2 has been reached (it may be down now), else `memory`. */
  get backend(): 'redis' | 'memory' {
    return this.tier && this.redis.attached ? 'redis' : 'memory';
  }

  /**
   * Whether L1 entries may be served: not while the bus may be missing invalidations and Redis, which has every
   * entry current, answers (then reads go to Redis). With Redis unreachable L1 serves alone as before.
   */
  private get l1Trusted(): boolean {
    return !this.bus?.deaf || !this.tier?.available;
  }

  /**
   * Versions the keys `source` matches by the source of truth instead of their group's number: an entry written
   * under an older version reads as a miss on every instance, whether or not the invalidation reached Redis.
   */
  useVersionSource(source: VersionSource): void {
    this.generations.useVersionSource(source);
  }

  /** TTL (ms) of a key type, with configuration overrides. */
  ttlOf(key: string): number {
    return this.ttlOfType(policyTypeOf(key));
  }

  ttlOfType(type: string): number {
    return (this.ttls as Record<string, number>)[type] ?? this.ttls.league;
  }

  // ---------------------------------------------------------------- reads

  /** The cached value: `undefined` on a miss, `null` when a null was cached. Never fetches. */
  async get<T>(key: string): Promise<T | null | undefined> {
    assertCacheKey(key);
    const type = keyTypeOf(key);
    const generation = await this.generations.of(key);
    const found = this.entries.findL1(key, generation, false) ?? (await this.entries.findL2(key, generation, false));
    if (!found) {
      this.stats.count('misses', type);
      return undefined;
    }
    this.stats.count('hits', type);
    return found.value as T | null;
  }

  /**
   * How long each key stays fresh, in ms (0 or less: stale, served only within its grace), or null when it is
   * absent or of an older generation (it reads as a miss). Reads only the entries' heads (GETRANGE, one round
   * trip) and counts no hit or miss: refresh-ahead uses it to rewrite only keys close to expiry. Without Redis, or
   * while it fails: this instance's L1.
   */
  async freshFor(keys: string[]): Promise<Array<number | null>> {
    keys.forEach(assertCacheKey);
    if (!keys.length) return [];
    const generations = await Promise.all(keys.map((k) => this.generations.of(k)));
    const heads = this.tier ? await this.tier.heads(keys, HEAD_BYTES) : FAILED;
    const now = Date.now();
    return keys.map((key, i) => {
      let meta: EntryMeta | null;
      if (heads !== FAILED) meta = heads[i] ? decodeHead(heads[i]) : null;
      else meta = this.l1.get(key, now) ?? null;
      if (!meta || meta.generation !== generations[i]) return null;
      return meta.freshUntil - now;
    });
  }

  /**
   * Cache-aside: the cached value, else `fetchFn()` stored under `key` for `ttl` (default: the key type's TTL).
   * A `null` result is cached too (briefly); errors of `fetchFn` reach the caller and are not cached.
   */
  async getOrFetch<T>(
    key: string,
    fetchFn: () => Promise<T> | T,
    ttl?: TtlSpec<T>,
    options?: FetchOptions,
  ): Promise<T> {
    return (await this.lookup(key, fetchFn, ttl, options)).value;
  }

  /**
   * getOrFetch that also says how it was answered (HIT, STALE or MISS). An L1 hit costs no await on the
   * network; everything past L1 (the L2 read, the lease, the fetch) runs once per key per process, however
   * many callers ask at the same time.
   */
  async lookup<T>(
    key: string,
    fetchFn: () => Promise<T> | T,
    ttl?: TtlSpec<T>,
    options: FetchOptions = {},
  ): Promise<{ value: T; outcome: CacheOutcome }> {
    assertCacheKey(key);
    const type = keyTypeOf(key);
    const swr =
      options.staleWhileRevalidate ?? STALE_GRACE_MS[policyTypeOf(key) as keyof typeof STALE_GRACE_MS] !== undefined;
    const known = this.generations.peek(key);
    const generation = known === undefined ? await this.generations.of(key) : known;
    const local = this.entries.findL1(key, generation, swr);
    if (local) {
      this.stats.count('hits', type);
      if (local.stale) return this.serveStale(key, local.value as T, fetchFn, ttl);
      return { value: local.value as T, outcome: 'HIT' };
    }
    const flight = this.flights.join(key, fetchFn, ttl, generation, swr);
    const result = (await flight.promise) as { value: T; outcome: CacheOutcome };
    this.stats.count(result.outcome === 'MISS' ? 'misses' : 'hits', type);
    if (result.outcome === 'STALE') return this.serveStale(key, result.value, fetchFn, ttl);
    return result;
  }

  /**
   * A fresh L1 hit of a string value (a serialized HTTP body) as its UTF-8 bytes, synchronously: no await, no
   * copy, no re-encoding, so an HTTP hit is sent as stored. Undefined for anything else (absent, stale, not a string,
   * or the key's group generation not yet known here): the caller then goes through `lookup`. Counts as a hit.
   */
  peekBytes(key: string): Buffer | undefined {
    if (!this.l1Trusted) return undefined;
    const generation = this.generations.peek(key);
    if (generation === undefined) return undefined;
    const now = Date.now();
    const entry = this.l1.get(key, now);
    if (!entry || entry.generation !== generation || entry.freshUntil <= now || typeof entry.value !== 'string')
      return undefined;
    this.stats.count('l1_hits');
    this.stats.count('hits', keyTypeOf(key));
    return (entry.bytes ??= Buffer.from(entry.value));
  }

  /**
   * The L1 entry of a string value as an HTTP entity: its bytes, its strong ETag (a hash of the bytes, made once
   * per entry and kept with it; the same bytes give the same tag on every instance), how long it stays fresh and
   * its stale grace. `count`: a hit for the statistics (the HIT path); `allowStale`: a stale entry too (STALE).
   */
  peekEntity(
    key: string,
    options: { count?: boolean; allowStale?: boolean } = {},
  ): { text: string; bytes: Buffer; etag: string; freshForMs: number; graceMs: number } | undefined {
    if (!this.l1Trusted) return undefined;
    const generation = this.generations.peek(key);
    if (generation === undefined) return undefined;
    const now = Date.now();
    const entry = this.l1.get(key, now);
    if (!entry || entry.generation !== generation || typeof entry.value !== 'string') return undefined;
    if (entry.freshUntil <= now && !options.allowStale) return undefined;
    if (options.count !== false) {
      this.stats.count('l1_hits');
      this.stats.count('hits', keyTypeOf(key));
    }
    const bytes = (entry.bytes ??= Buffer.from(entry.value));
    entry.etag ??= entityTag(bytes);
    return {
      text: entry.value,
      bytes,
      etag: entry.etag,
      freshForMs: entry.freshUntil - now,
      graceMs: entry.expiresAt - entry.freshUntil,
    };
  }

  private serveStale<T>(key: string, value: T, fetchFn: () => Promise<T> | T, ttl: TtlSpec<T> | undefined) {
    this.stats.count('stale_serves');
    this.flights.refreshInBackground(key, fetchFn, ttl, () => this.generations.of(key));
    return { value, outcome: 'STALE' as CacheOutcome };
  }

  /**
   * Recomputes `key` now and stores the result (cache warmers). It runs as the key's flight: readers arriving
   * meanwhile wait for it, and an invalidation during the fetch keeps the result out of the cache (a plain
   * `set` after a slow fetch could store data older than a committed write). Joins a flight already running.
   */
  async refresh<T>(key: string, fetchFn: () => Promise<T> | T, ttl?: TtlSpec<T>): Promise<T> {
    assertCacheKey(key);
    const running = this.flights.running(key);
    if (running) return (await running.promise).value as T;
    const generation = await this.generations.of(key);
    const flight = this.flights.fetch(key, fetchFn, ttl, generation);
    const result = await flight.promise;
    if (result.outcome === 'MISS' && !flight.invalidated) await this.bus?.publish({ kind: 'delete', keys: [key] });
    return result.value as T;
  }

  // ---------------------------------------------------------------- writes

  /** Stores `value` under `key` (TTL: `ttl` ms or the key type's) and tells other instances to drop theirs. */
  async set<T>(key: string, value: T, ttl?: TtlSpec<T>): Promise<void> {
    assertCacheKey(key);
    const generation = await this.generations.of(key);
    this.flights.markInvalidated((k) => k === key);
    const inRedis = await this.entries.store(key, value, ttl, generation);
    const published = this.bus ? await this.bus.publish({ kind: 'delete', keys: [key] }) : true;
    // Others may keep the old value until the journal is replayed.
    if (this.tier) this.invalidation.written([key], inRedis, published);
  }

  /** Deletes keys here, in Redis and in every instance's L1. */
  async delete(keys: string | string[]): Promise<void> {
    const list = (Array.isArray(keys) ? keys : [keys]).map(assertCacheKey);
    if (list.length) await this.invalidation.delete(list);
  }

  /**
   * Deletes every key matching a glob (`leaderboard:*`) in this namespace: L1 everywhere at once, Redis by SCAN
   * and UNLINK in batches (never KEYS). Returns the number of Redis keys removed (L1 entries without Redis).
   */
  async deletePattern(pattern: string): Promise<number> {
    assertCachePattern(pattern);
    return this.invalidation.deletePattern(pattern);
  }

  /** Empties this namespace only (other apps sharing the Redis are untouched; never FLUSHDB). */
  clear(): Promise<number> {
    return this.invalidation.clear();
  }

  /**
   * Invalidates whole groups (a league's leaderboard pages, a user's portfolios...) in O(1): their generation
   * numbers go up, so every entry written under an older one reads as a miss, on every instance.
   */
  async invalidateGroups(groups: string[]): Promise<void> {
    if (groups.length) await this.invalidation.invalidateGroups(groups);
  }

  /**
   * Waits (at most `withinMs`) until every invalidation this instance made has reached Redis and the other
   * instances: writers call it before answering, so a transient Redis timeout does not leave other instances
   * serving the old value. False when some are still pending (Redis away: they are replayed when it answers).
   */
  settleInvalidations(withinMs = SETTLE_MS): Promise<boolean> {
    return this.invalidation.settle(withinMs);
  }

  // ---------------------------------------------------------------- stats and status

  getStats(): Promise<CacheStats> {
    return this.stats.read({ breaker_state: this.tier?.breaker.state ?? 'closed', backend: this.backend });
  }

  async resetStats(): Promise<void> {
    await this.stats.reset();
    await this.bus?.publish({ kind: 'stats_reset' });
  }

  async probe(): ReturnType<CacheStatusSource['probe']> {
    if (!this.tier) {
      return {
        backend: 'memory',
        reachable: true,
        breaker_state: 'closed',
        latency_ms: null,
        message: 'Redis disabled: in-process cache only',
      };
    }
    const started = performance.now();
    const reply = await this.tier.ping();
    const latency = Math.round((performance.now() - started) * 100) / 100;
    const breaker = this.tier.breaker.state;
    const reachable = reply !== FAILED && breaker !== 'open';
    return {
      backend: this.backend,
      reachable,
      breaker_state: breaker,
      latency_ms: reply === FAILED ? null : latency,
      message: reachable
        ? 'Redis reachable'
        : this.redis.attached
          ? `Redis unreachable (breaker ${breaker}): serving from L1 and the database`
          : 'Redis not reached since start: in-process cache only, attaching when Redis appears',
    };
  }

  /** Keys per type in Redis (or in L1 without Redis), for the admin view. */
  async keyCounts(): Promise<{ counts: Record<string, number>; truncated: boolean; source: 'redis' | 'l1' }> {
    if (this.tier) {
      const result = await this.tier.countKeys(KEY_COUNT_LIMIT, keyTypeOf);
      if (result !== FAILED) return { ...result, source: 'redis' };
    }
    const counts: Record<string, number> = {};
    for (const key of this.l1.keys()) counts[keyTypeOf(key)] = (counts[keyTypeOf(key)] ?? 0) + 1;
    return { counts, truncated: false, source: 'l1' };
  }

  /** Size of this instance's L1. */
  get l1Size(): { entries: number; bytes: number } {
    return { entries: this.l1.size, bytes: this.l1.bytes };
  }

  get redisReady(): boolean {
    return this.redis.isReady;
  }
}
