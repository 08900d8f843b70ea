import { CacheService } from '../../src/cache/cache.service.js';
import { TradeRollups } from '../../src/monitoring/trade-rollups.service.js';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';
import { loadFixture, type Fixture } from './fixture.js';

/**
 * What keeps the monitoring API fast on a large data set: rollups brought up to date in the background (at start-up
 * and when a read finds them old) instead of live scans on the request path, reads cached for seconds, the
 * server's time in Server-Timing, and lists sorted on the server by whitelisted columns.
 */
describe('monitoring reads at scale', () => {
  let t: TestApp;
  let fx: Fixture;
  let admin: { id: number; token: string };

  beforeAll(async () => {
    const db = await createTestDatabase();
    fx = await loadFixture(db);
    // The rollups job is scheduled (once a year: it never fires during the test), so the start-up catches up.
    t = await startTestApp({ db, env: { SCHEDULE_ROLLUPS: '0 0 0 1 1 *' } });
    admin = await t.signUp('scale_admin', 'admin');
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  const get = (url: string) => t.request({ url, token: admin.token });
  const fresh = () => t.app.get(CacheService).deletePattern('monitoring:*');
  const rollupState = async () =>
    (await t.db.query<{ updated_at: Date }>(`SELECT updated_at FROM monitoring_rollup_state`))[0];

  it('brings the rollups up to date at start-up, in the background', async () => {
    const deadline = Date.now() + 15_000;
    while (!(await rollupState()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await rollupState()).toBeDefined();
    const [rolled] = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM trade_rollup_league_hourly`);
    expect(Number(rolled.n)).toBeGreaterThan(0);
  });

  it('serves the last risk snapshot when the rollups are old, and catches up in the background', async () => {
    await t.app.get(TradeRollups).catchUp();
    const background = fx.users[8].id; // trades a few times a day: never flagged
    await t.db.query(
      `UPDATE monitoring_rollup_state SET updated_at = now() - interval '1 hour',
                                          risk_computed_at = now() - interval '1 hour'`,
    );
    await t.db.query(
      `INSERT INTO monitoring_risk_snapshot (user_id, recent_trades, max_per_minute, round_trips)
       VALUES ($1, 500, 1, 0) ON CONFLICT (user_id) DO UPDATE SET recent_trades = 500`,
      [background],
    );
    await fresh();
    const stale = await get('/admin/monitoring/risk-assessment/json');
    expect(stale.status).toBe(200);
    // Answered from the snapshot as stored, not from a live scan of the day's trades.
    expect(stale.body.items.map((i: { id: number }) => i.id)).toContain(background);
    await t.app.get(TradeRollups).catchUp();
    expect(Date.now() - new Date((await rollupState()).updated_at).getTime()).toBeLessThan(60_000);
    await fresh();
    const current = await get('/admin/monitoring/risk-assessment/json');
    expect(current.body.items.map((i: { id: number }) => i.id)).not.toContain(background);
    expect(current.body.items.map((i: { id: number }) => i.id)).toContain(fx.risky.burst);
  });

  it('caches monitoring reads for seconds and reports the time for the data in Server-Timing', async () => {
    await fresh();
    const before = await get('/admin/monitoring/overview');
    expect(before.status).toBe(200);
    await t.db.query(
      `INSERT INTO trades (league_id, user_id, symbol, side, asset_type, quantity, price, amount, executed_at)
       VALUES ($1, $2, 'AAPL', 'buy', 'stock', 1, 10, 10, now())`,
      [fx.leagues[0].id, fx.users[5].id],
    );
    const cached = await get('/admin/monitoring/overview');
    expect(cached.body.trading.trades_24h).toBe(before.body.trading.trades_24h);
    await fresh();
    const after = await get('/admin/monitoring/overview');
    expect(after.body.trading.trades_24h).toBe(before.body.trading.trades_24h + 1);
    for (const url of [
      '/admin/monitoring/overview',
      '/admin/monitoring/risk-assessment/json',
      '/admin/monitoring/alerts/json',
      '/admin/monitoring/jobs/json',
      '/admin/monitoring/cache/json',
      '/admin/monitoring/realtime/stats',
    ]) {
      const res = await get(url);
      expect({ url, timing: res.headers['server-timing'] }).toEqual({
        url,
        timing: expect.stringMatching(/^data;dur=\d+\.\d$/),
      });
    }
  });

  it('sorts the paged tables on the server by whitelisted columns, in either order', async () => {
    const values = async (url: string, field: string) => {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      return res.body.items.map((i: Record<string, unknown>) => i[field]);
    };
    const ascending = <T>(xs: T[], cmp: (a: T, b: T) => number) => expect(xs).toEqual([...xs].sort(cmp));
    const byNumber = (a: number, b: number) => a - b;
    const byText = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase());

    ascending(await values('/admin/monitoring/active-users/json?sort=username&order=asc', 'username'), byText);
    ascending(
      (await values('/admin/monitoring/active-users/json?sort=trades_today&order=desc', 'trades_today')).reverse(),
      byNumber,
    );
    ascending(await values('/admin/monitoring/league-activity/json?hours=168&sort=name&order=asc', 'name'), byText);
    ascending(
      (await values('/admin/monitoring/league-activity/json?sort=member_count', 'member_count')).reverse(),
      byNumber,
    );
    const all = await values('/admin/monitoring/league-activity/json?hours=168&sort=volume&order=asc', 'id');
    expect(
      await values('/admin/monitoring/league-activity/json?hours=168&sort=volume&order=asc&page=2&page_size=2', 'id'),
    ).toEqual(all.slice(2, 4));
    ascending(await values('/admin/monitoring/risk-assessment/json?sort=username&order=asc', 'username'), byText);

    for (const severity of ['info', 'critical', 'warning']) {
      const created = await t.request({
        method: 'POST',
        url: '/admin/monitoring/alerts',
        token: admin.token,
        body: { alert_type: 'high_load', severity, title: `load ${severity}`, message: 'm' },
      });
      expect(created.status).toBe(201);
    }
    ascending(await values('/admin/monitoring/alerts/json?sort=created_at&order=asc', 'id'), byNumber);
    const rank = ['info', 'warning', 'error', 'critical'];
    const severities = await values('/admin/monitoring/alerts/history/json?sort=severity&order=asc', 'severity');
    ascending(
      severities.map((s: string) => rank.indexOf(s)),
      byNumber,
    );

    const runner = t.app.get(JobRunner);
    for (let i = 0; i < 3; i++) await runner.runNow('health_probe');
    const runs = await get('/admin/monitoring/jobs/json?sort=duration_ms&order=desc');
    const durations = runs.body.runs.items.map((r: { duration_ms: number }) => r.duration_ms);
    expect(durations.length).toBeGreaterThanOrEqual(3);
    ascending([...durations].reverse(), byNumber);

    // Anything outside the whitelist is a 400 naming the parameter; it never reaches the SQL.
    for (const url of [
      '/admin/monitoring/active-users/json?sort=password_hash',
      '/admin/monitoring/league-activity/json?sort=id;DROP%20TABLE%20leagues',
      '/admin/monitoring/risk-assessment/json?order=sideways',
      '/admin/monitoring/alerts/json?sort=message',
      '/admin/monitoring/alerts/history/json?order=ASC',
      '/admin/monitoring/jobs/json?sort=error',
    ]) {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.message).toMatch(/sort|order/);
    }
  });
});
