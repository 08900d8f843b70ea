import { CacheKey } from '../../src/cache/cache-key.js';
import { hasRedisServer } from '../support/servers.js';
import { eventually, instancePair, rawRedis, type CacheTestApp } from './cache-test-app.js';

/**
 * The cache bus's subscription refused when the instance starts (here by a Redis ACL that denies SUBSCRIBE to A's
 * user, as a misconfigured or overloaded server would): A hears no invalidation. It must not serve L1 entries that
 * another instance invalidated meanwhile, and it must subscribe by itself once Redis allows it, without a restart.
 */
(hasRedisServer ? describe : describe.skip)('cache bus subscription refused at start', () => {
  let a: CacheTestApp;
  let b: CacheTestApp;
  let admin: Awaited<ReturnType<typeof rawRedis>>;
  const pair = instancePair(
    {},
    {
      async aRedisUrl(redis) {
        const setup = await rawRedis(redis.url);
        await setup.sendCommand(['ACL', 'SETUSER', 'app', 'on', '>app-password', '~*', '&*', '+@all', '-subscribe']);
        await setup.close();
        const withUser = new URL(redis.url);
        withUser.username = 'app';
        withUser.password = 'app-password';
        return withUser.toString();
      },
    },
  );
  beforeAll(async () => {
    ({ a, b } = pair());
    admin = await rawRedis(pair().redis.url);
  });
  afterAll(() => admin?.close());

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
