import { CacheKey } from '../../src/cache/cache-key.js';
import { upcomingExpirations } from '../../src/market/option-contract.js';
import { CachedReads, type CachedRead } from '../../src/trading/cached-reads.js';
import { LeaderboardService } from '../../src/trading/leaderboard.service.js';
import { PortfolioService } from '../../src/trading/portfolio.service.js';
import {
  leagueWithTwoPages,
  MODES,
  modeEnv,
  redisBody,
  startWiringApp,
  truth,
  type League,
  type WiringApp,
} from './support.js';

/** Options chains carry the time they were priced at: compare them without it. */
const timeless = (text: string) => {
  const { as_of: _asOf, days_to_expiration: _days, ...rest } = JSON.parse(text);
  return rest;
};

describe.each(MODES)('cached trading routes (%s)', (mode) => {
  let t: WiringApp;
  let league: League;
  let reads: CachedReads;
  beforeAll(async () => {
    t = await startWiringApp({ env: modeEnv(mode) });
    league = await leagueWithTwoPages(t);
    reads = t.app.get(CachedReads);
  });
  afterAll(() => t.close());
  beforeEach(() => t.cache.clear());

  it('every cached GET: MISS then HIT with the same bytes, stored under its DESIGN.md key, as CachedReads builds it', async () => {
    const { id, owner, late } = league;
    const [, exp2] = upcomingExpirations(new Date());
    const routes: { url: string; key: string; read: CachedRead; timeless?: boolean }[] = [
      { url: `/api/leagues/${id}/leaderboard`, key: CacheKey.leaderboard(id, 1), read: reads.leaderboardPage(id, 1) },
      {
        url: `/api/leagues/${id}/leaderboard?page=2`,
        key: CacheKey.leaderboard(id, 2),
        read: reads.leaderboardPage(id, 2),
      },
      {
        url: `/api/leagues/${id}/portfolio`,
        key: CacheKey.portfolio(owner.id, id),
        read: reads.portfolio(owner.id, id),
      },
      {
        url: `/api/leagues/${id}/portfolio/${late.id}`,
        key: CacheKey.portfolio(late.id, id),
        read: reads.portfolio(late.id, id),
      },
      { url: `/api/leagues/${id}`, key: CacheKey.league(id), read: reads.league(id) },
      { url: `/api/leagues/${id}/members`, key: CacheKey.leagueMembers(id), read: reads.leagueMembers(id) },
      { url: `/api/leagues/${id}/stats`, key: CacheKey.leagueStats(id), read: reads.leagueStats(id) },
      { url: `/api/leagues/${id}/activity`, key: CacheKey.activityFeed(id, 1), read: reads.activityPage(id, 1) },
      { url: `/api/users/${owner.id}/stats`, key: CacheKey.userStats(owner.id), read: reads.userStats(owner.id) },
      { url: `/api/quotes/aapl`, key: CacheKey.stockQuote('AAPL'), read: reads.quote('AAPL') },
      {
        url: `/api/options/AAPL`,
        key: CacheKey.optionsChain('AAPL', upcomingExpirations(new Date())[0]),
        read: reads.optionsChain('AAPL'),
        timeless: true,
      },
      {
        url: `/api/options/MSFT?expiration=${exp2}`,
        key: CacheKey.optionsChain('MSFT', exp2),
        read: reads.optionsChain('MSFT', exp2),
        timeless: true,
      },
      { url: `/api/search?q=wiring`, key: CacheKey.search('wiring', 'all'), read: reads.search('wiring') },
      {
        url: `/api/search?q=filler&category=users&page=2&page_size=10`,
        key: CacheKey.search('filler', 'users', 2, 10),
        read: reads.search('filler', 'users', 2, 10),
      },
    ];
    expect(CacheKey.search('wiring', 'all')).toMatch(/^search:all:[0-9a-f]{8}$/); // page 1 keeps the DESIGN form
    for (const route of routes) {
      // Membership checks read the members list through the cache: start each route from an empty key.
      await t.cache.delete(route.key);
      const first = await t.get(route.url, owner.token);
      const second = await t.get(route.url, owner.token);
      expect([route.url, first.status, first.cache]).toEqual([route.url, 200, 'MISS']);
      expect([route.url, second.cache]).toEqual([route.url, 'HIT']);
      expect(second.text).toBe(first.text);
      // The key it landed under: read back through the cache, and in Redis under the app's prefix.
      expect(await t.cache.get(route.key)).toBe(first.text);
      if (mode === 'redis') expect(await redisBody(t, route.key)).toBe(first.text);
      // A warmer calling CachedReads fills the same key with the same bytes.
      expect(route.read.key).toBe(route.key);
      const warmed = await route.read.body();
      if (route.timeless) expect(timeless(warmed)).toEqual(timeless(first.text));
      else expect(warmed).toBe(first.text);
    }
    // Search pages are real pages.
    const page2 = (await t.get(`/api/search?q=filler&category=users&page=2&page_size=10`, owner.token)).json;
    expect(page2).toMatchObject({ page: 2, page_size: 10, total: 55 });
    expect(page2.items).toHaveLength(10);
  });

  it('lists whose query has more parameters than a key are not cached', async () => {
    const { id, owner } = league;
    for (const url of [
      '/api/leagues?status=active',
      `/api/leagues/${id}/trades?user_id=${owner.id}`,
      '/api/quotes?symbols=AAPL,MSFT',
    ]) {
      const a = await t.get(url, owner.token);
      expect([url, a.status, a.cache]).toEqual([url, 200, undefined]);
    }
  });

  it('every spelling a route accepts maps to its one key: no query trick skips the cache', async () => {
    const { id, owner } = league;
    expect((await t.get(`/api/leagues/${id}/leaderboard?page=2`, owner.token)).cache).toBe('MISS');
    for (const page of ['02', '2.0', '%202']) {
      const r = await t.get(`/api/leagues/${id}/leaderboard?page=${page}`, owner.token);
      expect([page, r.status, r.cache, r.json.page]).toEqual([page, 200, 'HIT', 2]);
    }
    // Routes without query parameters ignore the query, and so does their key.
    expect((await t.get(`/api/leagues/${id}/stats`, owner.token)).cache).toBe('MISS');
    expect((await t.get(`/api/leagues/${id}/stats?nocache=${Date.now()}`, owner.token)).cache).toBe('HIT');
    expect((await t.get(`/api/quotes/msft`, owner.token)).cache).toBe('MISS');
    expect((await t.get(`/api/quotes/MSFT?x=1`, owner.token)).cache).toBe('HIT');
  });

  it('requests the route would reject bypass the cache and get their 400; errors are never cached', async () => {
    const { id, owner } = league;
    expect((await t.get(`/api/leagues/${id}/leaderboard`, owner.token)).cache).toBe('MISS');
    for (const url of [
      `/api/leagues/${id}/leaderboard?page=0`,
      `/api/leagues/${id}/leaderboard?page=abc`,
      `/api/leagues/${id}/leaderboard?page=1.5`,
      `/api/leagues/${id}/leaderboard?page=1&page=2`,
      `/api/leagues/${id}/leaderboard?page=1&sort=name`, // page 1 is cached, yet the unknown parameter is a 400
      `/api/leagues/0/leaderboard`,
      `/api/leagues/99999999999/stats`,
      `/api/leagues/${id}/activity?page=-1`,
      `/api/search?q=x`,
      `/api/search?q=wiring&category=bad`,
      `/api/options/AAPL?expiration=tomorrow`,
    ]) {
      const r = await t.get(url, owner.token);
      expect([url, r.status, r.cache]).toEqual([url, 400, 'BYPASS']);
    }
    // Unknown things: a 404 each time (the fetch runs again), nothing stored.
    for (const [url, key] of [
      ['/api/leagues/987654/leaderboard', CacheKey.leaderboard(987654, 1)],
      ['/api/quotes/ZZZZ', CacheKey.stockQuote('ZZZZ')],
      [`/api/leagues/${id}/portfolio/987654`, CacheKey.portfolio(987654, id)],
    ]) {
      expect((await t.get(url, owner.token)).status).toBe(404);
      expect((await t.get(url, owner.token)).status).toBe(404);
      expect(await t.cache.get(key)).toBeUndefined();
    }
    // A non-member asking for "my" portfolio: 403, not cached.
    const outsider = await t.signUp();
    expect((await t.get(`/api/leagues/${id}/portfolio`, outsider.token)).status).toBe(403);
    expect(await t.cache.get(CacheKey.portfolio(outsider.id, id))).toBeUndefined();
    // Search text not in normal form (upper case would be echoed in `query`) is answered, uncached.
    const upper = await t.get('/api/search?q=Wiring', owner.token);
    expect([upper.status, upper.cache, upper.json.query]).toEqual([200, 'BYPASS', 'Wiring']);
  });

  it('never mixes users: "my" portfolio is keyed by the caller', async () => {
    const { id, owner, late } = league;
    await t.db.query(`UPDATE league_members SET cash = cash - 1 WHERE league_id = $1 AND user_id = $2`, [id, late.id]);
    const a1 = await t.get(`/api/leagues/${id}/portfolio`, owner.token);
    const b1 = await t.get(`/api/leagues/${id}/portfolio`, late.token);
    const a2 = await t.get(`/api/leagues/${id}/portfolio`, owner.token);
    const b2 = await t.get(`/api/leagues/${id}/portfolio`, late.token);
    expect([a1.json.user_id, b1.json.user_id, a2.json.user_id, b2.json.user_id]).toEqual([
      owner.id,
      late.id,
      owner.id,
      late.id,
    ]);
    expect([a1.cache, b1.cache, a2.cache, b2.cache]).toEqual(['MISS', 'MISS', 'HIT', 'HIT']);
    expect(b2.json.cash).not.toBe(a2.json.cash);
    const portfolios = t.app.get(PortfolioService);
    expect(a2.json).toEqual(await truth(portfolios.get(owner.id, id)));
    expect(b2.json).toEqual(await truth(portfolios.get(late.id, id)));
    // The other member's portfolio by id is the same entry as their own "mine".
    const byId = await t.get(`/api/leagues/${id}/portfolio/${late.id}`, owner.token);
    expect([byId.cache, byId.text]).toEqual(['HIT', b2.text]);
  });

  it("an admin's Cache-Control: no-cache bypasses the cache; anyone else's is ignored", async () => {
    const { id, owner } = league;
    const admin = await t.signUp(undefined, 'admin');
    const url = `/api/leagues/${id}/leaderboard`;
    const cached = await t.get(url, owner.token);
    // Changed behind the cache's back: only a bypass can see it.
    await t.db.query(`UPDATE league_members SET cash = cash + 5 WHERE league_id = $1 AND user_id = $2`, [id, owner.id]);
    const ignored = await t.get(url, owner.token, { 'cache-control': 'no-cache' });
    expect([ignored.cache, ignored.text]).toEqual(['HIT', cached.text]);
    const bypass = await t.get(url, admin.token, { 'cache-control': 'no-cache' });
    expect(bypass.cache).toBe('BYPASS');
    expect(bypass.json).toEqual(await truth(t.app.get(LeaderboardService).getPage(id, 1)));
    expect(bypass.text).not.toBe(cached.text);
    await t.db.query(`UPDATE league_members SET cash = cash - 5 WHERE league_id = $1 AND user_id = $2`, [id, owner.id]);
  });

  it('CachedReads.refresh (the warmers) rewrites the key the route then serves as a HIT', async () => {
    const { id, owner } = league;
    const before = await t.get(`/api/leagues/${id}/leaderboard`, owner.token);
    await t.db.query(`UPDATE league_members SET cash = cash + 7 WHERE league_id = $1 AND user_id = $2`, [id, owner.id]);
    await reads.refresh(reads.leaderboardPage(id, 1));
    const after = await t.get(`/api/leagues/${id}/leaderboard`, owner.token);
    expect(after.cache).toBe('HIT');
    expect(after.text).not.toBe(before.text);
    expect(after.json).toEqual(await truth(t.app.get(LeaderboardService).getPage(id, 1)));
    await t.db.query(`UPDATE league_members SET cash = cash - 7 WHERE league_id = $1 AND user_id = $2`, [id, owner.id]);
  });
});
