import { randomBytes } from 'node:crypto';
import { CacheKey } from '../../src/cache/cache-key.js';
import { hasRedisServer, startOwnRedis, type OwnRedis } from '../support/servers.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { eventually, rawRedis, startCacheApp, type CacheTestApp } from './cache-test-app.js';

/**
 * The cache bus's subscription refused when the instance starts (here by a Redis ACL that denies SUBSCRIBE to A's
 * user, as a misconfigured or overloaded server would): A hears no invalidation. It must not serve L1 entries that
 * another instance invalidated meanwhile, and it must subscribe by itself once Redis allows it, without a restart.
 */
(hasRedisServer ? describe : describe.skip)('cache bus subscription refused at start', () => {
  let redis: OwnRedis;
  let db: TestDatabase;
  let a: CacheTestApp;
  let b: CacheTestApp;
  let admin: Awaited<ReturnType<typeof rawRedis>>;

  beforeAll(async () => {
    redis = await startOwnRedis();
    db = await createTestDatabase();
    admin = await rawRedis(redis.url);
    await admin.sendCommand(['ACL', 'SETUSER', 'app', 'on', '>app-password', '~*', '&*', '+@all', '-subscribe']);
    const env = { REDIS_ENABLED: 'true', CACHE_PREFIX: `bs${randomBytes(4).toString('hex')}` };
    const withUser = new URL(redis.url);
    withUser.username = 'app';
    withUser.password = 'app-password';
    a = await startCacheApp({ env: { ...env, REDIS_URL: withUser.toString() }, db });
    b = await startCacheApp({ env: { ...env, REDIS_URL: redis.url }, db });
  });
  afterAll(async () => {
    await admin?.close();
    await a?.close();
    await b?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('serves no entry another instance deleted while it cannot hear, and hears once SUBSCRIBE is allowed', async () => {
    const key = CacheKey.league(77);
    await b.cache.set(key, 'old');
    expect(await a.cache.get(key)).toBe('old'); // from Redis, now in A's L1 too
    await b.cache.delete(key); // the message never reaches A
    // A cannot hear, so it does not trust its L1 while Redis answers: it reads Redis, where the key is gone.
    expect(await a.cache.get(key)).toBeUndefined();

    await admin.sendCommand(['ACL', 'SETUSER', 'app', '+subscribe']);
    // Subscribed again on its own (a heartbeat later), A trusts its L1 again: B's value is served from there.
    const second = CacheKey.league(78);
    await b.cache.set(second, 'second');
    expect(
      await eventually(
        async () =>
          (await a.cache.get(second)) === 'second' && a.cache.peekEntity(second, { count: false }) !== undefined,
        10_000,
        50,
      ),
    ).toBe(true);
    // And B's delete reaches that L1 through the bus.
    await b.cache.delete(second);
    expect(await eventually(async () => (await a.cache.get(second)) === undefined, 5_000, 10)).toBe(true);
  });
});
