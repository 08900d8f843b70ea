import { CacheKey } from '../../src/cache/cache-key.js';
import { hasRedisServer, startRedisCluster, type OwnRedisCluster } from '../support/servers.js';
import { HAS_REDIS, MODES, modeEnv, rawRedis, sleep, startCacheApp, type CacheTestApp } from './cache-test-app.js';

/** Each mode: one Redis server, no Redis, and a local three-master Redis Cluster (when redis-server is installed). */
const ALL_MODES: ['redis' | 'memory' | 'cluster'][] = [
  ...MODES,
  ...(HAS_REDIS && hasRedisServer ? [['cluster'] as ['cluster']] : []),
];

describe.each(ALL_MODES)('CacheService (%s)', (mode) => {
  let t: CacheTestApp;
  let cluster: OwnRedisCluster | null = null;
  beforeAll(async () => {
    cluster = mode === 'cluster' ? await startRedisCluster() : null;
    t = await startCacheApp({
      env: cluster ? modeEnv('redis', { REDIS_CLUSTER_NODES: cluster.nodes.join(',') }) : modeEnv(mode as 'redis'),
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await cluster?.stop();
  });
  beforeEach(async () => {
    await t.cache.clear();
    await t.cache.resetStats();
  });

  it('reports its backend', () => {
    expect(t.cache.backend).toBe(mode === 'memory' ? 'memory' : 'redis');
  });

  it('get misses with undefined, returns what set stored, and delete removes it', async () => {
    const key = CacheKey.league(1);
    expect(await t.cache.get(key)).toBeUndefined();
    await t.cache.set(key, { id: 1, name: 'Alpha' });
    expect(await t.cache.get(key)).toEqual({ id: 1, name: 'Alpha' });
    await t.cache.delete(key);
    expect(await t.cache.get(key)).toBeUndefined();
  });

  it('caches a null result distinctly from a miss, and fetches it once', async () => {
    const key = CacheKey.league(404);
    let calls = 0;
    const fetch = async () => {
      calls++;
      return null;
    };
    expect(await t.cache.getOrFetch(key, fetch)).toBeNull();
    expect(await t.cache.getOrFetch(key, fetch)).toBeNull();
    expect(calls).toBe(1);
    expect(await t.cache.get(key)).toBeNull();
    expect(await t.cache.get(CacheKey.league(405))).toBeUndefined();
  });

  it('getOrFetch fetches on a miss, then serves the cached value', async () => {
    const key = CacheKey.leagueMembers(7);
    let calls = 0;
    const fetch = async () => ({ members: [1, 2, 3], call: ++calls });
    expect(await t.cache.getOrFetch(key, fetch)).toEqual({ members: [1, 2, 3], call: 1 });
    expect(await t.cache.getOrFetch(key, fetch)).toEqual({ members: [1, 2, 3], call: 1 });
    expect(calls).toBe(1);
  });

  it('single-flight: 1,000 concurrent misses on one key call fetchFn once', async () => {
    const key = CacheKey.leaderboard(42, 1);
    let calls = 0;
    const fetch = async () => {
      calls++;
      await sleep(50);
      return { rows: [{ user: 1, value: 100 }] };
    };
    const results = await Promise.all(Array.from({ length: 1000 }, () => t.cache.getOrFetch(key, fetch)));
    expect(calls).toBe(1);
    expect(results.every((r) => r.rows[0].value === 100)).toBe(true);
    const stats = await t.cache.getStats();
    expect(stats.misses).toBe(1000);
    expect(stats.coalesced_waits).toBe(999);
  });

  it('does not cache a failed fetch and lets the error reach the caller', async () => {
    const key = CacheKey.league(66);
    await expect(t.cache.getOrFetch(key, async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await t.cache.getOrFetch(key, async () => 'ok')).toBe('ok');
  });

  it('a caller mutating a returned value cannot change the cache', async () => {
    const key = CacheKey.league(3);
    const original = { name: 'Alpha', tags: ['a'] };
    await t.cache.set(key, original);
    original.name = 'changed after set';
    const first = await t.cache.get<{ name: string; tags: string[] }>(key);
    expect(first!.name).toBe('Alpha');
    expect(() => {
      first!.name = 'mutated';
    }).toThrow(TypeError);
    expect(() => first!.tags.push('b')).toThrow(TypeError);
    const fetched = await t.cache.getOrFetch(CacheKey.league(4), async () => ({ list: [1] }));
    fetched.list.push(2); // the caller's own object: allowed, and not the cached one
    expect(await t.cache.get(CacheKey.league(4))).toEqual({ list: [1] });
    // Dates are mutable even when frozen: readers get copies.
    await t.cache.set(CacheKey.league(5), { at: new Date('2026-01-01T00:00:00Z') });
    const a = await t.cache.get<{ at: Date }>(CacheKey.league(5));
    a!.at.setFullYear(1999);
    const b = await t.cache.get<{ at: Date }>(CacheKey.league(5));
    expect(b!.at.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('deletePattern removes the matching keys only', async () => {
    for (let p = 1; p <= 5; p++) await t.cache.set(CacheKey.leaderboard(9, p), { p });
    await t.cache.set(CacheKey.leaderboard(10, 1), { p: 1 });
    await t.cache.set(CacheKey.league(9), { id: 9 });
    const removed = await t.cache.deletePattern('leaderboard:9:*');
    expect(removed).toBe(5);
    for (let p = 1; p <= 5; p++) expect(await t.cache.get(CacheKey.leaderboard(9, p))).toBeUndefined();
    expect(await t.cache.get(CacheKey.leaderboard(10, 1))).toEqual({ p: 1 });
    expect(await t.cache.get(CacheKey.league(9))).toEqual({ id: 9 });
  });

  it('rejects invalid keys and patterns', async () => {
    await expect(t.cache.get('bad key with spaces')).rejects.toThrow(/invalid cache key/);
    await expect(t.cache.deletePattern('x y*')).rejects.toThrow(/invalid cache pattern/);
  });

  it('expires entries after their TTL (about ±10%)', async () => {
    const key = CacheKey.league(77);
    await t.cache.set(key, 'short', 150);
    expect(await t.cache.get(key)).toBe('short');
    if (mode === 'redis') {
      // The Redis expiry is the TTL ±10% (checked on a longer-lived key, so a slow machine cannot skew it).
      await t.cache.set(CacheKey.league(78), 'long', 10_000);
      const redis = await rawRedis();
      const pttl = await redis.pTTL(`${t.config.cache.prefix}:${CacheKey.league(78)}`);
      await redis.close();
      expect(pttl).toBeGreaterThan(7_000);
      expect(pttl).toBeLessThanOrEqual(11_000);
    }
    await sleep(250);
    expect(await t.cache.get(key)).toBeUndefined();
  });

  it('spreads TTLs of keys written together (jitter)', async () => {
    if (mode !== 'redis') return;
    const redis = await rawRedis();
    const ttls: number[] = [];
    for (let i = 0; i < 40; i++) {
      await t.cache.set(CacheKey.league(1000 + i), i, 100_000);
      ttls.push(await redis.pTTL(`${t.config.cache.prefix}:${CacheKey.league(1000 + i)}`));
    }
    await redis.close();
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(89_000);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(110_100);
    expect(Math.max(...ttls) - Math.min(...ttls)).toBeGreaterThan(5_000);
  });

  it('serves a stale quote once expired while one refresh runs (stale-while-revalidate)', async () => {
    const key = CacheKey.stockQuote('AAPL');
    await t.cache.getOrFetch(key, async () => ({ price: 100 }), 60);
    await sleep(100);
    let refreshes = 0;
    const refresh = async () => {
      refreshes++;
      await sleep(30);
      return { price: 101 };
    };
    const stale = await t.cache.lookup(key, refresh, 60_000);
    expect(stale).toEqual({ value: { price: 100 }, outcome: 'STALE' });
    const again = await t.cache.lookup(key, refresh, 60_000);
    expect(again.value).toEqual({ price: 100 });
    await sleep(80);
    expect(refreshes).toBe(1);
    expect(await t.cache.lookup(key, refresh, 60_000)).toEqual({ value: { price: 101 }, outcome: 'HIT' });
    expect((await t.cache.getStats()).stale_serves).toBe(2);
  });

  it('does not serve stale data for types without stale-while-revalidate', async () => {
    const key = CacheKey.portfolio(1, 1);
    await t.cache.set(key, { cash: 1 }, 50);
    await sleep(90);
    expect(await t.cache.lookup(key, async () => ({ cash: 2 }))).toEqual({ value: { cash: 2 }, outcome: 'MISS' });
  });

  it('a delete during a fetch keeps the (possibly old) result out of the cache', async () => {
    const key = CacheKey.league(88);
    let release!: () => void;
    const pending = t.cache.getOrFetch(key, () => new Promise<string>((r) => (release = () => r('old'))));
    await sleep(20);
    await t.cache.delete(key);
    release();
    expect(await pending).toBe('old');
    expect(await t.cache.get(key)).toBeUndefined();
  });

  it('never serves a value older than the last committed write under a concurrent read/write mix', async () => {
    const version = new Array<number>(10).fill(0);
    let stale = 0;
    let issued = 0;
    const worker = async () => {
      while (issued++ < 3000) {
        const id = issued % 10 === 0 ? 0 : Math.floor(Math.random() * 10);
        if (Math.random() < 0.1) {
          version[id]++; // the commit...
          await t.cache.delete(CacheKey.league(id)); // ...then the invalidation
        } else {
          const expected = version[id];
          const value = await t.cache.getOrFetch(CacheKey.league(id), async () => {
            const seen = version[id];
            await sleep(Math.random() * 2);
            return { version: seen };
          });
          if (value.version < expected) stale++;
        }
      }
    };
    await Promise.all(Array.from({ length: 40 }, worker));
    expect(stale).toBe(0);
  });

  it('clear empties this namespace only', async () => {
    await t.cache.set(CacheKey.league(1), 1);
    await t.cache.set(CacheKey.stockQuote('MSFT'), 2);
    if (mode === 'redis') {
      const redis = await rawRedis();
      await redis.set('otherapp:league:1', 'keep', { expiration: { type: 'PX', value: 60_000 } });
      await t.cache.clear();
      expect(await redis.get('otherapp:league:1')).toBe('keep');
      expect(await redis.exists(`${t.config.cache.prefix}:league:1`)).toBe(0);
      await redis.del('otherapp:league:1');
      await redis.close();
    } else {
      await t.cache.clear();
    }
    expect(await t.cache.get(CacheKey.league(1))).toBeUndefined();
    expect(await t.cache.get(CacheKey.stockQuote('MSFT'))).toBeUndefined();
  });

  it('counts hits, misses, sets and deletes with the spec fields and a per-type breakdown', async () => {
    const key = CacheKey.league(500);
    await t.cache.getOrFetch(key, async () => 'x'); // miss + set
    await t.cache.getOrFetch(key, async () => 'x'); // hit
    await t.cache.getOrFetch(key, async () => 'x'); // hit
    await t.cache.get(CacheKey.stockQuote('IBM')); // miss
    await t.cache.delete(key);
    const stats = await t.cache.getStats();
    expect(stats).toMatchObject({
      hits: 2,
      misses: 2,
      sets: 1,
      deletes: 1,
      total_requests: 4,
      hit_rate_percent: 50,
      l1_hits: 2,
      backend: mode === 'memory' ? 'memory' : 'redis',
      breaker_state: 'closed',
    });
    expect(stats.by_type.league).toEqual({ hits: 2, misses: 1, sets: 1, deletes: 1, hit_rate_percent: 66.67 });
    expect(stats.by_type.quote).toMatchObject({ hits: 0, misses: 1 });
    await t.cache.resetStats();
    expect(await t.cache.getStats()).toMatchObject({ hits: 0, misses: 0, total_requests: 0, hit_rate_percent: 0 });
  });

  it('CacheInvalidator drops every page of a league in O(1) (generation), and only that league', async () => {
    for (let p = 1; p <= 20; p++) {
      await t.cache.set(CacheKey.leaderboard(5, p), `lb${p}`);
      await t.cache.set(CacheKey.activityFeed(5, p), `act${p}`);
    }
    await t.cache.set(CacheKey.leaderboard(6, 1), 'other league');
    await t.cache.set(CacheKey.portfolio(1, 5), 'portfolio');
    await t.cache.set(CacheKey.portfolio(2, 5), 'someone else');
    await t.cache.set(CacheKey.userStats(1), 'stats');
    await t.cache.set(CacheKey.leagueStats(5), 'league stats');
    await t.invalidator.invalidateTradeImpact(1, 5, 'AAPL');
    for (let p = 1; p <= 20; p++) {
      expect(await t.cache.get(CacheKey.leaderboard(5, p))).toBeUndefined();
      expect(await t.cache.get(CacheKey.activityFeed(5, p))).toBeUndefined();
    }
    expect(await t.cache.get(CacheKey.portfolio(1, 5))).toBeUndefined();
    expect(await t.cache.get(CacheKey.userStats(1))).toBeUndefined();
    expect(await t.cache.get(CacheKey.leagueStats(5))).toBeUndefined();
    expect(await t.cache.get(CacheKey.leaderboard(6, 1))).toBe('other league');
    expect(await t.cache.get(CacheKey.portfolio(2, 5))).toBe('someone else');
    // New entries after the invalidation are cached again.
    await t.cache.set(CacheKey.leaderboard(5, 1), 'fresh');
    expect(await t.cache.get(CacheKey.leaderboard(5, 1))).toBe('fresh');
  });

  it('invalidateLeague, invalidateUser, invalidateStock and invalidateOptionsChain drop what they name', async () => {
    await t.cache.set(CacheKey.league(8), 'l');
    await t.cache.set(CacheKey.leagueMembers(8), 'm');
    await t.cache.set(CacheKey.leaderboard(8, 3), 'lb');
    await t.invalidator.invalidateLeague(8);
    expect(await t.cache.get(CacheKey.league(8))).toBeUndefined();
    expect(await t.cache.get(CacheKey.leagueMembers(8))).toBeUndefined();
    expect(await t.cache.get(CacheKey.leaderboard(8, 3))).toBeUndefined();

    await t.cache.set(CacheKey.portfolio(3, 1), 'p1');
    await t.cache.set(CacheKey.portfolio(3, 2), 'p2');
    await t.cache.set(CacheKey.userStats(3), 's');
    await t.invalidator.invalidateUser(3);
    expect(await t.cache.get(CacheKey.portfolio(3, 1))).toBeUndefined();
    expect(await t.cache.get(CacheKey.portfolio(3, 2))).toBeUndefined();
    expect(await t.cache.get(CacheKey.userStats(3))).toBeUndefined();

    await t.cache.set(CacheKey.stockQuote('TSLA'), 'q');
    await t.cache.set(CacheKey.optionsChain('TSLA', '2026-01-17'), 'c1');
    await t.cache.set(CacheKey.optionsChain('TSLA', '2026-02-21'), 'c2');
    await t.cache.set(CacheKey.optionsChain('NVDA', '2026-01-17'), 'n');
    await t.invalidator.invalidateStock('tsla');
    expect(await t.cache.get(CacheKey.stockQuote('TSLA'))).toBeUndefined();
    expect(await t.cache.get(CacheKey.optionsChain('TSLA', '2026-01-17'))).toBeUndefined();
    expect(await t.cache.get(CacheKey.optionsChain('TSLA', '2026-02-21'))).toBeUndefined();
    expect(await t.cache.get(CacheKey.optionsChain('NVDA', '2026-01-17'))).toBe('n');
    await t.cache.set(CacheKey.optionsChain('NVDA', '2026-01-17'), 'n');
    await t.invalidator.invalidateOptionsChain('NVDA');
    expect(await t.cache.get(CacheKey.optionsChain('NVDA', '2026-01-17'))).toBeUndefined();
  });

  it('stores Redis values in the versioned envelope', async () => {
    if (mode !== 'redis') return;
    const key = CacheKey.league(321);
    await t.cache.set(key, { a: 1 });
    const redis = await rawRedis();
    expect(await redis.get(`${t.config.cache.prefix}:${key}`)).toMatch(/^c1\n\{.*\}\n\{"json":\{"a":1\}\}$/);
    await redis.close();
  });
});
