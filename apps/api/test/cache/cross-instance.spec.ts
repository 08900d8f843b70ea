import { randomBytes } from 'node:crypto';
import { CacheKey } from '../../src/cache/cache-key.js';
import { startRedisCluster, type OwnRedisCluster } from '../support/servers.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import {
  eventually,
  HAS_REDIS,
  modeEnv,
  SHARED_MODES,
  sleep,
  startCacheApp,
  type CacheTestApp,
} from './cache-test-app.js';

/** How long the bus may take to reach the other instance here: a loaded test machine, not the product's figure. */
const BUS_BOUND_MS = 2_000;

const describeRedis = HAS_REDIS ? describe.each(SHARED_MODES) : describe.skip.each(SHARED_MODES);

/**
 * Two instances of the app sharing one database, one Redis (a server, or a Redis Cluster) and one cache namespace,
 * as behind a load balancer.
 */
describeRedis('cache across two instances (%s)', (mode) => {
  let db: TestDatabase;
  let a: CacheTestApp;
  let b: CacheTestApp;
  let cluster: OwnRedisCluster | null = null;
  beforeAll(async () => {
    db = await createTestDatabase();
    cluster = mode === 'cluster' ? await startRedisCluster() : null;
    const env = modeEnv('redis', {
      CACHE_PREFIX: `x${randomBytes(4).toString('hex')}`,
      ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodes.join(',') } : {}),
    });
    a = await startCacheApp({ env, db });
    b = await startCacheApp({ env, db });
  }, 30_000);
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
    await cluster?.stop();
  });

  /**
   * Puts `key` in B's L1 (through L2), then changes it on A: B must stop serving it as soon as the bus delivers,
   * long before any TTL (minutes). The bound is loose on purpose: the machine running the tests may be busy.
   */
  async function expectDroppedOnB(key: string, change: () => Promise<unknown>): Promise<void> {
    await a.cache.set(key, 'v1');
    expect(await b.cache.get(key)).toBe('v1');
    await change();
    expect(await eventually(async () => (await b.cache.get(key)) === undefined, BUS_BOUND_MS, 2)).toBe(true);
  }

  it('a delete on one instance drops the entry from the other L1', async () => {
    await expectDroppedOnB(CacheKey.league(1), () => a.cache.delete(CacheKey.league(1)));
  });

  it('a pattern delete, a clear and a group invalidation reach the other instance too', async () => {
    await expectDroppedOnB(CacheKey.leaderboard(2, 1), () => a.cache.deletePattern('leaderboard:2:*'));
    await expectDroppedOnB(CacheKey.league(3), () => a.cache.clear());
    await expectDroppedOnB(CacheKey.leaderboard(4, 7), () => a.invalidator.invalidateTradeImpact(1, 4, 'AAPL'));
    await expectDroppedOnB(CacheKey.optionsChain('AAPL', '2026-01-17'), () => a.invalidator.invalidateStock('AAPL'));
  });

  it('a set on one instance replaces the other instance copy', async () => {
    const key = CacheKey.league(9);
    await a.cache.set(key, 'old');
    expect(await b.cache.get(key)).toBe('old');
    await a.cache.set(key, 'new');
    expect(await eventually(async () => (await b.cache.get(key)) === 'new', BUS_BOUND_MS, 2)).toBe(true);
  });

  it('stampede across instances: 500 concurrent misses on each of two instances fetch once', async () => {
    // Start from a settled state: an invalidation of an earlier test still pending on an instance (a clear that
    // missed Redis on a busy machine) keeps that instance from reading the other's result from Redis.
    expect(await a.cache.settleInvalidations(5_000)).toBe(true);
    expect(await b.cache.settleInvalidations(5_000)).toBe(true);
    const key = CacheKey.leaderboard(77, 1);
    let calls = 0;
    const fetch = async () => {
      calls++;
      await sleep(100);
      return { rows: [1, 2, 3] };
    };
    const all = await Promise.all([
      ...Array.from({ length: 500 }, () => a.cache.getOrFetch(key, fetch)),
      ...Array.from({ length: 500 }, () => b.cache.getOrFetch(key, fetch)),
    ]);
    expect(calls).toBe(1);
    expect(all.every((r) => r.rows.length === 3)).toBe(true);
  });

  it('statistics are aggregated across instances', async () => {
    await a.cache.resetStats();
    await sleep(20);
    await a.cache.getOrFetch(CacheKey.league(50), async () => 1); // a: miss
    await b.cache.getOrFetch(CacheKey.league(50), async () => 1); // b: hit (L2)
    await b.cache.get(CacheKey.league(51)); // b: miss
    // Counters reach Redis in batches (every second), off the request path.
    const expected = { hits: 1, misses: 2, total_requests: 3, l2_hits: 1 };
    const matches = (s: object) => Object.entries(expected).every(([k, v]) => (s as Record<string, number>)[k] === v);
    expect(await eventually(async () => matches(await a.cache.getStats()), 3_000, 100)).toBe(true);
    expect(matches(await b.cache.getStats())).toBe(true);
  });

  it('logout revokes the cached session on every instance at once', async () => {
    const user = await a.signUp();
    expect((await b.request({ url: '/api/auth/me', token: user.token })).status).toBe(200);
    expect((await a.request({ url: '/api/auth/me', token: user.token })).status).toBe(200);
    // Both instances now answer from their cache: the database is not asked again.
    expect((await a.request({ method: 'POST', url: '/api/auth/logout', token: user.token })).status).toBe(204);
    expect((await a.request({ url: '/api/auth/me', token: user.token })).status).toBe(401);
    // The other instance hears of it over pub/sub, long before its cached copy would expire.
    expect(
      await eventually(
        async () => (await b.request({ url: '/api/auth/me', token: user.token })).status === 401,
        BUS_BOUND_MS,
        1,
      ),
    ).toBe(true);
  });
});
