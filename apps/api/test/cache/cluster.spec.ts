import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createClient, createCluster } from 'redis';
import { RateCounter } from '../../src/auth/rate-counter.js';
import { CacheKey } from '../../src/cache/cache-key.js';
import type { RedisTier } from '../../src/cache/redis-tier.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { RequestMetrics } from '../../src/monitoring/request-metrics.js';
import { RedisConnection } from '../../src/redis/redis-connection.js';
import { freePort, hasRedisServer, startRedisCluster, type OwnRedisCluster } from '../support/servers.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { eventually, sleep, startCacheApp, type CacheTestApp } from './cache-test-app.js';

describe('Redis Cluster configuration', () => {
  it('REDIS_CLUSTER_NODES or a redis+cluster:// URL selects the cluster client; bad lists are config errors', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001' }).redisCluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-b', port: 7001 },
      ],
    });
    expect(loadConfig({ REDIS_URL: 'redis+cluster://app:s%40cret@h1:7000,h2:7001' }).redisCluster).toEqual({
      nodes: [
        { host: 'h1', port: 7000 },
        { host: 'h2', port: 7001 },
      ],
      username: 'app',
      password: 's@cret',
    });
    expect(loadConfig({ REDIS_URL: 'redis://h1:6379' }).redisCluster).toBeNull();
    // Kept as given, so that processes started from this configuration are given the same cluster.
    expect(loadConfig({ REDIS_URL: 'redis+cluster://h1:7000' }).redisUrl).toBe('redis+cluster://h1:7000');
    for (const bad of ['h1', 'h1:0', 'h1:70000', 'h1:7000,', 'h 1:7000']) {
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://' })).toThrow(/REDIS_URL/);
    // The password never appears in the message.
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://u:hunter2@h1' })).toThrow(/^(?!.*hunter2)/s);
  });
});

const describeCluster = hasRedisServer ? describe : describe.skip;

/**
 * Two instances on a local three-master cluster. Every check looks at the cluster itself (which master holds
 * which key), so an instance that silently fell back to its in-process cache, or to another Redis, fails here.
 */
