import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Order {
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
}

/**
 * 200 orders from one member at once must serialize on the member row: the end state equals a serial replay
 * of the accepted orders in commit order, cash never goes negative, and every refusal is a clean 422.
 */
describe('concurrent orders', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 200 orders on one member row run one at a time: on a slow machine the last waits longer than the pool's default.
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '20', DATABASE_POOL_TIMEOUT: '30s' } });
    await t.db.query(`UPDATE quotes SET price = 100 WHERE symbol = 'AAPL'`);
    await t.db.query(`UPDATE quotes SET price = 37.5 WHERE symbol = 'KO'`);
    await t.db.query(`UPDATE quotes SET price = 12.25 WHERE symbol = 'F'`);
  }, 60_000);
  afterAll(() => t.close());

  const state = async (leagueId: number, userId: number) => {
    const [member] = await t.db.query<{ cash: string }>(
      `SELECT cash FROM league_members WHERE league_id = $1 AND user_id = $2`,
      [leagueId, userId],
    );
    const positions = await t.db.query(
      `SELECT instrument, quantity, avg_cost FROM positions WHERE league_id = $1 AND user_id = $2 ORDER BY instrument`,
      [leagueId, userId],
    );
    const [trades] = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM trades WHERE league_id = $1 AND user_id = $2`,
      [leagueId, userId],
    );
    return { cash: member.cash, positions, trades: Number(trades.n) };
  };

  it('200 concurrent orders end in the same state as their serial replay', async () => {
    const user = await t.signUp('racer');
    const create = (name: string) =>
      t.request({ method: 'POST', url: '/api/leagues', token: user.token, body: { name, starting_cash: 10000 } });
    const live = (await create('Concurrent')).body.id as number;
    const replay = (await create('Replay')).body.id as number;

    const rng = xoroshiro128plus(20260101);
    const symbols = ['AAPL', 'KO', 'F'];
    const orders: Order[] = Array.from({ length: 200 }, () => ({
      symbol: symbols[uniformInt(rng, 0, 2)],
      side: uniformInt(rng, 0, 9) < 6 ? 'buy' : 'sell',
      quantity: uniformInt(rng, 1, 25),
    }));

    const results = await Promise.all(
      orders.map((body) => t.request({ method: 'POST', url: `/api/leagues/${live}/trades`, token: user.token, body })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 422)).toEqual([]);
    const accepted = results.filter((r) => r.status === 201);
    // Enough of both outcomes for the property to mean something.
    expect(accepted.length).toBeGreaterThan(50);
    expect(accepted.length).toBeLessThan(200);

    // Commit order: trade ids are taken while the member row is locked.
    const committed = await t.db.query<Order>(
      `SELECT symbol, side, quantity FROM trades WHERE league_id = $1 ORDER BY id`,
      [live],
    );
    expect(committed).toHaveLength(accepted.length);
    for (const body of committed) {
      const r = await t.request({ method: 'POST', url: `/api/leagues/${replay}/trades`, token: user.token, body });
      expect(r.status).toBe(201);
    }

    const a = await state(live, user.id);
    const b = await state(replay, user.id);
    expect(a).toEqual(b);
    expect(Number(a.cash)).toBeGreaterThanOrEqual(0);
    // Cash is the starting cash plus the signed sum of the trades, to the cent.
    const [flow] = await t.db.query<{ cash: string }>(
      `SELECT (10000 + sum(CASE WHEN side = 'sell' THEN amount ELSE -amount END))::numeric(18, 2)::text AS cash
       FROM trades WHERE league_id = $1`,
      [live],
    );
    expect(flow.cash).toBe(a.cash);
    // The last response of each accepted order reported the cash it left; the highest trade id reports the end.
    const last = accepted.reduce((x, y) => (x.body.trade.id > y.body.trade.id ? x : y));
    expect(last.body.cash).toBe(Number(a.cash));
  }, 120_000);
});
