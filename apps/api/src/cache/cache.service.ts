import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { CacheStats } from '@league/contracts';
import type { Cache } from 'cache-manager';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { CacheBus, type BusMessage } from './cache-bus.js';
import {
  decodeEntry,
  decodeHead,
  decodeValue,
  deepFreeze,
  encodeEntry,
  HEAD_BYTES,
  type EntryMeta,
} from './cache-codec.js';
import { assertCacheKey, assertCachePattern, globToRegExp, groupOf, keyTypeOf, policyTypeOf } from './cache-key.js';
import type { CacheStatusSource } from './cache-status.js';
import { CacheStatsRecorder } from './cache-stats.js';
import { entityTag } from './http-validators.js';
import { jitter, NULL_TTL_MS, STALE_GRACE_MS, ttlTable } from './cache-ttl.js';
import { L1Store } from './l1-store.js';
import { FAILED, RedisTier } from './redis-tier.js';

/** How a read was answered (the interceptor turns it into X-Cache). */
export type CacheOutcome = 'HIT' | 'MISS' | 'STALE';

/** TTL of an entry: ms, or computed from the fetched value (a session lives no longer than itself). */
export type TtlSpec<T> = number | ((value: T) => number);

export interface FetchOptions {
  /** Serve a stale entry within its type's grace while one refresh runs (default: by key type). */
  staleWhileRevalidate?: boolean;
}

interface Flight {
  promise: Promise<{ value: unknown; outcome: CacheOutcome }>;
  /** Set when the key is deleted or invalidated during the fetch: its result must not be cached. */
  invalidated: boolean;
}

/** How long one instance may hold a key's fetch lease; others wait at most this long before fetching. */
const LEASE_TTL_MS = 5_000;
const LEASE_POLL_MS = 15;
const KEY_COUNT_LIMIT = 200_000;

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
 */