describeCluster('cache, leases and stats on a Redis Cluster', () => {
  let redis: OwnRedisCluster;
  let db: TestDatabase;
  let a: CacheTestApp;
  let b: CacheTestApp;
  let prefix: string;
  let raw: ReturnType<typeof createCluster>;
  let masters: Array<ReturnType<typeof createClient>>;

  beforeAll(async () => {
    redis = await startRedisCluster();
    db = await createTestDatabase();
    prefix = `c${randomBytes(4).toString('hex')}`;
    // Correctness on a cluster is under test here, not the 50 ms budget per command on a busy machine.
    const timeout = { CACHE_OPERATION_TIMEOUT: '1s' };
    // One instance configured each way; REDIS_URL of the test run is replaced so nothing reaches the shared Redis.
    a = await startCacheApp({
      db,
      env: { ...timeout, CACHE_PREFIX: prefix, REDIS_URL: `redis+cluster://${redis.nodes.join(',')}` },
    });
    b = await startCacheApp({
      db,
      env: {
        ...timeout,
        CACHE_PREFIX: prefix,
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_CLUSTER_NODES: redis.nodes.join(','),
      },
    });
    raw = createCluster({ rootNodes: redis.nodes.map((n) => ({ url: `redis://${n}` })) });
    await raw.connect();
    masters = await Promise.all(
      redis.ports.map(async (port) => {
        const client = createClient({ socket: { host: '127.0.0.1', port } });
        await client.connect();
        return client;
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await raw?.close();
    for (const m of masters ?? []) await m.close();
    await db?.drop();
    await redis?.stop();
  }, 30_000);

  const physical = (key: string) => `${prefix}:${key}`;
  /** Keys of this namespace on each master (SCAN of each node). */
  async function keysPerMaster(pattern = `${prefix}:*`): Promise<string[][]> {
    return Promise.all(
      masters.map(async (m) => {
        const found: string[] = [];
        for await (const keys of m.scanIterator({ MATCH: pattern, COUNT: 500 })) found.push(...keys);
        return found;
      }),
    );
  }
  const tierOf = (app: CacheTestApp) => (app.cache as unknown as { tier: RedisTier }).tier;

  it('get, set and delete go through the cluster', async () => {
    const key = CacheKey.league(1);
    await a.cache.set(key, { name: 'one' });
    expect(await raw.exists(physical(key))).toBe(1);
    expect(await b.cache.get(key)).toEqual({ name: 'one' });
    await b.cache.delete(key);
    expect(await raw.exists(physical(key))).toBe(0);
    // A's L1 copy goes when the bus message arrives.
    expect(await eventually(async () => (await a.cache.get(key)) === undefined, 2_000)).toBe(true);
  });

  it('a delete of many keys spread over every master removes them all', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => CacheKey.league(100 + i));
    for (const key of keys) await a.cache.set(key, i(key));
    const spread = await keysPerMaster(`${prefix}:league:1??`);
    expect(spread.filter((k) => k.length > 0)).toHaveLength(3);
    await a.cache.delete(keys);
    expect((await keysPerMaster(`${prefix}:league:1??`)).flat()).toEqual([]);
    expect(await b.cache.get(keys[7]!)).toBeUndefined();
  });

  it('deletePattern and clear scan every master and keep other namespaces', async () => {
    const board = Array.from({ length: 40 }, (_, n) => CacheKey.leaderboard(5, n + 1));
    for (const key of board) await a.cache.set(key, i(key));
    await a.cache.set(CacheKey.league(5), 'kept');
    await raw.set('other-namespace:leaderboard:5:page:1', 'untouched');
    expect((await keysPerMaster(`${prefix}:leaderboard:5:*`)).filter((k) => k.length > 0)).toHaveLength(3);
    const counted = await b.cache.keyCounts();
    expect(counted.source).toBe('redis');
    expect(counted.counts.leaderboard).toBe(40);

    expect(await b.cache.deletePattern('leaderboard:5:*')).toBe(40);
    expect((await keysPerMaster(`${prefix}:leaderboard:5:*`)).flat()).toEqual([]);
    expect(await raw.get(physical(CacheKey.league(5)))).not.toBeNull();
    // A's L1 copy goes when the bus delivers B's pattern delete (bounded loosely: the machine may be busy).
    expect(await eventually(async () => (await a.cache.get(board[0]!)) === undefined, 2_000)).toBe(true);

    for (const key of board) await a.cache.set(key, i(key));
    await b.cache.clear();
    expect((await keysPerMaster()).flat()).toEqual([]);
    expect(await raw.get('other-namespace:leaderboard:5:page:1')).toBe('untouched');
  });

  it('a write on one instance drops the entry from the other instance L1 (bus over the cluster)', async () => {
    const check = async (key: string, change: () => Promise<unknown>) => {
      await a.cache.set(key, 'v1');
      expect(await b.cache.get(key)).toBe('v1');
      await change();
      expect(await eventually(async () => (await b.cache.get(key)) === undefined, 2_000)).toBe(true);
    };
    await check(CacheKey.league(20), () => a.cache.delete(CacheKey.league(20)));
    await check(CacheKey.leaderboard(21, 1), () => a.invalidator.invalidateTradeImpact(1, 21, 'AAPL'));
    await check(CacheKey.leaderboard(22, 1), () => a.cache.deletePattern('leaderboard:22:*'));
  });

  it('group generations of groups in different slots are bumped and read together', async () => {
    const groups = ['leaderboard:31', 'leaderboard:32', 'user:33', 'activity:34'];
    await a.cache.invalidateGroups(groups);
    const read = await tierOf(b).generations(groups);
    expect(Array.isArray(read)).toBe(true);
    expect((read as number[]).every((n) => n > 0)).toBe(true);
  });

  it('a stampede of misses on two instances fetches once (fetch lease on the cluster)', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      await sleep(100);
      return { rows: [1, 2, 3] };
    };
    const key = CacheKey.leaderboard(40, 1);
    // Start from a settled state: an invalidation of an earlier test still pending on an instance (a clear that
    // missed Redis on a busy machine) keeps that instance from reading the other's result from Redis.
    expect(await a.cache.settleInvalidations(5_000)).toBe(true);
    expect(await b.cache.settleInvalidations(5_000)).toBe(true);
    const all = await Promise.all([
      ...Array.from({ length: 100 }, () => a.cache.getOrFetch(key, fetch)),
      ...Array.from({ length: 100 }, () => b.cache.getOrFetch(key, fetch)),
    ]);
    expect(calls).toBe(1);
    expect(all.every((r) => r.rows.length === 3)).toBe(true);
  });

  it('rate counters are shared through the cluster', async () => {
    const key = `login:${randomBytes(4).toString('hex')}`;
    expect((await a.app.get(RateCounter).hit(key, 60_000)).count).toBe(1);
    expect((await b.app.get(RateCounter).hit(key, 60_000)).count).toBe(2);
    expect(await raw.get(`${prefix}#limit:{${key}}`)).toBe('2');
  });

  it('statistics and request metrics are aggregated across instances', async () => {
    await a.cache.resetStats();
    await sleep(20);
    await a.cache.getOrFetch(CacheKey.league(50), async () => 1);
    await b.cache.getOrFetch(CacheKey.league(50), async () => 1);
    const expected = { hits: 1, misses: 1, l2_hits: 1 };
    const matches = (s: object) => Object.entries(expected).every(([k, v]) => (s as Record<string, number>)[k] === v);
    expect(await eventually(async () => matches(await b.cache.getStats()), 3_000, 100)).toBe(true);

    for (const app of [a, b]) {
      app.app.get(RequestMetrics).record('GET', '/api/cluster-test', 200, 3);
      await app.app.get(RequestMetrics).flush();
    }
    const { scope, minutes } = await a.app
      .get(RequestMetrics)
      .histograms(new Date(Date.now() - 120_000), new Date(Date.now() + 60_000));
    expect(scope).toBe('cluster');
    const counted = [...minutes.values()].reduce((n, table) => n + (table.get('GET /api/cluster-test')?.count ?? 0), 0);
    expect(counted).toBe(2);
  });
});

