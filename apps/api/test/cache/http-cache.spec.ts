import { CacheKey } from '../../src/cache/cache-key.js';
import { FakeRepository, CacheTestModule } from './cache-test.controller.js';
import { MODES, modeEnv, startCacheApp, type CacheTestApp } from './cache-test-app.js';

describe.each(MODES)('HTTP cache interceptor, @Cached and admin API (%s)', (mode) => {
  let t: CacheTestApp;
  let repo: FakeRepository;
  beforeAll(async () => {
    t = await startCacheApp({ env: modeEnv(mode), modules: [CacheTestModule] });
    repo = t.app.get(FakeRepository);
  });
  afterAll(() => t.close());
  beforeEach(() => t.cache.clear());

  it('MISS then HIT with the same JSON body and content type', async () => {
    const before = repo.calls;
    const first = await t.request({ url: '/cache-test/quote/AAPL' });
    const second = await t.request({ url: '/cache-test/quote/AAPL' });
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(repo.calls).toBe(before + 1);
    // Query order does not matter; other values do.
    const a = await t.request({ url: '/cache-test/quote/MSFT?x=1&y=2' });
    const b = await t.request({ url: '/cache-test/quote/MSFT?y=2&x=1' });
    const c = await t.request({ url: '/cache-test/quote/MSFT?y=3&x=1' });
    expect([a.headers['x-cache'], b.headers['x-cache'], c.headers['x-cache']]).toEqual(['MISS', 'HIT', 'MISS']);
  });

  it('never serves one user the data of another (scope user)', async () => {
    const alice = await t.signUp();
    const bob = await t.signUp();
    const a1 = await t.request({ url: '/cache-test/me/portfolio', token: alice.token });
    const b1 = await t.request({ url: '/cache-test/me/portfolio', token: bob.token });
    const a2 = await t.request({ url: '/cache-test/me/portfolio', token: alice.token });
    const b2 = await t.request({ url: '/cache-test/me/portfolio', token: bob.token });
    expect(a1.body.user_id).toBe(alice.id);
    expect(b1.body.user_id).toBe(bob.id);
    expect(b1.headers['x-cache']).toBe('MISS');
    expect(a2.body.user_id).toBe(alice.id);
    expect(a2.headers['x-cache']).toBe('HIT');
    expect(b2.body.user_id).toBe(bob.id);
    expect(b2.headers['x-cache']).toBe('HIT');
    expect((await t.request({ url: '/cache-test/me/portfolio' })).status).toBe(401);
  });

  it('keys league-scoped routes by league, and a trade in the league invalidates them', async () => {
    const user = await t.signUp();
    const l1 = await t.request({ url: '/cache-test/leagues/1/leaderboard', token: user.token });
    const l2 = await t.request({ url: '/cache-test/leagues/2/leaderboard', token: user.token });
    expect(l1.body.league_id).toBe(1);
    expect(l2.body.league_id).toBe(2);
    expect((await t.request({ url: '/cache-test/leagues/1/leaderboard', token: user.token })).headers['x-cache']).toBe(
      'HIT',
    );
    await t.invalidator.invalidateTradeImpact(user.id, 1, 'AAPL');
    const after = await t.request({ url: '/cache-test/leagues/1/leaderboard', token: user.token });
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.call).toBeGreaterThan(l1.body.call);
    expect((await t.request({ url: '/cache-test/leagues/2/leaderboard', token: user.token })).headers['x-cache']).toBe(
      'HIT',
    );
  });

  it('lets an admin bypass with Cache-Control: no-cache, and no one else', async () => {
    const admin = await t.signUp(undefined, 'admin');
    const user = await t.signUp();
    await t.request({ url: '/cache-test/quote/IBM' });
    const bypass = await t.request({
      url: '/cache-test/quote/IBM',
      token: admin.token,
      headers: { 'cache-control': 'no-cache' },
    });
    expect(bypass.headers['x-cache']).toBe('BYPASS');
    const ignored = await t.request({
      url: '/cache-test/quote/IBM',
      token: user.token,
      headers: { 'cache-control': 'no-cache' },
    });
    expect(ignored.headers['x-cache']).toBe('HIT');
  });

  it('does not cache a route without an explicit scope', async () => {
    const user = await t.signUp();
    const first = await t.request({ url: '/cache-test/unscoped', token: user.token });
    const second = await t.request({ url: '/cache-test/unscoped', token: user.token });
    expect(first.headers['x-cache']).toBe('BYPASS');
    expect(second.body.call).toBe(first.body.call + 1);
  });

  it('@Cached caches a provider method by its arguments', async () => {
    const first = await t.request({ url: '/cache-test/leagues/31' });
    const second = await t.request({ url: '/cache-test/leagues/31' });
    const other = await t.request({ url: '/cache-test/leagues/32' });
    expect(second.body).toEqual(first.body);
    expect(other.body.id).toBe(32);
    expect(other.body.call).toBe(first.body.call + 1);
    expect(await t.cache.get(CacheKey.league(31))).toEqual(first.body);
  });

  it('GET /admin/monitoring/cache/json: stats, backend, Redis and breaker state, key counts per type', async () => {
    const admin = await t.signUp(undefined, 'admin');
    const user = await t.signUp();
    await t.request({ url: '/cache-test/direct/1' });
    await t.request({ url: '/cache-test/direct/1' });
    await t.cache.set(CacheKey.stockQuote('AAPL'), { p: 1 });
    const res = await t.request({ url: '/admin/monitoring/cache/json', token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      backend: mode,
      prefix: t.config.cache.prefix,
      breaker_state: 'closed',
      redis: { enabled: mode === 'redis', connected: mode === 'redis', reachable: mode === 'redis' },
      l1: { max_entries: t.config.cache.l1MaxEntries },
      ttl_seconds: { leaderboard: 300, quote: 60, session: 300 },
    });
    for (const field of ['hits', 'misses', 'sets', 'deletes', 'total_requests', 'hit_rate_percent']) {
      expect(typeof res.body.stats[field]).toBe('number');
    }
    expect(res.body.stats.hits).toBeGreaterThanOrEqual(1);
    expect(res.body.keys.by_type).toMatchObject({ league_members: 1, quote: 1 });
    expect((await t.request({ url: '/admin/monitoring/cache/json', token: user.token })).status).toBe(403);
    expect((await t.request({ url: '/admin/monitoring/cache/json' })).status).toBe(401);
  });

  it('POST /admin/monitoring/cache/clear validates the pattern, clears and audit-logs', async () => {
    const admin = await t.signUp(undefined, 'admin');
    await t.cache.set(CacheKey.leaderboard(1, 1), 1);
    await t.cache.set(CacheKey.leaderboard(1, 2), 2);
    await t.cache.set(CacheKey.league(1), 3);
    const bad = await t.request({
      method: 'POST',
      url: '/admin/monitoring/cache/clear',
      token: admin.token,
      body: { pattern: 'a b' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/pattern/);
    const extra = await t.request({
      method: 'POST',
      url: '/admin/monitoring/cache/clear',
      token: admin.token,
      body: { nope: 1 },
    });
    expect(extra.status).toBe(400);
    const res = await t.request({
      method: 'POST',
      url: '/admin/monitoring/cache/clear',
      token: admin.token,
      body: { pattern: 'leaderboard:*' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cleared: true, pattern: 'leaderboard:*', removed: 2 });
    expect(await t.cache.get(CacheKey.leaderboard(1, 1))).toBeUndefined();
    expect(await t.cache.get(CacheKey.league(1))).toBe(3);
    const all = await t.request({ method: 'POST', url: '/admin/monitoring/cache/clear', token: admin.token, body: {} });
    expect(all.body).toMatchObject({ cleared: true, pattern: null });
    expect(await t.cache.get(CacheKey.league(1))).toBeUndefined();
    const audit = await t.db.query<{ actor_id: number; action: string; target: string }>(
      `SELECT actor_id, action, target FROM audit_logs WHERE action = 'cache.clear' ORDER BY id`,
    );
    expect(audit.map((r) => [r.actor_id, r.target])).toEqual([
      [admin.id, 'cache:leaderboard:*'],
      [admin.id, 'cache:*'],
    ]);
  });
});
