import { CacheKey } from '../../src/cache/cache-key.js';
import { DomainEvent, type CacheErrorEvent } from '../../src/events/domain-events.js';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CacheTestModule, FakeRepository } from './cache-test.controller.js';
import { hasRedisServer, startOwnRedis, type OwnRedis } from '../support/servers.js';
import { eventually, rawRedis, sleep, startCacheApp, type CacheTestApp } from './cache-test-app.js';

const describeServer = hasRedisServer ? describe : describe.skip;

/** A Redis of the test's own, killed mid-test: clients must not notice, and the cache must recover by itself. */
describeServer('Redis outage', () => {
  let redis: OwnRedis;
  let t: CacheTestApp;
  const errors: CacheErrorEvent[] = [];
  beforeAll(async () => {
    redis = await startOwnRedis();
    t = await startCacheApp({
      env: {
        REDIS_URL: redis.url,
        REDIS_ENABLED: 'true',
        CACHE_OPERATION_TIMEOUT: '50ms',
        CACHE_BREAKER_THRESHOLD: '3',
        CACHE_BREAKER_WINDOW: '0ms',
        CACHE_BREAKER_RESET: '300ms',
      },
      modules: [CacheTestModule],
    });
    t.app.get(EventEmitter2).on(DomainEvent.CacheError, (e: CacheErrorEvent) => errors.push(e));
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('keeps answering from L1 and the fetch function while Redis is down, then uses Redis again', async () => {
    const repo = t.app.get(FakeRepository);
    const user = await t.signUp();
    expect((await t.request({ url: '/cache-test/quote/AAPL' })).headers['x-cache']).toBe('MISS');
    expect((await t.request({ url: '/cache-test/direct/1' })).status).toBe(200);
    expect((await t.cache.probe()).reachable).toBe(true);

    await redis.stop(); // SIGKILL: no goodbye to the clients
    await sleep(100);

    // Cached in L1: still a HIT. Not cached: fetched (MISS). Sessions resolve. Never a 5xx, never a hang.
    const before = repo.calls;
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const cached = await t.request({ url: '/cache-test/quote/AAPL' });
      const fresh = await t.request({ url: `/cache-test/direct/${100 + i}` });
      const me = await t.request({ url: '/api/auth/me', token: user.token });
      expect(cached.status).toBe(200);
      expect(cached.headers['x-cache']).toBe('HIT');
      expect(fresh.status).toBe(200);
      expect(fresh.body.id).toBe(100 + i);
      expect(me.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    expect(repo.calls - before).toBe(30);
    expect((await t.cache.getStats()).breaker_state).not.toBe('closed');
    const probe = await t.cache.probe();
    expect(probe.reachable).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ operation: expect.any(String), message: expect.any(String) });
    const admin = await t.request({
      url: '/admin/monitoring/cache/json',
      token: (await t.signUp(undefined, 'admin')).token,
    });
    expect(admin.status).toBe(200);
    expect(admin.body.redis.reachable).toBe(false);

    // Redis comes back on the same port: the client reconnects, the breaker closes, L2 is written again.
    await redis.start();
    expect(await eventually(async () => (await t.cache.probe()).reachable, 10_000, 100)).toBe(true);
    await t.cache.set(CacheKey.league(7), { back: true });
    const raw = await rawRedis(redis.url);
    expect(await raw.get(`${t.config.cache.prefix}:${CacheKey.league(7)}`)).toMatch(/^c1\n/);
    await raw.close();
    expect((await t.cache.getStats()).breaker_state).toBe('closed');
  }, 60_000);
});
