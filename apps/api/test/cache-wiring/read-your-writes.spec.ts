import { ActivityService } from '../../src/trading/activity.service.js';
import { LeaderboardService } from '../../src/trading/leaderboard.service.js';
import { PortfolioService } from '../../src/trading/portfolio.service.js';
import { StatsService } from '../../src/trading/stats.service.js';
import { upcomingExpirations } from '../../src/market/option-contract.js';
import { QuoteService } from '../../src/market/quote.service.js';
import { leagueWithTwoPages, MODES, modeEnv, startWiringApp, truth, type League, type WiringApp } from './support.js';

/**
 * Every read is first cached (and seen as a HIT), then a write through the API; the next read must be the
 * database's truth, never the cached copy: X-Cache MISS and the change visible.
 */
describe.each(MODES)('read-your-writes after every write endpoint (%s)', (mode) => {
  let t: WiringApp;
  let league: League;
  beforeAll(async () => {
    t = await startWiringApp({ env: modeEnv(mode) });
    league = await leagueWithTwoPages(t);
  });
  afterAll(() => t.close());

  /** GETs `url` until cached (MISS then HIT), returning the cached body. */
  async function cached(url: string, token: string) {
    await t.get(url, token);
    const hit = await t.get(url, token);
    expect([url, hit.cache]).toEqual([url, 'HIT']);
    return hit.json;
  }

  async function fresh(url: string, token: string) {
    const r = await t.get(url, token);
    expect([url, r.status, r.cache]).toEqual([url, 200, 'MISS']);
    return r.json;
  }

  it('a trade: portfolio, leaderboard pages 1 and 2, activity, user and league stats', async () => {
    const { id, owner, late } = league;
    const urls = {
      portfolio: `/api/leagues/${id}/portfolio`,
      page1: `/api/leagues/${id}/leaderboard`,
      page2: `/api/leagues/${id}/leaderboard?page=2`,
      activity: `/api/leagues/${id}/activity`,
      userStats: `/api/users/${late.id}/stats`,
      leagueStats: `/api/leagues/${id}/stats`,
    };
    const before: Record<string, any> = {};
    for (const [name, url] of Object.entries(urls)) before[name] = await cached(url, late.token);
    expect(before.page2.items.map((i: { user_id: number }) => i.user_id)).toContain(late.id);

    const trade = await t.request({
      method: 'POST',
      url: `/api/leagues/${id}/trades`,
      token: late.token,
      body: { symbol: 'AAPL', side: 'buy', quantity: 3 },
    });
    expect(trade.status).toBe(201);

    const portfolio = await fresh(urls.portfolio, late.token);
    expect(portfolio.positions.map((p: { symbol: string; quantity: number }) => [p.symbol, p.quantity])).toEqual([
      ['AAPL', 3],
    ]);
    expect(portfolio.cash).toBe(trade.body.cash);
    const page2 = await fresh(urls.page2, late.token);
    expect(page2.items.find((i: { user_id: number }) => i.user_id === late.id).cash).toBe(trade.body.cash);
    const page1 = await fresh(urls.page1, late.token);
    const activity = await fresh(urls.activity, late.token);
    expect(activity.items[0]).toMatchObject({ type: 'trade', user_id: late.id });
    expect(activity.total).toBe(before.activity.total + 1);
    const userStats = await fresh(urls.userStats, late.token);
    expect(userStats.trades).toBe(before.userStats.trades + 1);
    const leagueStats = await fresh(urls.leagueStats, late.token);
    expect(leagueStats.trades).toBe(before.leagueStats.trades + 1);
    // And each equals what the database says now.
    expect(portfolio).toEqual(await truth(t.app.get(PortfolioService).get(late.id, id)));
    expect(page1).toEqual(await truth(t.app.get(LeaderboardService).getPage(id, 1)));
    expect(page2).toEqual(await truth(t.app.get(LeaderboardService).getPage(id, 2)));
    expect(activity).toEqual(await truth(t.app.get(ActivityService).page(id, 1)));
    expect(userStats).toEqual(await truth(t.app.get(StatsService).user(late.id)));
    expect(leagueStats).toEqual(await truth(t.app.get(StatsService).league(id)));

    // A trade by a page-1 member shows on page 1 at once.
    await cached(urls.page1, owner.token);
    const ownTrade = await t.request({
      method: 'POST',
      url: `/api/leagues/${id}/trades`,
      token: owner.token,
      body: { symbol: 'MSFT', side: 'buy', quantity: 2 },
    });
    expect(ownTrade.status).toBe(201);
    const page1After = await fresh(urls.page1, owner.token);
    expect(page1After.items.find((i: { user_id: number }) => i.user_id === owner.id).cash).toBe(ownTrade.body.cash);
  });

  it('league update, archive, restore and join', async () => {
    const { id, owner } = league;
    const leagueUrl = `/api/leagues/${id}`;
    const membersUrl = `/api/leagues/${id}/members`;
    const statsUrl = `/api/leagues/${id}/stats`;
    const searchUrl = `/api/search?q=renamed%20wiring&category=leagues`;

    await cached(leagueUrl, owner.token);
    expect((await cached(searchUrl, owner.token)).total).toBe(0);
    const updated = await t.request({
      method: 'PATCH',
      url: leagueUrl,
      token: owner.token,
      body: { name: 'Renamed Wiring League' },
    });
    expect(updated.status).toBe(200);
    expect((await fresh(leagueUrl, owner.token)).name).toBe('Renamed Wiring League');
    expect((await fresh(searchUrl, owner.token)).items.map((i: { id: string }) => i.id)).toEqual([String(id)]);

    await cached(leagueUrl, owner.token);
    expect((await t.request({ method: 'POST', url: `${leagueUrl}/archive`, token: owner.token })).status).toBe(200);
    expect((await fresh(leagueUrl, owner.token)).status).toBe('archived');

    await cached(leagueUrl, owner.token);
    expect((await t.request({ method: 'POST', url: `${leagueUrl}/restore`, token: owner.token })).status).toBe(200);
    expect((await fresh(leagueUrl, owner.token)).status).toBe('active');

    const newcomer = await t.signUp();
    const members = await cached(membersUrl, owner.token);
    const stats = await cached(statsUrl, owner.token);
    const newcomerStats = await cached(`/api/users/${newcomer.id}/stats`, newcomer.token);
    expect((await t.request({ method: 'POST', url: `${leagueUrl}/join`, token: newcomer.token })).status).toBe(200);
    const membersAfter = await fresh(membersUrl, owner.token);
    expect(membersAfter.members.length).toBe(members.members.length + 1);
    expect(membersAfter.members.map((m: { user_id: number }) => m.user_id)).toContain(newcomer.id);
    expect((await fresh(statsUrl, owner.token)).members).toBe(stats.members + 1);
    expect((await fresh(`/api/users/${newcomer.id}/stats`, newcomer.token)).leagues).toBe(newcomerStats.leagues + 1);
    expect((await fresh(`/api/leagues/${id}/portfolio`, newcomer.token)).user_id).toBe(newcomer.id);
  });

  it("an admin's archive and restore (/admin/archives)", async () => {
    const { id, owner } = league;
    const admin = await t.signUp(undefined, 'admin');
    const leagueUrl = `/api/leagues/${id}`;
    await cached(leagueUrl, owner.token);
    expect((await t.request({ method: 'POST', url: `/admin/archives/${id}/archive`, token: admin.token })).status).toBe(
      200,
    );
    expect((await fresh(leagueUrl, owner.token)).status).toBe('archived');
    await cached(leagueUrl, owner.token);
    expect((await t.request({ method: 'POST', url: `/admin/archives/${id}/restore`, token: admin.token })).status).toBe(
      200,
    );
    expect((await fresh(leagueUrl, owner.token)).status).toBe('active');
  });

  it('a quote tick: the quote and its options chains', async () => {
    const { owner } = league;
    const quotes = t.app.get(QuoteService);
    const [exp1, exp2] = upcomingExpirations(new Date());
    const urls = ['/api/quotes/AAPL', '/api/options/AAPL', `/api/options/AAPL?expiration=${exp2}`];
    const before = [];
    for (const url of urls) before.push(await cached(url, owner.token));
    expect(before[1].expiration).toBe(exp1);
    // A tick far enough ahead that the random walk moves AAPL.
    let at = Date.now();
    let moved = false;
    for (let i = 0; i < 20 && !moved; i++) {
      at += 3_600_000;
      await t.tick(new Date(at));
      moved = (await quotes.get('AAPL')).price !== before[0].price;
    }
    expect(moved).toBe(true);
    const quote = await fresh(urls[0], owner.token);
    expect(quote).toEqual(await truth(quotes.get('AAPL')));
    for (const url of urls.slice(1)) {
      const chain = await fresh(url, owner.token);
      expect(chain.underlying_price).toBe(quote.price);
    }
  });
});