describeCluster('Redis Cluster connection', () => {
  let redis: OwnRedisCluster | undefined;
  let t: CacheTestApp | undefined;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await redis?.stop();
  }, 30_000);

  it('stops trying to reach the seed nodes when the app closes before the cluster appeared', async () => {
    let attempts = 0;
    const seed = net.createServer((socket) => {
      attempts++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => seed.listen(0, '127.0.0.1', resolve));
    const port = (seed.address() as net.AddressInfo).port;
    const app = await startCacheApp({
      db,
      env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_NODES: `127.0.0.1:${port}` },
    });
    expect(await eventually(() => attempts > 1, 5_000, 20)).toBe(true);
    await app.close();
    await sleep(100);
    const atClose = attempts;
    await sleep(2_500);
    expect(attempts).toBe(atClose);
    await new Promise((resolve) => seed.close(resolve));
  }, 20_000);

  it('attaches to a cluster that appears after start, and recovers when a master comes back', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const nodes = ports.map((p) => `127.0.0.1:${p}`).join(',');
    t = await startCacheApp({ db, env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_NODES: nodes } });
    const connection = t.app.get(RedisConnection);
    let recovered = 0;
    connection.onReconnect(() => recovered++);
    expect(connection.isReady).toBe(false);
    expect((await t.cache.probe()).reachable).toBe(false);

    redis = await startRedisCluster(ports);
    expect(await eventually(() => connection.isReady, 10_000, 50)).toBe(true);
    expect(recovered).toBe(1);
    expect(await eventually(async () => (await t!.cache.probe()).reachable, 10_000, 100)).toBe(true);
    await t.cache.set(CacheKey.league(1), 'attached');
    expect(await eventually(async () => (await t!.cache.keyCounts()).counts.league === 1, 5_000, 50)).toBe(true);

    await redis.stopNode(0);
    expect(await eventually(() => !connection.isReady, 5_000, 20)).toBe(true);
    await redis.startNode(0);
    expect(await eventually(() => connection.isReady, 10_000, 50)).toBe(true);
    expect(recovered).toBe(2);
  }, 40_000);
});

/** A small value that differs per key. */
function i(key: string): { key: string } {
  return { key };
}
