import { createClient } from 'redis';
import { CacheKey } from '../src/cache/cache-key.js';
import { CacheService } from '../src/cache/cache.service.js';
import { RedisConnection } from '../src/redis/redis-connection.js';
import { JobLeases } from '../src/scheduling/job-lease.js';
import { freePort, hasRedisServer, startOwnRedis, type OwnRedis } from './support/servers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const describeWithRedisServer = hasRedisServer ? describe : describe.skip;

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithRedisServer('Redis unreachable at start', () => {
  let port: number;
  let t: TestApp;
  let redis: OwnRedis | null = null;
  let startedInMs: number;
  beforeAll(async () => {
    port = await freePort();
    const started = Date.now();
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    startedInMs = Date.now() - started;
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  }, 30_000);

  it('comes up on the in-process cache within seconds and answers ready', async () => {
    expect(startedInMs).toBeLessThan(10_000);
    const ready = await t.request({ url: '/health/ready' });
    expect(ready.status).toBe(200);
    expect(ready.body.overall_status).toBe('degraded');
    const cache = t.app.get(CacheService);
    expect(cache.backend).toBe('memory');
    await cache.set(CacheKey.league(1), { id: 1 });
    expect(await cache.get(CacheKey.league(1))).toEqual({ id: 1 });
    expect(t.app.get(JobLeases).backend).toBe('postgres');
  });

  it('attaches to Redis when it appears: L2, cache bus, shared stats and job leases, without a restart', async () => {
    redis = await startOwnRedis(port);
    const connection = t.app.get(RedisConnection);
    await waitFor(() => connection.isReady, 10_000, 'the app to reach Redis');
    const cache = t.app.get(CacheService);
    expect(cache.backend).toBe('redis');
    const prefix = t.config.cache.prefix;
    const raw = createClient({ url: redis.url });
    const listener = raw.duplicate();
    await raw.connect();
    await listener.connect();
    try {
      // L2: a value set now is in Redis, where another instance would find it.
      const key = CacheKey.league(2);
      await cache.set(key, { id: 2 });
      expect(await raw.exists(`${prefix}:${key}`)).toBe(1);

      // Bus, outgoing: a delete is published to the other instances.
      const heard: string[] = [];
      await listener.subscribe(`${prefix}#bus`, (message) => heard.push(message));
      await cache.delete(key);
      await waitFor(() => heard.some((m) => JSON.parse(m).kind === 'delete'), 5_000, 'the published delete');

      // Bus, incoming: the subscription made while Redis was away is live; another instance's delete drops L1.
      const local = CacheKey.league(3);
      await cache.set(local, { id: 3 });
      await waitFor(
        async () => {
          await raw.unlink(`${prefix}:${local}`);
          await raw.publish(`${prefix}#bus`, JSON.stringify({ kind: 'delete', keys: [local], origin: 'other' }));
          return (await cache.get(local)) === undefined;
        },
        5_000,
        'the remote delete to reach L1',
      );

      // Shared stats: this instance's counters reach the Redis hash every instance reads.
      await cache.get(CacheKey.league(4));
      await waitFor(async () => Number(await raw.hGet(`${prefix}#stats`, 'misses')) > 0, 5_000, 'stats in Redis');

      // Job leases: taken in Redis, no longer by PostgreSQL advisory locks.
      const leases = t.app.get(JobLeases);
      expect(leases.backend).toBe('redis');
      const attempt = await leases.acquire('attach_probe', null, 10_000);
      expect(attempt.status).toBe('acquired');
      if (attempt.status === 'acquired') {
        expect(attempt.lease.backend).toBe('redis');
        await attempt.lease.release();
      }

      const ready = await t.request({ url: '/health/ready' });
      expect(ready.status).toBe(200);
    } finally {
      await listener.close();
      await raw.close();
    }
  }, 30_000);
});
