import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { BreakerState } from '@league/contracts';
import type Keyv from 'keyv';
import { DomainEvent, type CacheErrorEvent } from '../events/domain-events.js';
import { isCluster, masterClients } from '../redis/cluster-client.js';
import { groupBySlot } from '../redis/key-slots.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { CircuitBreaker } from './circuit-breaker.js';

/** Returned by an L2 operation that failed, timed out or was refused by the open breaker. */
export const FAILED: unique symbol = Symbol('cache.l2_failed');
export type Outcome<T> = T | typeof FAILED;

const ERROR_EVENT_INTERVAL_MS = 10_000;

/** Set while a writer insists on delivering its invalidations (see RedisTier.insisting). */
const insistence = new AsyncLocalStorage<{ until: number }>();
/** Small steps: each SCAN or UNLINK stays well under a millisecond on the server, so other clients never wait. */
const SCAN_COUNT = 200;
const UNLINK_BATCH = 200;

/** Compare-and-delete: releases a lease only if we still hold it (our token), never someone else's. */
const RELEASE_LEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Compare-and-extend: a running fetch keeps its lease, never someone else's. */
const EXTEND_LEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/**
 * A fetched value is stored only while its fetch still holds the key's lease: an invalidation deletes the lease,
 * so a fetch that read the database before a write cannot store its result after that write's UNLINK.
 */
const SET_IF_LEASED = `if redis.call('get', KEYS[2]) == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
/**
 * INCR, but a counter created afresh (first use, or Redis restarted empty) starts from the server's clock in
 * microseconds: a number never goes below one handed out before a restart, so instances that remember an older
 * number accept the new ones.
 */
const BUMP_GENERATION = `local n = redis.call('incr', KEYS[1])
if n == 1 then local t = redis.call('time')
  n = redis.call('incrby', KEYS[1], t[1] .. string.format('%06d', tonumber(t[2]))) end
