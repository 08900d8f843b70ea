import { hasRedisServer, startOwnRedis, type OwnRedis } from './support/servers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { eventually } from './cache/cache-test-app.js';

const describeServer = hasRedisServer ? describe : describe.skip;

/** Two instances on one database and one Redis of the test's own, which is killed mid-test. */
describeServer('session revocation across instances', () => {
  let redis: OwnRedis;
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = await startOwnRedis();
    db = await createTestDatabase();
    const env = {
      REDIS_URL: redis.url,
      REDIS_ENABLED: 'true',
      CACHE_PREFIX: `rev${Date.now().toString(36)}`,
      CACHE_OPERATION_TIMEOUT: '50ms',
      CACHE_BREAKER_THRESHOLD: '2',
      CACHE_BREAKER_WINDOW: '0ms',
      CACHE_BREAKER_RESET: '300ms',
    };
    a = await startTestApp({ db, env });
    b = await startTestApp({ db, env });
  }, 60_000);
  afterAll(async () => {
    await a.close();
    await b.close();
    await redis.stop();
    await db.drop();
  }, 60_000);

  const me = (t: TestApp, token: string) => t.request({ url: '/api/auth/me', token }).then((r) => r.status);
  const users = (t: TestApp, token: string) => t.request({ url: '/admin/users', token }).then((r) => r.status);

  it('honours a logout made during a Redis outage on the other instance, also after Redis returns', async () => {
    const user = await a.signUp();
    // Both instances have the session cached (L1, and L2 in Redis).
    expect(await me(a, user.token)).toBe(200);
    expect(await me(b, user.token)).toBe(200);
    await redis.stop();
    expect((await a.request({ method: 'POST', url: '/api/auth/logout', token: user.token })).status).toBe(204);
    expect(await eventually(async () => (await me(b, user.token)) === 401, 3_000)).toBe(true);
    expect(await me(a, user.token)).toBe(401);
    // Redis comes back holding the session entry written before the logout: it must not revive the session.
    await redis.start();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await me(b, user.token)).toBe(401);
    expect(await me(a, user.token)).toBe(401);
  }, 60_000);

  it('drops admin rights on both instances within seconds of a role change', async () => {
    const user = await a.signUp('reviewer' + Date.now().toString(36), 'admin');
    expect(await users(a, user.token)).toBe(200);
    expect(await users(b, user.token)).toBe(200);
    await db.query(`UPDATE users SET role = 'user' WHERE id = $1`, [user.id]);
    expect(await eventually(async () => (await users(a, user.token)) === 403, 3_000)).toBe(true);
    expect(await eventually(async () => (await users(b, user.token)) === 403, 3_000)).toBe(true);
  }, 60_000);

  it('ends the sessions of a deleted user on both instances', async () => {
    const user = await b.signUp();
    expect(await me(a, user.token)).toBe(200);
    expect(await me(b, user.token)).toBe(200);
    await db.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    expect(await eventually(async () => (await me(a, user.token)) === 401, 3_000)).toBe(true);
    expect(await eventually(async () => (await me(b, user.token)) === 401, 3_000)).toBe(true);
  }, 60_000);
});
