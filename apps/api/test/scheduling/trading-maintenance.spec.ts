import { JobRunner } from '../../src/scheduling/job-runner.js';
import { upcomingExpirations } from '../../src/market/option-contract.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

describe('scheduling: trading maintenance', () => {
  let t: TestApp;
  let runner: JobRunner;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RETENTION_QUOTE_HISTORY: '2d', RETENTION_ACTIVITIES: '30d', RETENTION_AUDIT_LOGS: '90d' },
    });
    runner = t.app.get(JobRunner);
  }, 60_000);
  afterAll(() => t.close(), 60_000);

  it('option_expiry settles expired positions at intrinsic value into cash, with a trade and an activity', async () => {
    const alice = await t.signUp('expiry_alice');
    const bob = await t.signUp('expiry_bob');
    const league = await t.request({
      method: 'POST',
      url: '/api/leagues',
      token: alice.token,
      body: { name: 'Expiry', starting_cash: 100_000 },
    });
    const leagueId = league.body.id as number;
    await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: bob.token });
    // Expired on 2025-11-21 at 21:00 UTC; MSFT was 500.004 just before (settles on 500.00), 612 now.
    await t.db.query(`UPDATE quotes SET price = 612 WHERE symbol = 'MSFT'`);
    await t.db.query(`INSERT INTO quote_history (symbol, recorded_at, price) VALUES
      ('MSFT', '2025-11-21T20:59:55Z', 500.004), ('MSFT', '2025-11-21T21:00:05Z', 530)`);
    const live = upcomingExpirations(new Date())[0];
    const position = (userId: number, type: 'C' | 'P', strike: string, expiration: string, qty: number, avg: string) =>
      t.db.query(
        `INSERT INTO positions (league_id, user_id, instrument, symbol, asset_type, option_type, strike, expiration,
                                quantity, avg_cost)
         VALUES ($1, $2, $3, 'MSFT', 'option', $4, $5, $6, $7, $8)`,
        [
          leagueId,
          userId,
          `MSFT ${expiration} ${type} ${strike}`,
          type === 'C' ? 'call' : 'put',
          strike,
          expiration,
          qty,
          avg,
        ],
      );
    await position(alice.id, 'C', '480.00', '2025-11-21', 2, '5.0000'); // in the money by 20: +4000
    await position(alice.id, 'P', '480.00', '2025-11-21', 3, '1.2500'); // worthless
    await position(bob.id, 'P', '510.50', '2025-11-21', 1, '4.0000'); // in the money by 10.50: +1050
    await position(bob.id, 'C', '600.00', live, 1, '9.0000'); // not expired: stays

    // Cached before the run: the settlement must drop it.
    const before = await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: alice.token });
    expect(before.body.cash).toBe(100_000);
    expect(
      (await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: alice.token })).headers['x-cache'],
    ).toBe('HIT');

    const run = await runner.runNow('option_expiry');
    expect(run.outcome).toBe('ok');
    expect(run.items_processed).toBe(3);
    expect(run.details).toMatchObject({ paid: 5050 });

    const after = await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: alice.token });
    expect(after.body.cash).toBe(104_000);
    expect(after.body.positions).toEqual([]);
    const bobs = await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: bob.token });
    expect(bobs.body.cash).toBe(101_050);
    expect(bobs.body.positions.map((p: { expiration: string }) => p.expiration)).toEqual([live]);

    const trades = await t.db.query(
      `SELECT user_id, side, option_type, strike::text, quantity, price::text, amount::text, realized_pnl::text
       FROM trades WHERE league_id = $1 ORDER BY user_id, option_type`,
      [leagueId],
    );
    expect(trades).toEqual([
      {
        user_id: alice.id,
        side: 'sell',
        option_type: 'call',
        strike: '480.00',
        quantity: 2,
        price: '20.0000',
        amount: '4000.00',
        realized_pnl: '3000.00',
      },
      {
        user_id: alice.id,
        side: 'sell',
        option_type: 'put',
        strike: '480.00',
        quantity: 3,
        price: '0.0000',
        amount: '0.00',
        realized_pnl: '-375.00',
      },
      {
        user_id: bob.id,
        side: 'sell',
        option_type: 'put',
        strike: '510.50',
        quantity: 1,
        price: '10.5000',
        amount: '1050.00',
        realized_pnl: '650.00',
      },
    ]);
    const feed = await t.request({ url: `/api/leagues/${leagueId}/activity`, token: alice.token });
    const expired = feed.body.items.filter((a: { type: string }) => a.type === 'option_expired');
    expect(expired).toHaveLength(3);
    expect(expired).toContainEqual(
      expect.objectContaining({
        user_id: alice.id,
        payload: expect.objectContaining({
          instrument: 'MSFT 2025-11-21 C 480.00',
          quantity: 2,
          underlying_price: 500,
          price: 20,
          amount: 4000,
          realized_pnl: 3000,
        }),
      }),
    );

    // Nothing left to settle: a second run (or a late instance) changes nothing.
    const again = await runner.runNow('option_expiry');
    expect(again.items_processed).toBe(0);
    expect((await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: bob.token })).body.cash).toBe(101_050);
  });

  it('retention prunes quote history, activities, audit logs and idempotency keys by their configured windows', async () => {
    const user = await t.signUp('retention_trader');
    const league = await t.request({ method: 'POST', url: '/api/leagues', token: user.token, body: { name: 'Old' } });
    const leagueId = league.body.id as number;
    await t.db.query(`INSERT INTO quote_history (symbol, recorded_at, price) VALUES ('KO', $1, 60), ('KO', $2, 61)`, [
      ago(3 * DAY),
      ago(DAY),
    ]);
    await t.db.query(
      `INSERT INTO activities (league_id, user_id, type, payload, created_at)
       VALUES ($1, $2, 'old_entry', '{}', $3), ($1, $2, 'recent_entry', '{}', $4)`,
      [leagueId, user.id, ago(31 * DAY), ago(29 * DAY)],
    );
    await t.db.query(
      `INSERT INTO audit_logs (actor_id, action, created_at) VALUES ($1, 'test.old', $2), ($1, 'test.recent', $3)`,
      [user.id, ago(91 * DAY), ago(89 * DAY)],
    );
    await t.db.query(
      `INSERT INTO trade_idempotency_keys (user_id, key, request_hash, created_at)
       VALUES ($1, 'stale', 'h', $2), ($1, 'fresh', 'h', $3)`,
      [user.id, ago(25 * HOUR), ago(23 * HOUR)],
    );

    const [old] = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM quote_history WHERE recorded_at < now() - interval '2 days'`,
    );
    expect(Number(old.n)).toBeGreaterThanOrEqual(1);

    const run = await runner.runNow('retention');
    expect(run.outcome).toBe('ok');
    expect(run.details).toMatchObject({
      deleted: { quote_history: Number(old.n), activities: 1, audit_logs: 1, trade_idempotency_keys: 1 },
    });
    const history = await t.db.query<{ price: string }>(
      `SELECT price::text FROM quote_history WHERE symbol = 'KO' AND recorded_at < now() - interval '1 hour'`,
    );
    expect(history).toEqual([{ price: '61.0000' }]);
    const types = await t.db.query<{ type: string }>(
      `SELECT type FROM activities WHERE type IN ('old_entry', 'recent_entry')`,
    );
    expect(types).toEqual([{ type: 'recent_entry' }]);
    const actions = await t.db.query<{ action: string }>(`SELECT action FROM audit_logs WHERE action LIKE 'test.%'`);
    expect(actions).toEqual([{ action: 'test.recent' }]);
    const keys = await t.db.query<{ key: string }>(`SELECT key FROM trade_idempotency_keys`);
    expect(keys).toEqual([{ key: 'fresh' }]);
  });
});