return n`;

/**
 * The Redis (L2) tier. Values go through cache-manager's Keyv store (@keyv/redis on the shared node-redis
 * client); what Keyv cannot express (leases, SCAN + UNLINK, generation counters, stats hashes) uses the same
 * client directly. Every operation has a timeout and passes the circuit breaker; a failure never throws to the
 * caller, it returns FAILED, counts against the breaker and is reported (throttled) as DomainEvent.CacheError.
 */
export class RedisTier {
  readonly breaker: CircuitBreaker;
  private readonly logger = new Logger('Cache');
  private readonly lastErrorEvent = new Map<string, number>();
  /** Called on every failed operation (the stats count them). */
  onFailure: () => void = () => undefined;
  /** Whether breaker changes are logged now. */
  announceBreaker: () => boolean = () => true;
  private breakerSaid: BreakerState = 'closed';

  constructor(
    readonly client: RedisClient,
    private readonly keyv: Keyv,
    private readonly prefix: string,
    private readonly timeoutMs: number,
    breakerThreshold: number,
    breakerResetMs: number,
    breakerWindowMs: number,
    private readonly events: EventEmitter2,
  ) {
    this.breaker = new CircuitBreaker(
      breakerThreshold,
      breakerResetMs,
      (state) => this.onBreaker(state),
      Date.now,
      breakerWindowMs,
    );
  }

  get available(): boolean {
    return this.client.isReady && this.breaker.state !== 'open';
  }

  /** Physical Redis key of a logical key. */
  physical(key: string): string {
    return `${this.prefix}:${key}`;
  }

  /** Redis key of internal data (generations, leases, stats): outside `prefix:*` so clear() never touches it. */
  internal(name: string): string {
    return `${this.prefix}#${name}`;
  }

  /** When Redis last answered an operation (even one that had timed out): a stopped Redis answers none. */
  private lastAnswerAt = 0;

  /** Whether the client holds a connection now (the breaker aside). */
  get connected(): boolean {
    return this.client.isReady;
  }

  /** How long since Redis last answered anything (ms). */
  get silentForMs(): number {
    return Date.now() - this.lastAnswerAt;
  }

  /** `fn`'s promise, noting when it resolves, however late. */
  private answered<T>(fn: () => Promise<T>): Promise<T> {
    const pending = fn();
    pending.then(
      () => (this.lastAnswerAt = Date.now()),
      () => undefined,
    );
    return pending;
  }

  /**
   * Runs `fn` with every Redis operation it makes past an open breaker and with a timeout stretched to `until`
   * (epoch ms): a writer delivering its invalidations before it answers. The breaker protects readers from waiting
   * on a Redis that fails; a writer whose invalidation is held back leaves every other instance serving the old
   * value, and an open breaker is often the trace of a stall already over. These operations neither open nor close
   * the breaker (only its own probe does); without a connection they fail at once, as always.
   */
  insisting<T>(until: number, fn: () => Promise<T>): Promise<T> {
    return insistence.run({ until }, fn);
  }

  async run<T>(operation: string, key: string | undefined, fn: () => Promise<T>): Promise<Outcome<T>> {
    const insist = insistence.getStore();
    if (insist) return this.runInsisting(operation, key, fn, insist.until);
    if (!this.breaker.allow()) return FAILED;
    if (!this.client.isReady) {
      this.fail(operation, key, new Error('Redis not connected'));
      return FAILED;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        this.answered(fn),
        new Promise<never>((_, reject) => {
          // Timers run before I/O in each event-loop turn: after a turn blocked longer than the timeout, the
          // timer would fire while the reply already waits in the socket. setImmediate runs after this turn's I/O,
          // so a reply that has arrived wins, and the timeout measures Redis, not our own event-loop lag.
          timer = setTimeout(
            () => setImmediate(() => reject(new Error(`timed out after ${this.timeoutMs} ms`))),
            this.timeoutMs,
          );
        }),
      ]);
      this.breaker.success();
      return result;
    } catch (error) {
      this.fail(operation, key, error as Error);
      return FAILED;
    } finally {
      clearTimeout(timer);
    }
  }

  private async runInsisting<T>(
    operation: string,
    key: string | undefined,
    fn: () => Promise<T>,
    until: number,
  ): Promise<Outcome<T>> {
    const waitMs = Math.max(this.timeoutMs, until - Date.now());
    if (!this.client.isReady) return FAILED;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.answered(fn),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => setImmediate(() => reject(new Error(`timed out after ${waitMs} ms`))), waitMs);
        }),
      ]);
    } catch (error) {
      this.report(operation, key, error as Error);
      return FAILED;
    } finally {
      clearTimeout(timer);
    }
  }

  get(key: string): Promise<Outcome<string | undefined>> {
    return this.run('get', key, () => this.keyv.get<string>(key));
  }

  /**
   * The first `bytes` of each key's text ('' when absent): entry heads, for refresh-ahead. node-redis pipelines
   * commands sent in the same tick, so this is one round trip.
   */
  heads(keys: string[], bytes: number): Promise<Outcome<string[]>> {
    return this.run('peek', keys[0], () =>
      Promise.all(keys.map((k) => this.client.getRange(this.physical(k), 0, bytes - 1))),
    ) as Promise<Outcome<string[]>>;
  }

  /**
   * Writes go to the client directly, not through Keyv: node-redis sends a command in the same tick it is
   * called, so a SET decided before an invalidation is always sent before that invalidation's UNLINK on this
   * connection (Keyv's set awaits internally first, which could reorder them and resurrect an old value).
   */
  set(key: string, text: string, ttlMs: number): Promise<Outcome<boolean>> {
    return this.run('set', key, async () => {
      // A fetch still running elsewhere read older data than this: its lease goes, so it cannot store.
      await this.client
        .multi()
        .set(this.physical(key), text, { expiration: { type: 'PX', value: Math.max(1, Math.round(ttlMs)) } })
        .unlink(this.leaseKey(key))
        .exec();
      return true;
    });
  }

  /** SET, only while the fetch holding the key's lease under `token` still holds it (false: not stored). */
  setIfLeased(key: string, text: string, ttlMs: number, token: string): Promise<Outcome<boolean>> {
    return this.run('set', key, async () => {
      const reply = await this.client.eval(SET_IF_LEASED, {
        keys: [this.physical(key), this.leaseKey(key)],
        arguments: [token, text, String(Math.max(1, Math.round(ttlMs)))],
      });
      return Number(reply) === 1;
    });
  }

  /** UNLINKs each key with its fetch lease (one slot per command: works on a cluster; pipelined). */
  delete(keys: string[]): Promise<Outcome<number>> {
    if (!keys.length) return Promise.resolve(0);
    return this.run('delete', keys[0], async () => {
      const replies = await Promise.all(keys.map((k) => this.client.unlink([this.physical(k), this.leaseKey(k)])));
      return replies.reduce((sum, n) => sum + Number(n), 0);
    });
  }

  /**
   * Deletes every key matching the (physical) pattern with SCAN and UNLINK in batches, on every master of a
   * cluster. Each batch is its own round trip, so other clients' commands interleave (never KEYS, which blocks).
   * Not subject to the per-operation timeout as a whole (each SCAN/UNLINK step is).
   */
  async scanDelete(physicalPattern: string): Promise<Outcome<number>> {
    let deleted = 0;
    for (const node of await this.nodes()) {
      let cursor = '0';
      const pending: string[] = [];
      do {
        const reply = await this.run('scan', physicalPattern, () =>
          node.scan(cursor, { MATCH: physicalPattern, COUNT: SCAN_COUNT }),
        );
        if (reply === FAILED) return FAILED;
        cursor = String(reply.cursor);
        for (const key of reply.keys) pending.push(key);
        while (pending.length >= UNLINK_BATCH || (cursor === '0' && pending.length)) {
          const batch = pending.splice(0, UNLINK_BATCH);
          const n = await this.run('unlink', physicalPattern, () => this.unlinkOn(node, batch));
          if (n === FAILED) return FAILED;
          deleted += n;
        }
      } while (cursor !== '0');
    }
    return deleted;
  }

  /** Counts keys by type under this namespace (admin view); stops after `limit` keys. */
  async countKeys(
    limit: number,
    typeOf: (logical: string) => string,
  ): Promise<Outcome<{ counts: Record<string, number>; truncated: boolean }>> {
    const counts: Record<string, number> = {};
    let seen = 0;
    const strip = this.prefix.length + 1;
    for (const node of await this.nodes()) {
      let cursor = '0';
      do {
        const reply = await this.run('scan', `${this.prefix}:*`, () =>
          node.scan(cursor, { MATCH: `${this.prefix}:*`, COUNT: SCAN_COUNT }),
        );
        if (reply === FAILED) return FAILED;
        cursor = String(reply.cursor);
        for (const key of reply.keys) {
          const type = typeOf(key.slice(strip));
          counts[type] = (counts[type] ?? 0) + 1;
        }
        seen += reply.keys.length;
        if (seen >= limit) return { counts, truncated: true };
      } while (cursor !== '0');
    }
    return { counts, truncated: false };
  }

  /** SET NX PX with a random token: the holder of a key's lease is the one instance that fetches it. */
  acquireLease(key: string, token: string, ttlMs: number): Promise<Outcome<boolean>> {
    return this.run('lease', key, async () => {
      const reply = await this.client.set(this.leaseKey(key), token, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttlMs },
      });
      return reply === 'OK';
    });
  }

  releaseLease(key: string, token: string): Promise<Outcome<unknown>> {
    return this.run('lease_release', key, () =>
      this.client.eval(RELEASE_LEASE, { keys: [this.leaseKey(key)], arguments: [token] }),
    );
  }

  /** Extends our lease on `key` to `ttlMs` from now; false when it is no longer ours. */
  extendLease(key: string, token: string, ttlMs: number): Promise<Outcome<boolean>> {
    return this.run('lease_extend', key, async () => {
      const reply = await this.client.eval(EXTEND_LEASE, {
        keys: [this.leaseKey(key)],
        arguments: [token, String(ttlMs)],
      });
      return Number(reply) === 1;
    });
  }

  /**
   * Redis key of a logical key's fetch lease: internal (clears never touch it), in the same hash slot as the
   * entry (hash tag of the entry's key), so that scripts using both run on a cluster.
   */
  leaseKey(key: string): string {
    const physical = this.physical(key);
    const tag = hashTagOf(physical);
    return tag === null ? `${this.prefix}#lease:{${physical}}` : `${this.prefix}#lease:{${tag}}:${physical}`;
  }

  /** Glob over the fetch leases of the keys a physical glob matches (leaseKey's form). */
  leasePattern(physicalPattern: string): string {
    return hashTagOf(physicalPattern) === null
      ? `${this.prefix}#lease:{${physicalPattern}}`
      : `${this.prefix}#lease:{*}:${physicalPattern}`;
  }

  /** Current generation numbers of groups (0 when never bumped). */
  generations(groups: string[]): Promise<Outcome<number[]>> {
    return this.run('generation', groups[0], async () => {
      const keys = groups.map((g) => this.internal(`gen:${g}`));
      const values = new Map<string, string | null>();
      // On a cluster, one MGET per hash slot (counters of different groups live on different slots).
      const slices = isCluster(this.client) ? groupBySlot(keys) : [keys];
      await Promise.all(
        slices.map(async (slice) => {
          const replies = await this.client.mGet(slice);
          slice.forEach((key, i) => values.set(key, replies[i] ?? null));
        }),
      );
      return keys.map((key) => Number(values.get(key) ?? 0));
    });
  }

  /** One script per group (one key each, pipelined): works on a cluster, where groups live in different slots. */
  bumpGenerations(groups: string[]): Promise<Outcome<number[]>> {
    return this.run('invalidate_group', groups[0], async () => {
      const replies = await Promise.all(
        groups.map((g) => this.client.eval(BUMP_GENERATION, { keys: [this.internal(`gen:${g}`)] })),
      );
      return replies.map((r) => Number(r));
    });
  }

  ping(): Promise<Outcome<string>> {
    return this.run('ping', undefined, () => this.client.ping());
  }

  /** The servers to SCAN: on a cluster every master (each holds its own slots' keys), else the one server. */
  private async nodes(): Promise<RedisClient[]> {
    return isCluster(this.client) ? masterClients(this.client) : [this.client];
  }

  /** UNLINK of keys found on `node`: on a cluster, one command per hash slot (a command may not span slots). */
  private async unlinkOn(node: RedisClient, keys: string[]): Promise<number> {
    if (!isCluster(this.client)) return node.unlink(keys);
    const replies = await Promise.all(groupBySlot(keys).map((slice) => node.unlink(slice)));
    return replies.reduce((sum, n) => sum + n, 0);
  }

  private fail(operation: string, key: string | undefined, error: Error): void {
    this.breaker.failure();
    this.report(operation, key, error);
  }

  /** Counts a failed operation and reports it (throttled per operation) as DomainEvent.CacheError. */
  private report(operation: string, key: string | undefined, error: Error): void {
    this.onFailure();
    const now = Date.now();
    if (now - (this.lastErrorEvent.get(operation) ?? 0) < ERROR_EVENT_INTERVAL_MS) return;
    this.lastErrorEvent.set(operation, now);
    const event: CacheErrorEvent = { operation, key, message: error.message, at: new Date(now) };
    this.events.emit(DomainEvent.CacheError, event);
  }

  private onBreaker(state: BreakerState): void {
    // A failed half-open probe reopens the breaker every reset period: said once per outage, and not at all
    // before Redis was first reached (the connection already said that the in-process cache serves alone).
    if (state === 'half_open' || state === this.breakerSaid || !this.announceBreaker()) return;
    this.breakerSaid = state;
    if (state === 'open')
      this.logger.warn('Redis circuit breaker open: serving from the in-process cache and the database');
    else this.logger.log('Redis circuit breaker closed: L2 in use again');
  }
}

/** The hash tag of a Redis key (the first non-empty `{...}`, which alone picks its cluster slot), if any. */
function hashTagOf(key: string): string | null {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : null;
}
