import { LRUCache } from 'lru-cache';
import { groupOf, policyTypeOf } from './cache-key.js';
import { FAILED, type RedisTier } from './redis-tier.js';

/** Groups whose number is remembered (one per group ever read: bounded, any user can walk many of them). */
const MAX_KNOWN = 20_000;
/** How long a known number is trusted before it is read again: a missed bump lasts no longer than this. */
const TRUST_MS = 5_000;

/**
 * A member's portfolio. The user reads it right after their own trade, which may have gone through another
 * instance whose bus message has not arrived yet. Its version comes from the database (see VersionSource); without
 * one, its group's number is read from Redis on every use, never trusted from memory, and when Redis cannot say,
 * the read goes to the database.
 */
const readsOwnWrites = (key: string) => policyTypeOf(key) === 'portfolio';

/**
 * Where some keys' versions come from instead of their group's number: the source of truth itself (a row version in
 * PostgreSQL), for data that must be read fresh right after a write made through any instance, whatever Redis does
 * meanwhile. `version` answers null when it has none to give (no such row); it may throw (database unreachable).
 */
export interface VersionSource {
  matches(key: string): boolean;
  version(key: string): Promise<number | null>;
}

/** Versions live above every Redis generation (clock-based, under 2^42) and local number (negative). */
const VERSION_BASE = 2 ** 52;
/** The last version read per key, used while the source cannot be asked (no write can commit meanwhile). */
const MAX_VERSIONS = 20_000;

interface Known {
  n: number;
  /** When it was learnt (trusted for TRUST_MS from then). */
  at: number;
  /** Order in which it was learnt: a read from Redis that straddles a newer one keeps the newer. */
  seq: number;
}

/**
 * Generation numbers of invalidation groups as this instance knows them. An entry is tagged with its group's
 * generation when written and reads as a miss once the generation has moved on, so a group is invalidated in
 * O(1) by bumping its number in Redis. Numbers come from Redis, kept current by the cache bus, and trusted only
 * for TRUST_MS (then read again), so a bump this instance missed cannot last.
 *
 * While Redis is down a bump cannot be made there: the group gets a local number that no entry carries
 * (negative) and keeps it, unread from Redis, until the pending bump has been replayed.
 *
 * Without Redis the numbers live here alone: a bump takes the next value of one counter shared by every group,
 * and a group not (or no longer) known reads as the counter's current value, so a group dropped from the LRU can
 * never come back with a number its pre-bump entries carry.
 */
export class GroupGenerations {
  private readonly known = new LRUCache<string, Known>({ max: MAX_KNOWN });
  private readonly versions = new LRUCache<string, number>({ max: MAX_VERSIONS });
  private readonly sources: VersionSource[] = [];
  private readonly pinned = new Map<string, number>();
  private readonly loads = new Map<string, Promise<number>>();
  private seq = 0;
  private nextLocal = -1;
  /** Without Redis: the last number handed out to any group. */
  private counter = 0;

  constructor(
    private readonly tier: RedisTier | null,
    private readonly trustMs = TRUST_MS,
  ) {}

  get size(): number {
    return this.known.size + this.pinned.size;
  }

  /** Keys `source` matches are versioned by it from now on. */
  useVersionSource(source: VersionSource): void {
    this.sources.push(source);
  }

  /** The generation of the key's group if known here (null: the key has no group; undefined: not known now). */
  peek(key: string): number | null | undefined {
    const group = groupOf(key);
    if (!group) return null;
    if (this.sourceOf(key)) return undefined;
    return this.tier && readsOwnWrites(key) ? this.pinned.get(group) : this.current(group);
  }

  /** The current generation of the key's group (null for keys without a group), read from Redis if unknown. */
  async of(key: string): Promise<number | null> {
    const group = groupOf(key);
    if (!group) return null;
    const source = this.sourceOf(key);
    if (source) {
      const version = await this.versionOf(key, source);
      if (version !== null) return VERSION_BASE + version;
    }
    if (this.tier && readsOwnWrites(key)) return this.pinned.get(group) ?? this.readNow(group);
    return this.current(group) ?? (await this.load(group));
  }

