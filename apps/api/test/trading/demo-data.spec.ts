import pg from 'pg';
import { seedDemoData, type DemoDataSummary } from '../../src/trading/demo-data/demo-data.js';
import { checkForeignKeysAfterLoad } from '../../src/trading/demo-data/deferred-indexes.js';
import { seedIfEmpty } from '../../src/trading/demo-data/seed-if-empty.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/** The demo data must be internally consistent: every member's cash and positions follow from its trades. */
describe('demo data', () => {
  let db: TestDatabase;
  let summary: DemoDataSummary;
  beforeAll(async () => {
    db = await createTestDatabase();
    summary = await seedDemoData(db.url, { users: 300, leagues: 12, days: 14, trades: 20_000, seed: 7 });
  }, 120_000);
  afterAll(() => db.drop());

  it('loads what was asked', async () => {
    const [c] = await db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM leagues) AS leagues,
              (SELECT count(*) FROM leagues WHERE status = 'archived') AS archived,
              (SELECT count(*) FROM trades) AS trades, (SELECT count(*) FROM league_members) AS members,
              (SELECT count(*) FROM activities WHERE type IN ('trade', 'option_expired')) AS trade_activities,
              (SELECT count(*) FROM trades WHERE asset_type = 'option') AS option_trades,
              (SELECT count(*) FROM activities WHERE type = 'option_expired') AS settlements,
              (SELECT count(*) FROM positions WHERE asset_type = 'option') AS option_positions`,
    );
    expect(Number(c.users)).toBe(300);
    expect(Number(c.leagues)).toBe(12);
    expect(Number(c.archived)).toBeGreaterThanOrEqual(1);
    // A few orders are dropped when a member can afford nothing; nearly all are kept.
    expect(Number(c.trades)).toBeGreaterThan(19_000);
    expect(Number(c.trades)).toBe(summary.trades);
    expect(Number(c.trade_activities)).toBe(summary.trades);
    expect(Number(c.members)).toBe(summary.members);
    // Option orders too: a few percent of all, some settled at expiration, some still held.
    expect(Number(c.option_trades)).toBeGreaterThan(summary.trades * 0.02);
    expect(Number(c.settlements)).toBeGreaterThan(0);
    expect(Number(c.option_positions)).toBeGreaterThan(0);
  });

  it("derives every member's cash and positions from the trades, never negative", async () => {
    const [cash] = await db.query<{ bad: string; negative: string }>(
      `SELECT count(*) FILTER (WHERE m.cash <> l.starting_cash + coalesce(f.flow, 0)) AS bad,
              count(*) FILTER (WHERE m.cash < 0) AS negative
       FROM league_members m JOIN leagues l ON l.id = m.league_id
       LEFT JOIN (SELECT league_id, user_id, sum(CASE WHEN side = 'sell' THEN amount ELSE -amount END) AS flow
                  FROM trades GROUP BY 1, 2) f ON f.league_id = m.league_id AND f.user_id = m.user_id`,
    );
    expect(cash).toEqual({ bad: '0', negative: '0' });
    // Per instrument: the symbol for a stock, (symbol, type, strike, expiration) for a contract.
    const [pos] = await db.query<{ bad: string }>(
      `SELECT count(*) AS bad FROM (
         SELECT league_id, user_id, symbol, coalesce(option_type, '') AS option_type, coalesce(strike, 0) AS strike,
                coalesce(expiration, '1970-01-01') AS expiration,
                sum(CASE WHEN side = 'buy' THEN quantity ELSE -quantity END) AS q
         FROM trades GROUP BY 1, 2, 3, 4, 5, 6) x
       FULL JOIN (SELECT league_id, user_id, symbol, coalesce(option_type, '') AS option_type,
                         coalesce(strike, 0) AS strike, coalesce(expiration, '1970-01-01') AS expiration, quantity
                  FROM positions) p USING (league_id, user_id, symbol, option_type, strike, expiration)
       WHERE coalesce(x.q, 0) <> coalesce(p.quantity, 0)`,
    );
    expect(pos.bad).toBe('0');
    // The price shown is the price charged, options included; nothing expired is still held.
    const [money] = await db.query<{ off: string; expired: string }>(
      `SELECT (SELECT count(*) FROM trades WHERE price <> round(price, 2)
                 OR amount <> quantity * price * CASE WHEN asset_type = 'option' THEN 100 ELSE 1 END) AS off,
              (SELECT count(*) FROM positions WHERE asset_type = 'option'
                 AND (expiration + time '21:05') AT TIME ZONE 'UTC' <= now()) AS expired`,
    );
    expect(money).toEqual({ off: '0', expired: '0' });
    // Every trader is a member of the league traded in.
    const [orphans] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM trades t
       WHERE NOT EXISTS (SELECT 1 FROM league_members m WHERE m.league_id = t.league_id AND m.user_id = t.user_id)`,
    );
    expect(orphans.n).toBe('0');
  });

  it('is realistic: power-law leagues, Zipf symbols, weekday seasonality, spread logins, no trades after archiving', async () => {
    const sizes = (
      await db.query<{ n: string }>(`SELECT count(*) AS n FROM league_members GROUP BY league_id ORDER BY 1 DESC`)
    ).map((r) => Number(r.n));
    // Heavy tail: the biggest fifth of the leagues holds far more than a fifth of the members.
    const top = sizes.slice(0, Math.ceil(sizes.length / 5)).reduce((x, y) => x + y, 0);
    expect(top / sizes.reduce((x, y) => x + y, 0)).toBeGreaterThan(0.4);
    expect(sizes[0]).toBeGreaterThan(2 * sizes[Math.floor(sizes.length / 2)]);
    const symbols = (
      await db.query<{ n: string }>(`SELECT count(*) AS n FROM trades GROUP BY symbol ORDER BY 1 DESC`)
    ).map((r) => Number(r.n));
    expect(symbols[0]).toBeGreaterThan(10 * symbols[49]);
    const [days] = await db.query<{ weekday: string; weekend: string; session: string; logins: string }>(
      `SELECT count(*) FILTER (WHERE extract(isodow FROM executed_at) < 6) AS weekday,
              count(*) FILTER (WHERE extract(isodow FROM executed_at) >= 6) AS weekend,
              count(*) FILTER (WHERE executed_at::time BETWEEN '14:30' AND '21:00') AS session,
              (SELECT count(DISTINCT last_login_at::date) FROM users) AS logins
       FROM trades`,
    );
    expect(Number(days.weekday)).toBeGreaterThan(5 * Number(days.weekend));
    expect(Number(days.session)).toBeGreaterThan(0.8 * summary.trades);
    expect(Number(days.logins)).toBeGreaterThan(7);
    const [late] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM trades t JOIN leagues l ON l.id = t.league_id
       WHERE t.executed_at > coalesce(l.archived_at, now())`,
    );
    expect(late.n).toBe('0');
  });

  it('contains suspicious traders: bursts of trades within minutes and quick round trips', async () => {
    const ids = await db.query<{ id: number }>(`SELECT id FROM users WHERE username = ANY($1)`, [
      summary.suspiciousUsers,
    ]);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const bursts = await db.query<{ user_id: number }>(
      `SELECT user_id FROM trades WHERE user_id = ANY($1)
       GROUP BY user_id, date_trunc('hour', executed_at) HAVING count(*) >= 15`,
      [ids.map((r) => r.id)],
    );
    expect(bursts.length).toBeGreaterThan(0);
    const [trips] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM trades b JOIN trades s
         ON s.user_id = b.user_id AND s.league_id = b.league_id AND s.symbol = b.symbol AND s.side = 'sell'
        AND s.executed_at BETWEEN b.executed_at AND b.executed_at + interval '2 minutes'
       WHERE b.side = 'buy' AND b.user_id = ANY($1)`,
      [ids.map((r) => r.id)],
    );
    expect(Number(trips.n)).toBeGreaterThan(0);
  });

  it('serves consistent reads through the API and lets demo users log in', async () => {
    const t: TestApp = await startTestApp({ db });
    try {
      const me = await t.signUp('reader', 'admin'); // another member's portfolio: members and admins only
      const [league] = await db.query<{ id: number; n: string }>(
        `SELECT league_id AS id, count(*) AS n FROM league_members GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      );
      const board = await t.request({ url: `/api/leagues/${league.id}/leaderboard`, token: me.token });
      expect(board.status).toBe(200);
      expect(board.body.total).toBe(Number(league.n));
      const first = board.body.items[0];
      const portfolio = await t.request({
        url: `/api/leagues/${league.id}/portfolio/${first.user_id}`,
        token: me.token,
      });
      expect(portfolio.body.total_value).toBe(first.portfolio_value);
      const values = board.body.items.map((i: { portfolio_value: number }) => i.portfolio_value);
      expect([...values].sort((x, y) => y - x)).toEqual(values);
      const stats = await t.request({ url: `/api/leagues/${league.id}/stats`, token: me.token });
      expect(stats.body.members).toBe(Number(league.n));
      const feed = await t.request({ url: `/api/leagues/${league.id}/activity`, token: me.token });
      expect(feed.body.items[0].type).toBe('trade');
      const login = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: summary.suspiciousUsers[0], password: 'demo-password' },
      });
      expect(login.status).toBe(200);
      expect(TEST_PASSWORD).not.toBe('demo-password');
    } finally {
      await t.app.close();
    }
  });

  it('validates foreign keys after a trigger-free load and refuses rows that break one', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const [{ superuser }] = (
        await client.query(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`)
      ).rows;
      await client.query('BEGIN');
      const check = await checkForeignKeysAfterLoad(client, 'activities');
      if (!superuser) return; // the triggers stay on: nothing to validate afterwards
      // No trigger stops this row now (the seed above passed the same check with its 20k trades).
      await client.query(`INSERT INTO activities (league_id, user_id, type) VALUES (987654, NULL, 'orphan')`);
      await expect(check()).rejects.toThrow('Loaded activities rows break foreign key');
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('seeds an empty database once (npm start), and never one with leagues', async () => {
    const empty = await createTestDatabase();
    try {
      expect(await seedIfEmpty(db.url, () => {})).toBe(false);
      const messages: string[] = [];
      expect(await seedIfEmpty(empty.url, (m) => messages.push(m))).toBe(true);
      expect(messages.join('\n')).toContain('demo-password');
      const [n] = await empty.query<{ leagues: string; trades: string }>(
        `SELECT (SELECT count(*) FROM leagues) AS leagues, (SELECT count(*) FROM trades) AS trades`,
      );
      expect(Number(n.leagues)).toBe(20);
      expect(Number(n.trades)).toBeGreaterThan(95_000);
      expect(await seedIfEmpty(empty.url, () => {})).toBe(false);
    } finally {
      await empty.drop();
    }
  }, 120_000);
});
