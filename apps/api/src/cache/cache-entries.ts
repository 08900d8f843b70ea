import { decodeEntry, decodeValue, deepFreeze, encodeEntry } from './cache-codec.js';
import { keyTypeOf, policyTypeOf } from './cache-key.js';
import type { CacheStatsRecorder } from './cache-stats.js';
import { jitter, NULL_TTL_MS, STALE_GRACE_MS } from './cache-ttl.js';
import type { L1Store } from './l1-store.js';
import { FAILED, type RedisTier } from './redis-tier.js';

/** TTL of an entry: ms, or computed from the fetched value (a session lives no longer than itself). */
export type TtlSpec<T> = number | ((value: T) => number);

export interface Found {
  value: unknown;
  stale: boolean;
}

/** Where a stored value goes besides L1: Redis, Redis only while the fetch holds the key's lease, or nowhere. */
export type L2Write = { kind: 'always' } | { kind: 'leased'; token: string } | { kind: 'none' };

/**
 * Reading and writing entries in both tiers: L1 (this process) and Redis, in the codec's format, each tagged with
 * its group's generation. `epoch` goes up on every invalidation, so an L2 read that straddles one does not refill L1.
 */
export class CacheEntries {
  /** Goes up on every local or remote invalidation. */
  epoch = 0;

  constructor(
    private readonly l1: L1Store,
    private readonly tier: RedisTier | null,
    private readonly stats: CacheStatsRecorder,
    private readonly ttlOf: (key: string) => number,
    /** False while L1 may hold entries another instance invalidated unheard (the bus is deaf). */
    private readonly l1Trusted: () => boolean,
    /** True while an invalidation of the key has not reached Redis yet: its Redis entry may be the old value. */
    private readonly pendingFor: (key: string) => boolean,
  ) {}

  /** A live L1 entry of the current generation (stale ones only when `allowStale`). */
  findL1(key: string, generation: number | null, allowStale: boolean): Found | null {
    if (!this.l1Trusted()) return null;
    const now = Date.now();
    const entry = this.l1.get(key, now);
    if (!entry || entry.generation !== generation) return null;
    const stale = entry.freshUntil <= now;
    if (stale && !allowStale) return null;
    this.stats.count('l1_hits');
    return { value: entry.needsCopy ? decodeValue(entry.payload) : entry.value, stale };
  }

  /** A live L2 entry of the current generation, copied into L1. */
  async findL2(key: string, generation: number | null, allowStale: boolean): Promise<Found | null> {
    if (!this.tier || this.pendingFor(key)) return null;
    const epoch = this.epoch;
    const text = await this.tier.get(key);
    if (text === FAILED || text === undefined) return null;
    const decoded = decodeEntry(text);
    if (!decoded || decoded.generation !== generation) return null;
    const stale = decoded.freshUntil <= Date.now();
    if (stale && !allowStale) return null;
    const value = decoded.needsCopy ? null : deepFreeze(decoded.value);
    this.stats.count('l2_hits');
    // An invalidation arrived while the GET was in flight: the reply may predate it. This caller's read began
    // before the change, so it may have the value; L1 must not keep it.
    if (epoch === this.epoch) {
      this.l1.set(key, {
        value,
        payload: decoded.payload,
        needsCopy: decoded.needsCopy,
        freshUntil: decoded.freshUntil,
        expiresAt: decoded.freshUntil + this.graceOf(key),
        generation: decoded.generation,
      });
    }
    return { value: decoded.needsCopy ? decoded.value : value, stale };
  }

  /** Writes `value` to L1 and (as `l2` says) Redis, tagged with `generation`; false when a Redis write failed. */
  async store<T>(
    key: string,
    value: T,
    ttl: TtlSpec<T> | undefined,
    generation: number | null,
    l2: L2Write = { kind: 'always' },
  ): Promise<boolean> {
    let ttlMs = typeof ttl === 'function' ? ttl(value) : (ttl ?? this.ttlOf(key));
    if (value === null) ttlMs = Math.min(ttlMs, NULL_TTL_MS);
    if (!(ttlMs > 0)) return true;
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
    if (!this.tier || l2.kind === 'none') return true;
    const ttlLeft = freshUntil - Date.now() + grace;
    if (l2.kind === 'always') return (await this.tier.set(key, encoded.text, ttlLeft)) !== FAILED;
    const stored = await this.tier.setIfLeased(key, encoded.text, ttlLeft, l2.token);
    // The lease was gone: the key was invalidated since the fetch began, so its result is not kept here either.
    if (stored === false) this.l1.delete(key);
    return stored !== FAILED;
  }

  /** How long past its freshness an entry of this key's type may still be served (stale-while-revalidate). */
  graceOf(key: string): number {
    return STALE_GRACE_MS[policyTypeOf(key) as keyof typeof STALE_GRACE_MS] ?? 0;
  }
}