@Injectable()
export class CacheService implements CacheStatusSource, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cache');
  private readonly l1: L1Store;
  private readonly tier: RedisTier | null;
  private readonly bus: CacheBus | null;
  private readonly stats: CacheStatsRecorder;
  private readonly ttls: ReturnType<typeof ttlTable>;
  private readonly flights = new Map<string, Flight>();
  private readonly refreshes = new Map<string, Promise<unknown>>();
  /** Known generation of each invalidation group (from Redis, kept current by the bus). */
  private readonly generations = new Map<string, number>();
  private readonly generationLoads = new Map<string, Promise<number>>();
  /** Goes up on every local or remote invalidation: an L2 read that straddles one must not refill L1. */
  private invalidations = 0;
  private unsubscribeReconnect: (() => void) | null = null;

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
            events,
          )
        : null;
    this.bus = this.tier ? new CacheBus(this.tier, this.tier.internal('bus')) : null;
    this.stats = new CacheStatsRecorder(this.tier);
    if (this.tier) {
      this.tier.onFailure = () => this.stats.count('errors');
      this.tier.announceBreaker = () => redis.attached;
    }
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
    await this.bus.start(subscriber, (message) => this.apply(message));
    this.stats.start();
    // Invalidations published while we were cut off were missed: start again from an empty L1.
    this.unsubscribeReconnect = this.redis.onReconnect(() => {
      this.l1.clear();
      this.generations.clear();
      this.tier?.breaker.reset();
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribeReconnect?.();
    await this.stats.stop();
    await this.bus?.stop();
  }

  /** `redis` once the configured L2 has been reached (it may be down now), else `memory`. */
  get backend(): 'redis' | 'memory' {
    return this.tier && this.redis.attached ? 'redis' : 'memory';
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
    const generation = await this.generationOf(key);
    const found = this.findL1(key, generation, false) ?? (await this.findL2(key, generation, false));
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
    const generations = await Promise.all(keys.map((k) => this.generationOf(k)));
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
    const group = groupOf(key);
    const known = group ? this.generations.get(group) : null;
    const generation = known === undefined ? await this.generationOf(key) : known;
    const local = this.findL1(key, generation, swr);
    if (local) {
      this.stats.count('hits', type);
      if (local.stale) return this.serveStale(key, local.value as T, fetchFn, ttl);
      return { value: local.value as T, outcome: 'HIT' };
    }
    let flight = this.flights.get(key);
    if (flight) this.stats.count('coalesced_waits');
    else flight = this.fly(key, fetchFn, ttl, generation, swr);
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
    const group = groupOf(key);
    const generation = group ? this.generations.get(group) : null;
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
    const group = groupOf(key);
    const generation = group ? this.generations.get(group) : null;
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
    this.refreshInBackground(key, fetchFn, ttl);
    return { value, outcome: 'STALE' as CacheOutcome };
  }

  /** A live L1 entry of the current generation (stale ones only when `allowStale`). */
  private findL1(
    key: string,
    generation: number | null,
    allowStale: boolean,
  ): { value: unknown; stale: boolean } | null {
    const now = Date.now();
    const entry = this.l1.get(key, now);
    if (!entry || entry.generation !== generation) return null;
    const stale = entry.freshUntil <= now;
    if (stale && !allowStale) return null;
    this.stats.count('l1_hits');
    return { value: entry.needsCopy ? decodeValue(entry.payload) : entry.value, stale };
  }

  /** A live L2 entry of the current generation, copied into L1. */
  private async findL2(
    key: string,
    generation: number | null,
    allowStale: boolean,
  ): Promise<{ value: unknown; stale: boolean } | null> {
    if (!this.tier) return null;
    const epoch = this.invalidations;
    const text = await this.tier.get(key);
    if (text === FAILED || text === undefined) return null;
    const decoded = decodeEntry(text);
    if (!decoded || decoded.generation !== generation) return null;
    const stale = decoded.freshUntil <= Date.now();
    if (stale && !allowStale) return null;
    const value = decoded.needsCopy ? null : deepFreeze(decoded.value);
    // An invalidation arrived while the GET was in flight: the reply may predate it. This caller's read began
    // before the change, so it may have the value; L1 must not keep it.
    if (epoch !== this.invalidations) {
      this.stats.count('l2_hits');
      return { value: decoded.needsCopy ? decoded.value : value, stale };
    }
    this.l1.set(key, {
      value,
      payload: decoded.payload,
      needsCopy: decoded.needsCopy,
      freshUntil: decoded.freshUntil,
      expiresAt: decoded.freshUntil + this.graceOf(key),
      generation: decoded.generation,
    });
    this.stats.count('l2_hits');
    return { value: decoded.needsCopy ? decoded.value : value, stale };
  }

  /** The current generation of the key's group (null for keys without a group). */
  private async generationOf(key: string): Promise<number | null> {
    const group = groupOf(key);
    if (!group) return null;
    return this.generations.get(group) ?? (await this.loadGeneration(group));
  }

  /**
   * One flight per key: read L2; on a miss take the key's lease (one instance fetches, the others wait for its
   * result in Redis, bounded), fetch, store under the generation seen at the start, release the lease.
   */
  private fly<T>(
    key: string,
    fetchFn: () => Promise<T> | T,
    ttl: TtlSpec<T> | undefined,
    generation: number | null,
    allowStale: boolean,
  ): Flight {
    const flight: Flight = { promise: null as never, invalidated: false };
    flight.promise = (async () => {
      try {
        const found = await this.findL2(key, generation, allowStale);
        if (found) return { value: found.value, outcome: (found.stale ? 'STALE' : 'HIT') as CacheOutcome };
        return await this.fetchOnce(key, fetchFn, ttl, flight, generation);
      } finally {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      }
    })();
    this.flights.set(key, flight);
    return flight;
  }

  private async fetchOnce<T>(
    key: string,
    fetchFn: () => Promise<T> | T,
    ttl: TtlSpec<T> | undefined,
    flight: Flight,
    generation: number | null,
  ): Promise<{ value: unknown; outcome: CacheOutcome }> {
    let token: string | null = null;
    if (this.tier?.available) {
      const candidate = randomUUID();
      let leased = await this.tier.acquireLease(key, candidate, LEASE_TTL_MS);
      // Another instance is fetching: wait (bounded) for its result to land in Redis. If its lease goes
      // without a result (its fetch failed or was invalidated), take the lease and fetch here.
      const deadline = Date.now() + LEASE_TTL_MS;
      while (leased === false && Date.now() < deadline && this.tier.available && !flight.invalidated) {
        await sleep(LEASE_POLL_MS);
        const found = await this.findL2(key, generation, false);
        if (found) return { value: found.value, outcome: 'HIT' };
        leased = await this.tier.acquireLease(key, candidate, LEASE_TTL_MS);
      }
      if (leased === true) token = candidate;
    }
    try {
      const value = await fetchFn();
      // Invalidated while fetching: the value may predate the write, so hand it out but do not keep it.
      // Checked and written in the same tick: an invalidation is either seen here or queued after our SET.
      if (!flight.invalidated) await this.store(key, value, ttl, generation);
      return { value, outcome: 'MISS' };
    } finally {
      if (token) void this.tier!.releaseLease(key, token);
    }
  }

  private refreshInBackground<T>(key: string, fetchFn: () => Promise<T> | T, ttl: TtlSpec<T> | undefined): void {
    if (this.refreshes.has(key) || this.flights.has(key)) return;
    const refresh = (async () => {
      const generation = await this.generationOf(key);
      const flight: Flight = { promise: null as never, invalidated: false };
      flight.promise = this.fetchOnce(key, fetchFn, ttl, flight, generation).finally(() => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      });
      this.flights.set(key, flight);
      await flight.promise;
    })()
      .catch((error: Error) => this.logger.warn(`Refresh of ${key} failed: ${error.message}`))
      .finally(() => this.refreshes.delete(key));
    this.refreshes.set(key, refresh);
  }

  /**
   * Recomputes `key` now and stores the result (cache warmers). It runs as the key's flight: readers arriving
   * meanwhile wait for it, and an invalidation during the fetch keeps the result out of the cache (a plain
   * `set` after a slow fetch could store data older than a committed write). Joins a flight already running.
   */
  async refresh<T>(key: string, fetchFn: () => Promise<T> | T, ttl?: TtlSpec<T>): Promise<T> {
    assertCacheKey(key);
    const running = this.flights.get(key);
    if (running) return (await running.promise).value as T;
    const generation = await this.generationOf(key);
    const flight: Flight = { promise: null as never, invalidated: false };
    flight.promise = this.fetchOnce(key, fetchFn, ttl, flight, generation).finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    this.flights.set(key, flight);
    const result = await flight.promise;
    if (result.outcome === 'MISS' && !flight.invalidated) await this.bus?.publish({ kind: 'delete', keys: [key] });
    return result.value as T;
  }

  // ---------------------------------------------------------------- writes

  /** Stores `value` under `key` (TTL: `ttl` ms or the key type's) and tells other instances to drop theirs. */
  async set<T>(key: string, value: T, ttl?: TtlSpec<T>): Promise<void> {
    assertCacheKey(key);
    const generation = await this.generationOf(key);
    this.markInvalidated((k) => k === key);
    await this.store(key, value, ttl, generation);
    await this.bus?.publish({ kind: 'delete', keys: [key] });
  }

  private async store<T>(key: string, value: T, ttl: TtlSpec<T> | undefined, generation: number | null): Promise<void> {
    let ttlMs = typeof ttl === 'function' ? ttl(value) : (ttl ?? this.ttlOf(key));
    if (value === null) ttlMs = Math.min(ttlMs, NULL_TTL_MS);
    if (!(ttlMs > 0)) return;
    const freshUntil = Date.now() + jitter(ttlMs);
    const grace = this.graceOf(key);
    const encoded = encodeEntry(value, { freshUntil, generation });
    // The L1 never holds the caller's object: it holds its own frozen copy.
    this.l1.set(key, {
      value: encoded.needsCopy ? null : deepFreeze(decodeValue(encoded.payload)),
      payload: encoded.payload,
      needsCopy: encoded.needsCopy,
      freshUntil,
      expiresAt: freshUntil + grace,
      generation,
    });
    this.stats.count('sets', keyTypeOf(key));
    if (this.tier) await this.tier.set(key, encoded.text, freshUntil - Date.now() + grace);
  }

  /** Deletes keys here, in Redis and in every instance's L1. */
  async delete(keys: string | string[]): Promise<void> {
    const list = (Array.isArray(keys) ? keys : [keys]).map(assertCacheKey);
    if (!list.length) return;
    for (const key of list) {
      this.l1.delete(key);
      this.stats.count('deletes', keyTypeOf(key));
    }
    const set = new Set(list);
    this.markInvalidated((k) => set.has(k));
    if (this.tier) await this.tier.delete(list);
    await this.bus?.publish({ kind: 'delete', keys: list });
  }

  /**
   * Deletes every key matching a glob (`leaderboard:*`) in this namespace: L1 everywhere at once, Redis by SCAN
   * and UNLINK in batches (never KEYS). Returns the number of Redis keys removed (L1 entries without Redis).
   */
  async deletePattern(pattern: string): Promise<number> {
    assertCachePattern(pattern);
    const re = globToRegExp(pattern);
    const local = this.l1.deletePattern(pattern);
    this.markInvalidated((k) => re.test(k));
    await this.bus?.publish({ kind: 'pattern', pattern });
    let removed = local;
    if (this.tier) {
      const n = await this.tier.scanDelete(this.tier.physical(pattern));
      removed = n === FAILED ? local : n;
    }
    for (let i = 0; i < removed; i++) this.stats.count('deletes', keyTypeOf(pattern));
    return removed;
  }

  /** Empties this namespace only (other apps sharing the Redis are untouched; never FLUSHDB). */
  async clear(): Promise<number> {
    this.l1.clear();
    this.markInvalidated(() => true);
    await this.bus?.publish({ kind: 'clear' });
    if (!this.tier) return 0;
    const n = await this.tier.scanDelete(this.tier.physical('*'));
    return n === FAILED ? 0 : n;
  }

  /**
   * Invalidates whole groups (a league's leaderboard pages, a user's portfolios...) in O(1): their generation
   * numbers go up, so every entry written under an older one reads as a miss, on every instance.
   */
  async invalidateGroups(groups: string[]): Promise<void> {
    if (!groups.length) return;
    const set = new Set(groups);
    this.markInvalidated((k) => {
      const g = groupOf(k);
      return g !== null && set.has(g);
    });
    if (this.tier) {
      const bumped = await this.tier.bumpGenerations(groups);
      if (bumped !== FAILED) {
        const pairs = groups.map((g, i) => [g, bumped[i]] as [string, number]);
        for (const [g, n] of pairs) this.generations.set(g, n);
        await this.bus?.publish({ kind: 'generations', groups: pairs });
        return;
      }
      // Redis is down: drop the groups' entries here; other instances clear their L1 when Redis is back.
      this.generations.clear();
    }
    for (const g of groups) this.generations.set(g, (this.generations.get(g) ?? 0) + 1);
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

  // ---------------------------------------------------------------- internals

  private graceOf(key: string): number {
    return STALE_GRACE_MS[policyTypeOf(key) as keyof typeof STALE_GRACE_MS] ?? 0;
  }

  private loadGeneration(group: string): Promise<number> {
    let pending = this.generationLoads.get(group);
    if (!pending) {
      pending = this.readGeneration(group).finally(() => this.generationLoads.delete(group));
      this.generationLoads.set(group, pending);
    }
    return pending;
  }

  private async readGeneration(group: string): Promise<number> {
    if (!this.tier) {
      const value = this.generations.get(group) ?? 0;
      this.generations.set(group, value);
      return value;
    }
    const values = await this.tier.generations([group]);
    if (values === FAILED) return this.generations.get(group) ?? 0;
    // A bump may have arrived while we asked: keep the larger.
    const value = Math.max(values[0], this.generations.get(group) ?? 0);
    this.generations.set(group, value);
    return value;
  }

  /**
   * A key changed while its fetch runs: that fetch's result may predate the change, so it is not stored, and
   * the flight is detached so that readers arriving from now on start a fetch of their own.
   */
  private markInvalidated(matches: (key: string) => boolean): void {
    this.invalidations++;
    for (const [key, flight] of this.flights) {
      if (!matches(key)) continue;
      flight.invalidated = true;
      this.flights.delete(key);
    }
  }

  /** A message from another instance: drop the same entries from this L1. */
  private apply(message: BusMessage): void {
    switch (message.kind) {
      case 'delete': {
        const set = new Set(message.keys);
        for (const key of message.keys) this.l1.delete(key);
        this.markInvalidated((k) => set.has(k));
        break;
      }
      case 'pattern': {
        const re = globToRegExp(message.pattern);
        this.l1.deletePattern(message.pattern);
        this.markInvalidated((k) => re.test(k));
        break;
      }
      case 'clear':
        this.l1.clear();
        this.markInvalidated(() => true);
        break;
      case 'generations': {
        const groups = new Set<string>();
        for (const [group, n] of message.groups) {
          groups.add(group);
          if (n > (this.generations.get(group) ?? -1)) this.generations.set(group, n);
        }
        this.markInvalidated((k) => {
          const g = groupOf(k);
          return g !== null && groups.has(g);
        });
        break;
      }
      case 'stats_reset':
        this.stats.resetLocal();
        break;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