  private sourceOf(key: string): VersionSource | undefined {
    return this.sources.length ? this.sources.find((s) => s.matches(key)) : undefined;
  }

  /** The key's version now; while the source cannot be asked, the last one read here (null: none). */
  private async versionOf(key: string, source: VersionSource): Promise<number | null> {
    try {
      const version = await source.version(key);
      if (version === null) this.versions.delete(key);
      else this.versions.set(key, version);
      return version;
    } catch {
      return this.versions.get(key) ?? null;
    }
  }

  /** Numbers this instance just got from its own bump in Redis. */
  bumped(pairs: [string, number][]): void {
    const now = Date.now();
    for (const [group, n] of pairs) {
      this.pinned.delete(group);
      this.known.set(group, { n, at: now, seq: ++this.seq });
    }
  }

  /** Numbers another instance published: only a newer one counts (bumps only go up, even across a restart). */
  heard(pairs: [string, number][]): void {
    const now = Date.now();
    for (const [group, n] of pairs) {
      if (this.pinned.has(group)) continue;
      const known = this.known.get(group);
      if (!known || n > known.n) this.known.set(group, { n, at: now, seq: ++this.seq });
    }
  }

  /** Redis is down: the groups' entries here read as misses until their bump reaches Redis (see `bumped`). */
  bumpLocally(groups: string[]): void {
    if (!this.tier) {
      const now = Date.now();
      for (const g of groups) this.known.set(g, { n: ++this.counter, at: now, seq: ++this.seq });
      return;
    }
    for (const g of groups) this.pinned.set(g, this.nextLocal--);
  }

  /** Groups whose pending bump was given up (a clear of the namespace replaced it): read from Redis again. */
  unpin(keep: (group: string) => boolean): void {
    for (const g of [...this.pinned.keys()]) if (!keep(g)) this.pinned.delete(g);
  }

  /** Forget every number read from Redis (read again on next use); local numbers of pending bumps stay. */
  forget(): void {
    this.known.clear();
  }

  private current(group: string): number | undefined {
    const local = this.pinned.get(group);
    if (local !== undefined) return local;
    const known = this.known.get(group);
    if (!known) return undefined;
    if (this.tier && Date.now() - known.at >= this.trustMs) return undefined;
    return known.n;
  }

  /**
   * The number in Redis now, by a read of this caller's own (joining one already in flight could return a number
   * read before a write this caller has seen answered). Unknown (Redis unreachable): a number no entry carries.
   */
  private async readNow(group: string): Promise<number> {
    const values = await this.tier!.generations([group]);
    const local = this.pinned.get(group);
    if (local !== undefined) return local;
    return values === FAILED ? this.nextLocal-- : values[0];
  }

  private load(group: string): Promise<number> {
    let pending = this.loads.get(group);
    if (!pending) {
      pending = this.read(group).finally(() => this.loads.delete(group));
      this.loads.set(group, pending);
    }
    return pending;
  }

  private async read(group: string): Promise<number> {
    if (!this.tier) {
      this.known.set(group, { n: this.counter, at: Date.now(), seq: ++this.seq });
      return this.counter;
    }
    const before = this.seq;
    const values = await this.tier.generations([group]);
    const now = Date.now();
    const local = this.pinned.get(group);
    if (local !== undefined) return local;
    const known = this.known.get(group);
    // Redis unreachable: the last number known is as good as any, as no bump can be made meanwhile.
    // A number learnt while we asked is newer than the reply.
    if (values === FAILED || (known && known.seq > before)) {
      const n = known?.n ?? 0;
      this.known.set(group, { n, at: now, seq: known?.seq ?? ++this.seq });
      return n;
    }
    this.known.set(group, { n: values[0], at: now, seq: ++this.seq });
    return values[0];
  }
}
