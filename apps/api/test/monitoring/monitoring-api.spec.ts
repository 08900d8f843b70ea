import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CacheService } from '../../src/cache/cache.service.js';
import { dashboardAssetsDir } from '../../src/monitoring/dashboard-html.js';
import { MonitoringRollups } from '../../src/monitoring/monitoring-rollups.service.js';
import { TradeRollups } from '../../src/monitoring/trade-rollups.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { amountOf, DAY, HOUR, loadFixture, startOfUtcDay, utcDate, type Fixture } from './fixture.js';

/** Shapes and numbers of every monitoring JSON endpoint against a fixture whose figures are computed here. */
describe('monitoring JSON API', () => {
  let t: TestApp;
  let fx: Fixture;
  let admin: { id: number; token: string; username: string };
  /** Users that exist besides the fixture's (admin bootstrap, the test's own sign-ups), read before loading it. */
  let others: Array<{ created_at: Date; last_login_at: Date | null; username: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp('fx_admin', 'admin');
    others = await t.db.query(`SELECT username, created_at, last_login_at FROM users`);
    fx = await loadFixture(t.db);
  }, 120_000);
  afterAll(() => t.close(), 60_000);

  const get = (url: string) => t.request({ url, token: admin.token });
  /** Monitoring reads are cached for seconds: checks that follow a change of the data start from a cold cache. */
  const fresh = () => t.app.get(CacheService).deletePattern('monitoring:*');
  const within = (from: number, to = Date.now() + 1) =>
    fx.trades.filter((x) => x.executedAt.getTime() >= from && x.executedAt.getTime() < to);

  async function expectOverview(): Promise<void> {
    await fresh();
    const res = await get('/admin/monitoring/overview');
    expect(res.status).toBe(200);
    const now = Date.now();
    const allUsers = [
      ...fx.users.map((u) => ({ created: u.createdAt, login: u.lastLoginAt })),
      ...others.map((u) => ({
        created: new Date(u.created_at),
        login: u.last_login_at ? new Date(u.last_login_at) : null,
      })),
    ];
    const active = allUsers.filter((u) => u.login && u.login.getTime() >= now - 7 * DAY).length;
    const recent = within(now - DAY);
    expect(res.body.users).toEqual({
      total: allUsers.length,
      active_7days: active,
      active_percentage: Math.round((active / allUsers.length) * 1000) / 10,
      new_7days: allUsers.filter((u) => u.created.getTime() >= now - 7 * DAY).length,
    });
    expect(res.body.leagues).toEqual({ active: 3, archived: 2, total: 5 });
    expect(res.body.trading.trades_24h).toBe(recent.length);
    expect(res.body.trading.shares_traded_24h).toBe(recent.reduce((s, x) => s + x.quantity, 0));
    expect(res.body.trading.volume_24h).toBeCloseTo(
      recent.reduce((s, x) => s + amountOf(x), 0),
      2,
    );
  }

  async function expectTradingActivity(hours: number): Promise<void> {
    await fresh();
    const res = await get(`/admin/monitoring/trading-activity/json?hours=${hours}`);
    expect(res.status).toBe(200);
    const trades = within(new Date(res.body.to).getTime() - hours * HOUR, new Date(res.body.to).getTime());
    expect(res.body.total_trades).toBe(trades.length);
    expect(res.body.by_type).toEqual({
      buy: trades.filter((x) => x.side === 'buy').length,
      sell: trades.filter((x) => x.side === 'sell').length,
    });
    const bySymbol = new Map<string, { count: number; qty: number }>();
    for (const x of trades) {
      const s = bySymbol.get(x.symbol) ?? { count: 0, qty: 0 };
      s.count++;
      s.qty += x.quantity;
      bySymbol.set(x.symbol, s);
    }
    for (const top of res.body.top_symbols) {
      expect(top.count).toBe(bySymbol.get(top.symbol)!.count);
      expect(top.avg_qty).toBeCloseTo(bySymbol.get(top.symbol)!.qty / top.count, 2);
    }
    expect(res.body.top_symbols.map((s: { symbol: string }) => s.symbol).sort()).toEqual([...bySymbol.keys()].sort());
    const counts = res.body.top_symbols.map((s: { count: number }) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(res.body.hourly.reduce((s: number, h: { trades: number }) => s + h.trades, 0)).toBe(trades.length);
  }

  async function expectLeagueActivity(hours = 24): Promise<void> {
    await fresh();
    const res = await get(`/admin/monitoring/league-activity/json?hours=${hours}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    const recent = within(Date.now() - hours * HOUR);
    for (const item of res.body.items) {
      const league = fx.leagues.find((l) => l.id === item.id)!;
      expect(item.name).toBe(league.name);
      expect(item.status).toBe(league.status);
      expect(item.member_count).toBe(league.members.length);
      expect(item.trade_count).toBe(recent.filter((x) => x.leagueId === league.id).length);
    }
    const counts = res.body.items.map((i: { trade_count: number }) => i.trade_count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  }

  async function expectEngagement(): Promise<void> {
    await fresh();
    const res = await get('/admin/monitoring/engagement/json?days=10');
    expect(res.status).toBe(200);
    expect(res.body.daily_active_users).toHaveLength(10);
    const idOf = new Map([...fx.users.map((u) => [u.username, u.id] as const), [admin.username, admin.id]]);
    const activeByDay = new Map<string, Set<number>>();
    const mark = (day: string, id: number) => activeByDay.set(day, (activeByDay.get(day) ?? new Set()).add(id));
    for (const x of fx.trades) mark(utcDate(x.executedAt), x.userId);
    for (const l of fx.logins) if (l.success) mark(utcDate(l.at), idOf.get(l.username)!);
    mark(utcDate(new Date()), admin.id); // its sign-up login
    for (const point of res.body.daily_active_users) {
      expect({ date: point.date, active: point.active }).toEqual({
        date: point.date,
        active: activeByDay.get(point.date)?.size ?? 0,
      });
    }
    expect(res.body.daily_active_users.at(-1).date).toBe(utcDate(new Date()));
    const created = new Map<string, number>();
    for (const l of fx.leagues) created.set(utcDate(l.createdAt), (created.get(utcDate(l.createdAt)) ?? 0) + 1);
    for (const point of res.body.league_creation_trend) expect(point.leagues).toBe(created.get(point.date) ?? 0);
  }

  it('overview counts users, leagues and the last 24 hours of trades', () => expectOverview());

  it('trading activity over 24 h and 168 h: totals, buy/sell split, top symbols, hourly series', async () => {
    await expectTradingActivity(24);
    await expectTradingActivity(168);
  });

  it('league activity: member and trade counts, busiest first', async () => {
    await expectLeagueActivity(24);
    await expectLeagueActivity(168);
  });

  it('engagement: daily active users (logins or trades) and league creation per UTC day', () => expectEngagement());

  it('gives the same figures once the rollups have run (complete hours from rollups, edges raw)', async () => {
    // The reads above found no rollup and started one in the background; this run follows it.
    await t.app.get(TradeRollups).catchUp();
    await t.app.get(TradeRollups).rollup();
    const [rolled] = await t.db.query<{ n: string }>(`SELECT sum(trades) AS n FROM trade_rollup_league_hourly`);
    const currentHour = Math.floor(Date.now() / HOUR) * HOUR;
    expect(Number(rolled.n)).toBe(fx.trades.filter((x) => x.executedAt.getTime() < currentHour).length);
    await expectOverview();
    await expectTradingActivity(24);
    await expectTradingActivity(168);
    await expectLeagueActivity(24);
    // Whole days of a week come from the per-league daily rollup.
    const [days] = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM trade_rollup_league_daily`);
    expect(Number(days.n)).toBeGreaterThan(0);
    await expectLeagueActivity(168);
    await expectEngagement();
    // A backfilled trade in an already rolled-up hour is picked up by the next run.
    const old = new Date(Date.now() - 30 * HOUR);
    await t.db.query(
      `INSERT INTO trades (league_id, user_id, symbol, side, asset_type, quantity, price, amount, executed_at)
       VALUES ($1, $2, 'AAPL', 'buy', 'stock', 7, 10, 70, $3)`,
      [fx.leagues[0].id, fx.users[5].id, old],
    );
    fx.trades.push({
      leagueId: fx.leagues[0].id,
      userId: fx.users[5].id,
      symbol: 'AAPL',
      side: 'buy',
      quantity: 7,
      price: 10,
      executedAt: old,
    });
    expect(await t.app.get(MonitoringRollups).rollup(new Date())).toBeGreaterThan(0); // the scheduler's entry point
    await expectTradingActivity(168);
  });

  it('active users today: last login since UTC midnight, with league count and trades today', async () => {
    const res = await get('/admin/monitoring/active-users/json?page_size=100');
    expect(res.status).toBe(200);
    const today = startOfUtcDay(new Date()).getTime();
    const expected = fx.users.filter((u) => u.lastLoginAt && u.lastLoginAt.getTime() >= today);
    const expectedOthers = others.filter((u) => u.last_login_at && new Date(u.last_login_at).getTime() >= today);
    expect(res.body.total).toBe(expected.length + expectedOthers.length);
    for (const u of expected) {
      const item = res.body.items.find((i: { id: number }) => i.id === u.id);
      expect(item).toMatchObject({
        username: u.username,
        last_login: u.lastLoginAt!.toISOString(),
        league_count: fx.leagues.filter((l) => l.members.includes(u.id)).length,
        trades_today: fx.trades.filter((x) => x.userId === u.id && x.executedAt.getTime() >= today).length,
      });
    }
    const logins = res.body.items.map((i: { last_login: string }) => i.last_login);
    expect(logins).toEqual([...logins].sort().reverse());
    const page2 = await get('/admin/monitoring/active-users/json?page=2&page_size=2');
    expect(page2.body.items).toEqual(res.body.items.slice(2, 4));
  });

  it('risk assessment flags high volume, bursts, round trips and new accounts with score and reason', async () => {
    const res = await get('/admin/monitoring/risk-assessment/json');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((i: { id: number }) => [i.id, i]));
    const since = Date.now() - DAY;
    const cases: Array<[number, string]> = [
      [fx.risky.highVolume, 'high_volume'],
      [fx.risky.burst, 'burst'],
      [fx.risky.roundTrips, 'round_trips'],
      [fx.risky.newAccount, 'new_account'],
    ];
    for (const [id, reason] of cases) {
      const item = byId.get(id) as Record<string, any>;
      expect(item).toBeDefined();
      expect(item.reasons).toContain(reason);
      expect(item.score).toBeGreaterThan(0);
      expect(typeof item.reason).toBe('string');
      expect(item.recent_trades).toBe(
        fx.trades.filter((x) => x.userId === id && x.executedAt.getTime() >= since).length,
      );
      expect(item.trades_count).toBe(
        fx.trades.filter((x) => x.userId === id && x.executedAt.getTime() >= Date.now() - 7 * DAY).length,
      );
    }
    expect(
      (byId.get(fx.risky.burst) as { max_trades_per_minute: number }).max_trades_per_minute,
    ).toBeGreaterThanOrEqual(12);
    expect((byId.get(fx.risky.roundTrips) as { round_trips: number }).round_trips).toBeGreaterThanOrEqual(4);
    // The same answer from the live query (before any snapshot) as from the last rollup's snapshot.
    await t.db.query(`UPDATE monitoring_rollup_state SET risk_computed_at = NULL`);
    await fresh();
    const live = await get('/admin/monitoring/risk-assessment/json');
    expect(live.body).toEqual(res.body);
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Background users trade a few times a day: none of them is flagged.
    const flagged = new Set(res.body.items.map((i: { id: number }) => i.id));
    for (const u of fx.users.slice(6)) expect(flagged.has(u.id)).toBe(false);
  });

  it('database stats count every table exactly (small tables)', async () => {
    const res = await get('/admin/monitoring/database/json');
    expect(res.status).toBe(200);
    expect(res.body.tables.trades).toBe(fx.trades.length);
    expect(res.body.tables.users).toBe(fx.users.length + others.length);
    expect(res.body.tables.leagues).toBe(5);
    expect(res.body.tables.league_members).toBe(fx.leagues.reduce((s, l) => s + l.members.length, 0));
    expect(res.body.total_records).toBe(
      Object.values(res.body.tables as Record<string, number>).reduce((a, b) => a + b, 0),
    );
    expect(res.body.size_bytes).toBeGreaterThan(0);
    expect(res.body.queries.count).toBeGreaterThan(0);
    expect(res.body.queries.slowest[0]).toEqual(
      expect.objectContaining({
        statement: expect.any(String),
        calls: expect.any(Number),
        mean_ms: expect.any(Number),
        max_ms: expect.any(Number),
      }),
    );
    expect(JSON.stringify(res.body.queries.slowest)).not.toMatch(/fx_user_\d/); // literals are normalized away
  });

  it('realtime stats: trades in the last minute and hour, alerts, process figures', async () => {
    const res = await get('/admin/monitoring/realtime/stats');
    expect(res.status).toBe(200);
    expect(res.body.trades_last_hour).toBe(within(Date.now() - HOUR).length);
    expect(res.body.trades_last_minute).toBe(within(Date.now() - 60_000).length);
    expect(res.body).toEqual(
      expect.objectContaining({
        active_alerts: expect.any(Number),
        requests_per_minute: expect.any(Number),
        event_loop_lag_ms: expect.any(Number),
        memory_rss_mb: expect.any(Number),
      }),
    );
  });

  it('performance: per-route percentiles and request counts recorded after responses', async () => {
    const overviewOf = (body: { routes: Array<{ method: string; route: string; requests: number }> }) =>
      body.routes.find((r) => r.method === 'GET' && r.route === '/admin/monitoring/overview');
    const before = overviewOf((await get('/admin/monitoring/performance/json')).body)?.requests ?? 0;
    for (let i = 0; i < 7; i++) await get('/admin/monitoring/overview');
    await get('/admin/monitoring/no-such-route');
    const res = await get('/admin/monitoring/performance/json');
    expect(res.status).toBe(200);
    const route = overviewOf(res.body) as unknown as Record<string, number>;
    expect(route.requests).toBe(before + 7);
    expect(res.body.routes.find((r: { route: string }) => r.route === '(unmatched)')).toBeDefined();
    expect(route.p50_ms).toBeLessThanOrEqual(route.p95_ms);
    expect(route.p95_ms).toBeLessThanOrEqual(route.p99_ms);
    expect(route.error_rate_percent).toBe(0);
    expect(res.body.series.length).toBeGreaterThanOrEqual(15); // 15 minutes, 16 when not aligned
    expect(res.body.series.length).toBeLessThanOrEqual(16);
    expect(res.body.series.reduce((s: number, m: { requests: number }) => s + m.requests, 0)).toBeGreaterThanOrEqual(
      route.requests,
    );
    expect(res.body.process.memory.rss_mb).toBeGreaterThan(0);
    expect(res.body.database.count).toBeGreaterThan(0);
    expect(res.body.cache.available).toBe(true);
  });

  it('health: database and cache with status, message, latency and since', async () => {
    const res = await get('/admin/monitoring/health');
    expect(res.status).toBe(200);
    expect(res.body.overall_status).toBe('healthy');
    for (const component of ['database', 'cache']) {
      expect(res.body[component]).toEqual(
        expect.objectContaining({ status: 'healthy', message: expect.any(String), since: expect.any(String) }),
      );
    }
    expect(res.body.database.latency_ms).toBeGreaterThanOrEqual(0);
    const again = await get('/admin/monitoring/health');
    expect(again.body.database.since).toBe(res.body.database.since); // the state has not changed
    expect((await t.request({ url: '/health/ready' })).body).toEqual({ status: 'ready', overall_status: 'healthy' });
  });

  it('rejects malformed query parameters with 400 naming the field', async () => {
    for (const [url, field] of [
      ['/admin/monitoring/trading-activity/json?hours=0', 'hours'],
      ['/admin/monitoring/trading-activity/json?hours=abc', 'hours'],
      ['/admin/monitoring/trading-activity/json?to=yesterday', 'to'],
      ['/admin/monitoring/alerts/json?severity=fatal', 'severity'],
      ['/admin/monitoring/active-users/json?page=0', 'page'],
      ['/admin/monitoring/engagement/json?days=9999', 'days'],
      ['/admin/monitoring/performance/json?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'from'],
      ['/admin/monitoring/league-activity/json?unknown=1', 'unknown'],
      ['/admin/audit/logs?actor_id=-1', 'actor_id'],
    ]) {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.message).toContain(field);
    }
  });

  it('serves the dashboard HTML on page routes: 200 admin, 401/403 with the same HTML for browsers', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    const user = await t.signUp();
    // The main page's HTML for an admin also preloads its requests (when the dashboard is built).
    const app = (page: string) => page.replace(/<link rel="preload" as="fetch" crossorigin href="[^"]*">\n {2}/g, '');
    for (const url of ['/admin/monitoring/', '/admin/monitoring/alerts', '/admin/monitoring/performance']) {
      const ok = await t.request({ url, token: admin.token, headers: html });
      expect(ok.status).toBe(200);
      expect(String(ok.headers['content-type'])).toContain('text/html');
      expect(ok.body).toMatch(/<html/i);
      const anonymous = await t.request({ url, headers: html });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toBe(app(ok.body));
      expect(anonymous.body).not.toContain('rel="preload" as="fetch"');
      const plain = await t.request({ url, token: user.token, headers: html });
      expect(plain.status).toBe(403);
      expect(plain.body).toBe(app(ok.body));
    }
    // The built assets are public (no data in them); the walk of /admin excludes only this prefix.
    // The browser test may be writing a first build into the same folder meanwhile: check a file that is there.
    const assets = dashboardAssetsDir();
    const [file] = assets && existsSync(assets) ? readdirSync(assets) : [];
    if (assets && file) {
      const asset = await t.request({ url: `/admin/monitoring/assets/${file}` });
      expect(asset.status === 200 || !existsSync(path.join(assets, file))).toBe(true);
    }
    expect((await t.request({ url: '/admin/monitoring/assets/../../../package.json' })).status).not.toBe(200);
    // An API client still gets the JSON error.
    const json = await t.request({ url: '/admin/monitoring/alerts' });
    expect(json.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });
});
