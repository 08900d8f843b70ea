import type { FaultProxy } from '../../../../tools/faults/fault-proxy.js';
import { encodeEntry } from '../../src/cache/cache-codec.js';
import { CacheGroup, CacheKey } from '../../src/cache/cache-key.js';
import { hasRedisServer, type OwnRedis } from '../support/servers.js';
import { eventually, instancePair, rawRedis, sleep, type CacheTestApp } from './cache-test-app.js';

/**
 * Cache coherence across instances while parts fail. Instances share one database and one Redis of the test's
 * own; A reaches it through a fault proxy, so only A's link breaks. After every fault heals, no instance may serve
 * a value older than a write it made or heard of.
 */
(hasRedisServer ? describe : describe.skip)('cache coherence under faults', () => {
  let redis: OwnRedis;
  let proxy: FaultProxy;
  let a: CacheTestApp;
  let b: CacheTestApp;
  let n = 0;
  /** A key of its own per test (the instances live across tests). */
  const league = () => CacheKey.league(1000 + n++);
  const page = () => {
    const id = 2000 + n++;
    return { key: CacheKey.leaderboard(id, 1), group: CacheGroup.leaderboard(id) };
  };

  const pair = instancePair({
    CACHE_OPERATION_TIMEOUT: '200ms',
    CACHE_BREAKER_THRESHOLD: '2',
    CACHE_BREAKER_WINDOW: '0ms',
    CACHE_BREAKER_RESET: '200ms',
  });
  beforeAll(() => {
    ({ redis, proxy, a, b } = pair());
  });
  afterEach(() => proxy.heal());

  /** Both instances reach Redis (again, after an earlier fault). */
  async function bothReachable(): Promise<void> {
    for (const app of [a, b])
      expect(await eventually(async () => (await app.cache.probe()).reachable, 5_000, 20)).toBe(true);
  }

  /** `key` holds 'old' in Redis and in both instances' L1. */
  async function cachedEverywhere(key: string): Promise<void> {
    await bothReachable();
    await a.cache.set(key, 'old');
    expect(await a.cache.get(key)).toBe('old');
    expect(await b.cache.get(key)).toBe('old');
  }

  /**
   * Neither instance serves the old value of any key any more (within a bound well under the keys' TTLs): the
   * `instance key` pairs still serving it (empty when none).
   */
  async function goneEverywhere(keys: string[]): Promise<string[]> {
    const stale = async () => {
      const found: string[] = [];
      for (const [name, app] of [
        ['A', a],
        ['B', b],
      ] as const)
        for (const key of keys) if ((await app.cache.get(key)) === 'old') found.push(`${name} ${key}`);
      return found;
    };
    await eventually(async () => (await stale()).length === 0, 5_000, 20);
    return stale();
  }

  it('breaker open during writes: the delete and group invalidation reach Redis and B once it closes', async () => {
    const key = league();
    const grouped = page();
    await cachedEverywhere(key);
    await cachedEverywhere(grouped.key);
    // A's Redis calls time out: its breaker opens (the link itself stays up, so no reconnection follows).
    proxy.setDelay(600);
    await a.cache.get(CacheKey.league(1));
    await a.cache.get(CacheKey.league(2));
    proxy.setDelay(0);
    // Refused by the open breaker: nothing of these reaches Redis now.
    expect((await a.cache.getStats()).breaker_state).toBe('open');
    await a.cache.delete(key);
    await a.cache.invalidateGroups([grouped.group]);
    expect((await a.cache.getStats()).breaker_state).toBe('open');
    expect(await goneEverywhere([key, grouped.key])).toEqual([]);
    const raw = await rawRedis(redis.url);
    expect(await raw.exists(`${a.config.cache.prefix}:${key}`)).toBe(0);
    await raw.close();
  });

  it('link cut during writes: after it heals neither B nor A itself serves the old value', async () => {
    const key = league();
    const grouped = page();
    const session = CacheKey.session('f'.repeat(64));
    await cachedEverywhere(key);
    await cachedEverywhere(grouped.key);
    await cachedEverywhere(session);
    proxy.cut();
    await a.cache.delete([key, session]); // a logout
    await a.cache.invalidateGroups([grouped.group]); // a trade
    // A never serves its own pre-write entries, even with Redis unreachable.
    expect(await a.cache.get(key)).toBeUndefined();
    expect(await a.cache.get(grouped.key)).toBeUndefined();
    proxy.heal();
    expect(await goneEverywhere([key, grouped.key, session])).toEqual([]);
  });

  it('half-open link on A: writes time out, and are made once the link is reset and A reconnects', async () => {
    const key = league();
    const grouped = page();
    await cachedEverywhere(key);
    await cachedEverywhere(grouped.key);
    proxy.blackhole(); // A's connection stays open; nothing reaches Redis, nothing comes back
    await a.cache.delete(key);
    await a.cache.invalidateGroups([grouped.group]);
    expect(await a.cache.get(key)).toBeUndefined();
    proxy.cut(); // the dead link is finally reset (as TCP keep-alive would)
    proxy.heal();
    expect(await goneEverywhere([key, grouped.key])).toEqual([]);
  });

  it('Redis unreachable: a group invalidation never brings back an older entry on the writer', async () => {
    const grouped = page();
    await a.cache.invalidateGroups([grouped.group]); // the group has been bumped before
    await cachedEverywhere(grouped.key);
    proxy.cut();
    await a.cache.invalidateGroups([grouped.group]);
    expect(await a.cache.get(grouped.key)).toBeUndefined();
    // Another group's entries on A are not thrown away by it.
    proxy.heal();
    expect(await goneEverywhere([grouped.key])).toEqual([]);
  });

  it('subscriber dropped (CLIENT KILL TYPE pubsub): B does not keep the value deleted meanwhile', async () => {
    const key = league();
    await cachedEverywhere(key);
    // A's delete (UNLINK and its message) lands right after every subscriber connection was dropped, in one
    // transaction: B never receives the message (node-redis renews the subscription within milliseconds).
    const raw = await rawRedis(redis.url);
    const prefix = a.config.cache.prefix;
    await raw
      .multi()
      .addCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub'])
      .unlink(`${prefix}:${key}`)
      .publish(`${prefix}#bus`, JSON.stringify({ kind: 'delete', keys: [key], origin: 'elsewhere' }))
      .exec();
    await raw.close();
    expect(await goneEverywhere([key])).toEqual([]);
    // Hearing again, B uses its L1 again.
    const next = league();
    await a.cache.set(next, 'new');
    expect(
      await eventually(
        async () => (await b.cache.get(next)) === 'new' && b.cache.peekBytes(next) !== undefined,
        5_000,
        20,
      ),
    ).toBe(true);
  });

  it('a group bump whose message was lost stops counting on B within the trust period of known generations', async () => {
    const grouped = page();
    await a.cache.invalidateGroups([grouped.group]);
    await cachedEverywhere(grouped.key);
    // A bump that reached Redis but whose message B never got (as between a drop and its detection).
    const raw = await rawRedis(redis.url);
    await raw.incr(`${a.config.cache.prefix}#gen:${grouped.group}`);
    await raw.close();
    expect(await eventually(async () => (await b.cache.get(grouped.key)) === undefined, 8_000, 100)).toBe(true);
  }, 15_000);

  it("a user's own data: B reads the bump at once, before any message of it arrives", async () => {
    const key = CacheKey.portfolio(900_001, 1);
    const group = CacheGroup.user(900_001);
    await a.cache.invalidateGroups([group]);
    await cachedEverywhere(key);
    // The user's write went through A: its bump is in Redis, and the user reads through B at once, before B has
    // heard of it (here it never will).
    const raw = await rawRedis(redis.url);
    await raw.incr(`${a.config.cache.prefix}#gen:${group}`);
    await raw.close();
    expect(await b.cache.get(key)).toBeUndefined();
    expect(await b.cache.getOrFetch(key, async () => 'new')).toBe('new');
  });

  it("a user's own data: a read does not join a fetch begun before a bump it knows of", async () => {
    const key = CacheKey.portfolio(900_002, 1);
    const group = CacheGroup.user(900_002);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // A fetch on B reads the database before the user's write commits on A...
    const early = b.cache.getOrFetch(key, async () => {
      await gate;
      return 'old';
    });
    await sleep(50);
    // ...which bumps the group in Redis; the user's next read reaches B before the bus message does.
    const raw = await rawRedis(redis.url);
    await raw.incr(`${a.config.cache.prefix}#gen:${group}`);
    await raw.close();
    const late = b.cache.getOrFetch(key, async () => 'new');
    release();
    expect(await early).toBe('old');
    expect(await late).toBe('new');
  });

  it("a user's own data while Redis cannot be asked: read from the database, never from memory", async () => {
    const key = CacheKey.portfolio(900_003, 1);
    await cachedEverywhere(key);
    proxy.cut();
    let fetched = 0;
    expect(
      await a.cache.getOrFetch(key, async () => {
        fetched++;
        return 'db';
      }),
    ).toBe('db');
    expect(fetched).toBe(1);
  });

  it('journal overflow: more pending invalidations than it holds become a clear of the namespace', async () => {
    const kept = league();
    await cachedEverywhere(kept);
    const keys = Array.from({ length: 1_100 }, (_, i) => CacheKey.league(100_000 + i));
    await cachedEverywhere(keys[0]);
    proxy.cut();
    await a.cache.delete(keys);
    proxy.heal();
    expect(await goneEverywhere([keys[0], kept])).toEqual([]);
  });

  it('stale write: a fetch that read the database before a write on B cannot store its result after that delete', async () => {
    const key = league();
    let db = 'old';
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetching = a.cache.getOrFetch(key, async () => {
      const read = db; // A reads the database before B's write commits
      await gate;
      return read;
    });
    await sleep(50); // A holds the key's lease and is fetching
    // B's write commits and deletes the key; its message reaches A only later (A's link is slow now).
    proxy.setDelay(150);
    db = 'new';
    await b.cache.delete(key);
    release(); // A's fetch ends and stores before A hears of B's delete
    expect(await fetching).toBe('old'); // its caller began before the write: the old value is right for it
    proxy.setDelay(0);
    await sleep(400);
    expect(await b.cache.get(key)).toBeUndefined();
    expect(await a.cache.get(key)).toBeUndefined();
  });

  it('deletePattern: reads during the scan do not refill L1 with entries about to be deleted', async () => {
    const prefix = b.config.cache.prefix;
    const keys = Array.from({ length: 3_000 }, (_, i) => CacheKey.stockQuote(`Z${i}`));
    const raw = await rawRedis(redis.url);
    const multi = raw.multi();
    for (const key of keys)
      multi.set(`${prefix}:${key}`, encodeEntry('old', { freshUntil: Date.now() + 60_000, generation: null }).text, {
        expiration: { type: 'PX', value: 60_000 },
      });
    await multi.execAsPipeline();
    await raw.close();
    let done = false;
    const reader = (async () => {
      for (let i = 0; !done; i = (i + 1) % keys.length) await b.cache.get(keys[i]);
    })();
    await sleep(20);
    await b.cache.deletePattern('quote:Z*');
    done = true;
    await reader;
    const left = [];
    for (const key of keys) if ((await b.cache.get(key)) !== undefined) left.push(key);
    expect(left).toEqual([]);
  });

  it('Redis emptied under running instances: a group invalidation afterwards still reaches B', async () => {
    const grouped = page();
    for (let i = 0; i < 3; i++) await a.cache.invalidateGroups([grouped.group]);
    await cachedEverywhere(grouped.key);
    const raw = await rawRedis(redis.url);
    await raw.flushAll(); // as a failover to an empty replica: no connection drops
    await raw.close();
    await a.cache.set(grouped.key, 'old'); // cached again under the number B still knows
    expect(await b.cache.get(grouped.key)).toBe('old');
    await a.cache.invalidateGroups([grouped.group]);
    expect(await goneEverywhere([grouped.key])).toEqual([]);
  });

  it('Redis restarted empty: instances start afresh and later group invalidations reach both', async () => {
    const grouped = page();
    for (let i = 0; i < 3; i++) await a.cache.invalidateGroups([grouped.group]);
    await cachedEverywhere(grouped.key);
    await redis.stop();
    await redis.start();
    await cachedEverywhere(grouped.key);
    await a.cache.invalidateGroups([grouped.group]);
    expect(await goneEverywhere([grouped.key])).toEqual([]);
  });

  it('fetch lease extended while a slow fetch runs: waiters on the other instance do not fetch too', async () => {
    await bothReachable();
    const key = league();
    let calls = 0;
    const slow = async () => {
      calls++;
      await sleep(5_600); // longer than the 5 s lease
      return 'fetched';
    };
    const first = a.cache.getOrFetch(key, slow);
    await sleep(50);
    const waiting = b.cache.getOrFetch(key, slow);
    expect(await Promise.all([first, waiting])).toEqual(['fetched', 'fetched']);
    expect(calls).toBe(1);
  }, 20_000);
});
