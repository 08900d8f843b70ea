import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvent } from '../../src/events/domain-events.js';
import { freePort, hasRedisServer } from '../support/servers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type User = { id: number; token: string; username: string };

const cents = (n: number) => Math.round(n * 100) / 100;

describe('trade integrity', () => {
  let t: TestApp;
  let alice: User;
  let bob: User;
  let leagueId: number;

  beforeAll(async () => {
    t = await startTestApp({
      env: { TRADE_MAX_ORDER_SIZE: '1000', TRADE_MAX_POSITION_SIZE: '1500', DATABASE_POOL_SIZE: '12' },
    });
    [alice, bob] = [await t.signUp('ivy'), await t.signUp('jack')];
    const league = await t.request({
      method: 'POST',
      url: '/api/leagues',
      token: alice.token,
      body: { name: 'Integrity', starting_cash: 1_000_000 },
    });
    leagueId = league.body.id;
    await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: bob.token });
  }, 60_000);
  afterAll(() => t.close());

  const trade = (user: User, body: object, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url: `/api/leagues/${leagueId}/trades`, token: user.token, body, headers });
  const tradeCount = async (userId: number) =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM trades WHERE user_id = $1`, [userId]))[0].n);

  describe('the price shown is the price charged', () => {
    it('executes at the quote in cents: quantity x price = amount on trades, positions and portfolio rows', async () => {
      await t.db.query(`UPDATE quotes SET price = 228.5168 WHERE symbol = 'AAPL'`);
      await t.db.query(`UPDATE quotes SET price = 31.4159 WHERE symbol = 'KO'`);
      const aapl = await trade(alice, { symbol: 'AAPL', side: 'buy', quantity: 10 });
      expect(aapl.status).toBe(201);
      expect(aapl.body.trade).toMatchObject({ price: 228.52, amount: 2285.2 });
      expect(aapl.body.cash).toBe(1_000_000 - 2285.2);
      for (const quantity of [3, 7, 333]) {
        const ko = await trade(alice, { symbol: 'KO', side: 'buy', quantity });
        expect(ko.body.trade.amount).toBe(cents(ko.body.trade.price * quantity));
      }
      const chain = (await t.request({ url: '/api/options/AAPL', token: alice.token })).body;
      const strike = chain.strikes[4];
      const option = await trade(alice, {
        symbol: 'AAPL',
        side: 'buy',
        quantity: 3,
        option: { type: 'put', strike: strike.strike, expiration: chain.expiration },
      });
      expect(option.status).toBe(201);
      expect(option.body.trade.amount).toBe(cents(option.body.trade.price * 300));
      await t.db.query(`UPDATE quotes SET price = 229.1234 WHERE symbol = 'AAPL'`);
      await trade(alice, { symbol: 'AAPL', side: 'sell', quantity: 4 });

      // Every stored trade: price in cents, amount = quantity x price x multiplier exactly.
      const off = await t.db.query(
        `SELECT id FROM trades WHERE user_id = $1 AND (price <> round(price, 2)
           OR amount <> quantity * price * CASE WHEN asset_type = 'option' THEN 100 ELSE 1 END)`,
        [alice.id],
      );
      expect(off).toEqual([]);
      const list = (await t.request({ url: `/api/leagues/${leagueId}/trades?user_id=${alice.id}`, token: bob.token }))
        .body.items as { price: number; quantity: number; amount: number; asset_type: string }[];
      for (const row of list) {
        expect(row.amount).toBe(cents(row.price * row.quantity * (row.asset_type === 'option' ? 100 : 1)));
      }

      const portfolio = (await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: alice.token })).body;
      expect(portfolio.positions.find((p: { instrument: string }) => p.instrument === 'AAPL').price).toBe(229.12);
      let value = 0;
      for (const p of portfolio.positions as {
        price: number;
        quantity: number;
        market_value: number;
        asset_type: string;
      }[]) {
        expect(p.market_value).toBe(cents(p.price * p.quantity * (p.asset_type === 'option' ? 100 : 1)));
        value += p.market_value;
      }
      expect(portfolio.positions_value).toBe(cents(value));
      expect(portfolio.total_value).toBe(cents(portfolio.cash + portfolio.positions_value));
      const board = (await t.request({ url: `/api/leagues/${leagueId}/leaderboard`, token: bob.token })).body;
      expect(board.items.find((r: { user_id: number }) => r.user_id === alice.id).portfolio_value).toBe(
        portfolio.total_value,
      );
    });
  });

  describe('no free or absurd orders', () => {
    it('refuses to buy an option whose mid rounds below a cent (422), and changes nothing', async () => {
      await t.db.query(`UPDATE quotes SET price = 100, volatility = 0.05 WHERE symbol = 'PFE'`);
      const chain = (
        await t.request({ url: '/api/options/PFE', token: bob.token, headers: { 'cache-control': 'no-cache' } })
      ).body;
      const far = chain.strikes.at(-1);
      expect(far.call.mid).toBe(0);
      const before = await tradeCount(bob.id);
      const res = await trade(bob, {
        symbol: 'PFE',
        side: 'buy',
        quantity: 50,
        option: { type: 'call', strike: far.strike, expiration: chain.expiration },
      });
      expect(res.status).toBe(422);
      expect(res.body.message).toBe(`${far.call.instrument} is worth less than a cent (mid 0.00) and cannot be bought`);
      expect(await tradeCount(bob.id)).toBe(before);
    });

    it('bounds order and position sizes by configuration (422) and never overflows a column (no 500)', async () => {
      await t.db.query(`UPDATE quotes SET price = 1 WHERE symbol = 'F'`);
      const over = await trade(bob, { symbol: 'F', side: 'buy', quantity: 1001 });
      expect(over.status).toBe(422);
      expect(over.body.message).toBe('quantity 1001 is over the limit of 1000 per order');
      expect((await trade(bob, { symbol: 'F', side: 'buy', quantity: 1000 })).status).toBe(201);
      const tooBig = await trade(bob, { symbol: 'F', side: 'buy', quantity: 501 });
      expect(tooBig.status).toBe(422);
      expect(tooBig.body.message).toBe('This order would hold 1501 of F; a position holds at most 1500');
      expect((await trade(bob, { symbol: 'F', side: 'buy', quantity: 500 })).status).toBe(201);
      for (const quantity of [2_147_483_647, 2_147_483_648, 1e20]) {
        const res = await trade(bob, { symbol: 'F', side: 'buy', quantity });
        expect([400, 422]).toContain(res.status);
      }
      const [pos] = await t.db.query<{ quantity: number }>(
        `SELECT quantity FROM positions WHERE user_id = $1 AND instrument = 'F'`,
        [bob.id],
      );
      expect(pos.quantity).toBe(1500);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first result and trades once; a different order with the key is 422', async () => {
      await t.db.query(`UPDATE quotes SET price = 50 WHERE symbol = 'T'`);
      const before = await tradeCount(bob.id);
      const key = { 'idempotency-key': 'order-7f3a' };
      const first = await trade(bob, { symbol: 'T', side: 'buy', quantity: 2 }, key);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      await t.db.query(`UPDATE quotes SET price = 60 WHERE symbol = 'T'`);
      const retry = await trade(bob, { symbol: 't', side: 'buy', quantity: 2 }, key);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await tradeCount(bob.id)).toBe(before + 1);

      const changed = await trade(bob, { symbol: 'T', side: 'buy', quantity: 3 }, key);
      expect(changed.status).toBe(422);
      expect(changed.body.message).toContain('already used for a different order');
      // Keys are per user: the same key of another user is a new order.
      expect((await trade(alice, { symbol: 'T', side: 'buy', quantity: 2 }, key)).headers['idempotent-replayed']).toBe(
        undefined,
      );
      expect(await tradeCount(bob.id)).toBe(before + 1);
      for (const bad of ['', 'x'.repeat(256), 'two words']) {
        const res = await trade(bob, { symbol: 'T', side: 'buy', quantity: 1 }, { 'idempotency-key': bad });
        expect(res.status).toBe(400);
        expect(res.body.message).toBe('Idempotency-Key must be 1 to 255 visible ASCII characters');
      }
    });

    it('executes once when retries arrive at the same time', async () => {
      const before = await tradeCount(bob.id);
      const key = { 'idempotency-key': 'burst-5c1d' };
      const results = await Promise.all(
        Array.from({ length: 12 }, () => trade(bob, { symbol: 'T', side: 'buy', quantity: 1 }, key)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(results.map((r) => r.body.trade.id)).size).toBe(1);
      expect(results.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      expect(await tradeCount(bob.id)).toBe(before + 1);
    });

    it('does not spend a key on a refused order, and frees a key after its 24 h', async () => {
      const key = { 'idempotency-key': 'retry-after-422' };
      const refused = await trade(bob, { symbol: 'T', side: 'sell', quantity: 10_000 }, key);
      expect(refused.status).toBe(422);
      const sold = await trade(bob, { symbol: 'T', side: 'sell', quantity: 1 }, { 'idempotency-key': 'old-key' });
      expect(sold.status).toBe(201);
      await t.db.query(
        `UPDATE trade_idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`,
      );
      const again = await trade(bob, { symbol: 'T', side: 'sell', quantity: 1 }, { 'idempotency-key': 'old-key' });
      expect(again.status).toBe(201);
      expect(again.body.trade.id).not.toBe(sold.body.trade.id);
    });
  });

  describe('post-commit work is time-boxed', () => {
    it('answers a committed trade without waiting for a slow event handler', async () => {
      const emitter = t.app.get(EventEmitter2);
      let finished = false;
      const slow = async () => {
        await new Promise((r) => setTimeout(r, 3000));
        finished = true;
      };
      emitter.on(DomainEvent.TradeExecuted, slow);
      try {
        const started = Date.now();
        const res = await trade(bob, { symbol: 'T', side: 'buy', quantity: 1 });
        expect(res.status).toBe(201);
        expect(Date.now() - started).toBeLessThan(1500);
        expect(finished).toBe(false);
      } finally {
        emitter.off(DomainEvent.TradeExecuted, slow);
      }
    });
  });
});

(hasRedisServer ? describe : describe.skip)('trade against a Redis that stopped answering', () => {
  let redis: ChildProcess;
  let t: TestApp;
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await new Promise((r) => setTimeout(r, 300));
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  }, 60_000);
  afterAll(async () => {
    if (redis.exitCode === null) process.kill(redis.pid!, 'SIGCONT');
    await t?.close();
    if (redis.exitCode === null) {
      const exited = new Promise((r) => redis.once('exit', r));
      process.kill(redis.pid!, 'SIGKILL');
      await exited;
    }
  });

  it('commits and answers within a second while Redis hangs', async () => {
    const user = await t.signUp('kim');
    const league = await t.request({ method: 'POST', url: '/api/leagues', token: user.token, body: { name: 'Hung' } });
    process.kill(redis.pid!, 'SIGSTOP');
    const started = Date.now();
    const res = await t.request({
      method: 'POST',
      url: `/api/leagues/${league.body.id}/trades`,
      token: user.token,
      body: { symbol: 'AAPL', side: 'buy', quantity: 1 },
    });
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
