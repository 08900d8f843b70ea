import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvent, type LeagueChangedEvent, type TradeExecutedEvent } from '../../src/events/domain-events.js';
import { upcomingExpirations } from '../../src/market/option-contract.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type User = { id: number; token: string; username: string };

describe('trading core', () => {
  let t: TestApp;
  let alice: User;
  let bob: User;
  let carol: User;
  let admin: User;
  let leagueId: number;
  const events: { name: string; payload: unknown }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, carol] = [await t.signUp('alice'), await t.signUp('bob'), await t.signUp('carol')];
    admin = await t.signUp('boss', 'admin');
    const emitter = t.app.get(EventEmitter2);
    for (const name of [DomainEvent.TradeExecuted, DomainEvent.LeagueChanged]) {
      emitter.on(name, (payload: unknown) => events.push({ name, payload }));
    }
  }, 60_000);
  afterAll(() => t.close());

  const trade = (user: User, body: object, league = leagueId) =>
    t.request({ method: 'POST', url: `/api/leagues/${league}/trades`, token: user.token, body });

  describe('leagues', () => {
    it('creates a league whose creator is owner and first member', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/leagues',
        token: alice.token,
        body: { name: 'Tech Portfolio', description: 'FAANG only', starting_cash: 10000 },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Tech Portfolio',
        owner_id: alice.id,
        owner_username: 'alice',
        status: 'active',
        starting_cash: 10000,
        member_count: 1,
        archived_at: null,
      });
      leagueId = res.body.id;
      expect(events).toContainEqual({ name: DomainEvent.LeagueChanged, payload: { leagueId, change: 'created' } });
    });

    it('validates the body with messages naming the field', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/leagues',
        token: alice.token,
        body: { name: 'x', starting_cash: 12.345, extra: 1 },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('name must be 3 to 80 characters');
      expect(res.body.message).toContain('starting_cash');
      expect(res.body.message).toContain('extra');
    });

    it('joins (once), lists members, refuses a second join with 409', async () => {
      const join = await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: bob.token });
      expect(join.status).toBe(200);
      expect(join.body.member_count).toBe(2);
      expect(events).toContainEqual({
        name: DomainEvent.LeagueChanged,
        payload: { leagueId, change: 'member_joined', userId: bob.id },
      });
      const again = await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: bob.token });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('You are already a member of this league');
      const members = await t.request({ url: `/api/leagues/${leagueId}/members`, token: carol.token });
      expect(members.body).toEqual({
        league_id: leagueId,
        members: [
          expect.objectContaining({ user_id: alice.id, username: 'alice', cash: 10000 }),
          expect.objectContaining({ user_id: bob.id, username: 'bob', cash: 10000 }),
        ],
      });
    });

    it('gets, lists with a status filter and paginates', async () => {
      const other = await t.request({
        method: 'POST',
        url: '/api/leagues',
        token: bob.token,
        body: { name: 'Value Investors' },
      });
      expect(other.body.starting_cash).toBe(100000);
      const got = await t.request({ url: `/api/leagues/${leagueId}`, token: bob.token });
      expect(got.body.name).toBe('Tech Portfolio');
      const page1 = await t.request({ url: '/api/leagues?page_size=1', token: bob.token });
      expect(page1.body).toMatchObject({ page: 1, page_size: 1, total: 2 });
      expect(page1.body.items[0].id).toBe(other.body.id);
      const page3 = await t.request({ url: '/api/leagues?page=3&page_size=1', token: bob.token });
      expect(page3.body).toMatchObject({ items: [], total: 2 });
      const archived = await t.request({ url: '/api/leagues?status=archived', token: bob.token });
      expect(archived.body.total).toBe(0);
      expect((await t.request({ url: '/api/leagues?status=gone', token: bob.token })).status).toBe(400);
      expect((await t.request({ url: '/api/leagues?page=0', token: bob.token })).status).toBe(400);
      expect((await t.request({ url: '/api/leagues/999999', token: bob.token })).status).toBe(404);
      const bad = await t.request({ url: '/api/leagues/abc', token: bob.token });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('league id must be a positive integer');
    });

    it('lets only the owner or an admin update, and audit-logs it', async () => {
      const denied = await t.request({
        method: 'PATCH',
        url: `/api/leagues/${leagueId}`,
        token: bob.token,
        body: { name: 'Hijacked' },
      });
      expect(denied.status).toBe(403);
      const ok = await t.request({
        method: 'PATCH',
        url: `/api/leagues/${leagueId}`,
        token: alice.token,
        body: { description: 'Big tech only' },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ name: 'Tech Portfolio', description: 'Big tech only' });
      const audit = await t.db.query(`SELECT actor_id, action, target FROM audit_logs WHERE action = 'league.update'`);
      expect(audit).toEqual([{ actor_id: alice.id, action: 'league.update', target: `league:${leagueId}` }]);
    });
  });

  describe('trades', () => {
    it('buys stock at the quote: cash down, position with average cost, activity, event after commit', async () => {
      await t.db.query(`UPDATE quotes SET price = 100, prev_close = 100 WHERE symbol = 'AAPL'`);
      const res = await trade(alice, { symbol: 'aapl', side: 'buy', quantity: 10 });
      expect(res.status).toBe(201);
      expect(res.body.cash).toBe(9000);
      expect(res.body.trade).toMatchObject({
        league_id: leagueId,
        user_id: alice.id,
        username: 'alice',
        symbol: 'AAPL',
        instrument: 'AAPL',
        side: 'buy',
        asset_type: 'stock',
        quantity: 10,
        price: 100,
        amount: 1000,
        realized_pnl: null,
      });
      expect(events.at(-1)).toEqual({
        name: DomainEvent.TradeExecuted,
        payload: expect.objectContaining({ tradeId: res.body.trade.id, leagueId, userId: alice.id, side: 'buy' }),
      });
      await t.db.query(`UPDATE quotes SET price = 110.3333 WHERE symbol = 'AAPL'`);
      await trade(alice, { symbol: 'AAPL', side: 'buy', quantity: 5 });
      const [pos] = await t.db.query<{ quantity: number; avg_cost: string }>(
        `SELECT quantity, avg_cost FROM positions WHERE user_id = $1 AND instrument = 'AAPL'`,
        [alice.id],
      );
      // Executed at 110.33, the price the quote shows: (10 * 100 + 5 * 110.33) / 15 = 103.4433 (4 places)
      expect(pos).toEqual({ quantity: 15, avg_cost: '103.4433' });
      const [member] = await t.db.query<{ cash: string }>(
        `SELECT cash FROM league_members WHERE league_id = $1 AND user_id = $2`,
        [leagueId, alice.id],
      );
      expect(member.cash).toBe('8448.35'); // 9000 - 5 x 110.33
    });

    it('sells with realized P&L, and closes the position when all is sold', async () => {
      await t.db.query(`UPDATE quotes SET price = 120 WHERE symbol = 'AAPL'`);
      const part = await trade(alice, { symbol: 'AAPL', side: 'sell', quantity: 5 });
      expect(part.status).toBe(201);
      expect(part.body.trade.realized_pnl).toBe(82.78); // (120 - 103.4433) * 5
      expect(part.body.cash).toBe(9048.35);
      const rest = await trade(alice, { symbol: 'AAPL', side: 'sell', quantity: 10 });
      expect(rest.status).toBe(201);
      const left = await t.db.query(`SELECT * FROM positions WHERE user_id = $1`, [alice.id]);
      expect(left).toEqual([]);
    });

    it('refuses overdrafts and short sales with 422 and changes nothing', async () => {
      const [before] = await t.db.query(`SELECT count(*) AS n FROM trades`);
      const broke = await trade(bob, { symbol: 'BKNG', side: 'buy', quantity: 3 });
      expect(broke.status).toBe(422);
      expect(broke.body.message).toMatch(/^Not enough cash: this order costs [\d.]+ and you have 10000.00$/);
      const short = await trade(bob, { symbol: 'MSFT', side: 'sell', quantity: 1 });
      expect(short.status).toBe(422);
      expect(short.body.message).toBe('Not enough shares: you hold 0 of MSFT');
      const [after] = await t.db.query(`SELECT count(*) AS n FROM trades`);
      expect(after).toEqual(before);
    });

    it('answers bad input in order: 400 body, 404 league or symbol, 403 non-member', async () => {
      for (const quantity of [0, -1, 1.5, '3', null]) {
        const res = await trade(bob, { symbol: 'AAPL', side: 'buy', quantity });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('quantity must be a positive integer');
      }
      expect((await trade(bob, { symbol: 'AAPL', side: 'hold', quantity: 1 })).body.message).toContain(
        'side must be buy or sell',
      );
      const noLeague = await trade(bob, { symbol: 'AAPL', side: 'buy', quantity: 1 }, 987654);
      expect(noLeague.status).toBe(404);
      expect(noLeague.body.message).toBe('League 987654 not found');
      const noSymbol = await trade(bob, { symbol: 'NOPE', side: 'buy', quantity: 1 });
      expect(noSymbol.status).toBe(404);
      expect(noSymbol.body.message).toBe('Unknown symbol: NOPE');
      const outsider = await trade(carol, { symbol: 'AAPL', side: 'buy', quantity: 1 });
      expect(outsider.status).toBe(403);
      expect(outsider.body.message).toBe('You are not a member of this league; join it to trade');
      expect((await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/trades`, body: {} })).status).toBe(401);
    });

    it('trades option contracts at the Black-Scholes mid x 100 and values them in the portfolio', async () => {
      const chain = (await t.request({ url: '/api/options/MSFT', token: bob.token })).body;
      const atm = chain.strikes[5];
      const expiration = chain.expiration;
      const buy = await trade(bob, {
        symbol: 'MSFT',
        side: 'buy',
        quantity: 2,
        option: { type: 'call', strike: atm.strike, expiration },
      });
      expect(buy.status).toBe(201);
      expect(buy.body.trade).toMatchObject({
        asset_type: 'option',
        option_type: 'call',
        strike: atm.strike,
        expiration,
        instrument: atm.call.instrument,
        price: atm.call.mid,
        amount: Math.round(atm.call.mid * 200 * 100) / 100,
      });
      const portfolio = (await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: bob.token })).body;
      const pos = portfolio.positions.find((p: { instrument: string }) => p.instrument === atm.call.instrument);
      expect(pos).toMatchObject({ quantity: 2, avg_cost: atm.call.mid, asset_type: 'option' });
      // Marked by the SQL Black-Scholes: the same model, so within a cent of the chain's mid.
      expect(Math.abs(pos.price - atm.call.mid)).toBeLessThanOrEqual(0.01);
      expect(pos.market_value).toBeCloseTo(pos.price * 200, 2);

      const badStrike = await trade(bob, {
        symbol: 'MSFT',
        side: 'buy',
        quantity: 1,
        option: { type: 'put', strike: 1.23, expiration },
      });
      expect(badStrike.status).toBe(422);
      expect(badStrike.body.message).toContain('is not on the MSFT chain');
      const badExpiry = await trade(bob, {
        symbol: 'MSFT',
        side: 'buy',
        quantity: 1,
        option: { type: 'put', strike: atm.strike, expiration: '2020-01-17' },
      });
      expect(badExpiry.status).toBe(422);
      expect(badExpiry.body.message).toContain('expirations:');
      const malformed = await trade(bob, {
        symbol: 'MSFT',
        side: 'buy',
        quantity: 1,
        option: { type: 'straddle', strike: -1, expiration: 'x' },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toContain('option.type must be call or put');

      const sell = await trade(bob, {
        symbol: 'MSFT',
        side: 'sell',
        quantity: 2,
        option: { type: 'call', strike: atm.strike, expiration },
      });
      expect(sell.status).toBe(201);
      expect(sell.body.trade.realized_pnl).toBe(0);
      expect(sell.body.cash).toBe(10000);
      expect(upcomingExpirations(new Date())).toContain(expiration);
    });

    it('lists trades newest first, filtered by user, paginated', async () => {
      // Members and admins only: carol has not joined yet.
      expect((await t.request({ url: `/api/leagues/${leagueId}/trades`, token: carol.token })).status).toBe(403);
      const all = await t.request({ url: `/api/leagues/${leagueId}/trades?page_size=2`, token: alice.token });
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(6);
      expect(all.body.items).toHaveLength(2);
      expect(all.body.items[0].id).toBeGreaterThan(all.body.items[1].id);
      const bobs = await t.request({ url: `/api/leagues/${leagueId}/trades?user_id=${bob.id}`, token: alice.token });
      expect(bobs.body.total).toBe(2);
      expect(bobs.body.items.every((x: { user_id: number }) => x.user_id === bob.id)).toBe(true);
      expect((await t.request({ url: `/api/leagues/${leagueId}/trades?user_id=x`, token: bob.token })).status).toBe(
        400,
      );
      expect((await t.request({ url: `/api/leagues/424242/trades`, token: bob.token })).status).toBe(404);
    });
  });

  describe('reads', () => {
    beforeAll(async () => {
      // alice: 10 AAPL at 120 (cash 9048.35); bob: flat; carol joins with cash only.
      await t.db.query(`UPDATE quotes SET price = 120 WHERE symbol = 'AAPL'`);
      await trade(alice, { symbol: 'AAPL', side: 'buy', quantity: 10 });
      await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: carol.token });
      await t.db.query(`UPDATE quotes SET price = 130 WHERE symbol = 'AAPL'`);
    }, 60_000);

    it('portfolio: positions at current price with unrealized P&L and totals; 403/404 for non-members', async () => {
      const res = await t.request({ url: `/api/leagues/${leagueId}/portfolio`, token: alice.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        user_id: alice.id,
        username: 'alice',
        cash: 9048.35,
        positions_value: 1300,
        total_value: 10348.35,
        starting_cash: 10000,
        unrealized_pnl: 100,
        return_pct: 3.48,
      });
      expect(res.body.positions).toEqual([
        expect.objectContaining({
          instrument: 'AAPL',
          quantity: 10,
          avg_cost: 120,
          price: 130,
          market_value: 1300,
          unrealized_pnl: 100,
          unrealized_pnl_pct: 8.33,
        }),
      ]);
      const ofAlice = await t.request({ url: `/api/leagues/${leagueId}/portfolio/${alice.id}`, token: bob.token });
      expect(ofAlice.body).toEqual(res.body);
      const other = (await t.request({ url: '/api/leagues?page_size=1', token: bob.token })).body.items[0];
      const notMine = await t.request({ url: `/api/leagues/${other.id}/portfolio`, token: alice.token });
      expect(notMine.status).toBe(403);
      const notTheirs = await t.request({ url: `/api/leagues/${leagueId}/portfolio/${admin.id}`, token: alice.token });
      expect(notTheirs.status).toBe(404);
      expect(notTheirs.body.message).toBe(`User ${admin.id} is not a member of league ${leagueId}`);
    });

    it('leaderboard: ranked by portfolio value, ties share a rank in stable user-id order', async () => {
      const res = await t.request({ url: `/api/leagues/${leagueId}/leaderboard`, token: carol.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ league_id: leagueId, page: 1, page_size: 50, total: 3 });
      expect(res.body.items).toEqual([
        { rank: 1, user_id: alice.id, username: 'alice', portfolio_value: 10348.35, cash: 9048.35, return_pct: 3.48 },
        { rank: 2, user_id: bob.id, username: 'bob', portfolio_value: 10000, cash: 10000, return_pct: 0 },
        { rank: 2, user_id: carol.id, username: 'carol', portfolio_value: 10000, cash: 10000, return_pct: 0 },
      ]);
      const past = await t.request({ url: `/api/leagues/${leagueId}/leaderboard?page=2`, token: carol.token });
      expect(past.body).toMatchObject({ items: [], total: 3 });
      expect(
        (await t.request({ url: `/api/leagues/${leagueId}/leaderboard?page=-1`, token: carol.token })).status,
      ).toBe(400);
      expect((await t.request({ url: `/api/leagues/77777/leaderboard`, token: carol.token })).status).toBe(404);
    });

    it('activity: newest first with trades and membership events', async () => {
      const res = await t.request({ url: `/api/leagues/${leagueId}/activity`, token: carol.token });
      expect(res.status).toBe(200);
      const types = res.body.items.map((a: { type: string }) => a.type);
      expect(types[0]).toBe('member_joined');
      expect(types[1]).toBe('trade');
      expect(types.at(-1)).toBe('league_created');
      expect(res.body.items[1].payload).toMatchObject({
        symbol: 'AAPL',
        side: 'buy',
        quantity: 10,
        price: 120,
        amount: 1200,
      });
      expect(res.body.total).toBe(types.length);
      expect((await t.request({ url: `/api/leagues/${leagueId}/activity?page=x`, token: carol.token })).status).toBe(
        400,
      );
    });

    it('league stats: members, trades, volume, top symbols, average return', async () => {
      const res = await t.request({ url: `/api/leagues/${leagueId}/stats`, token: carol.token });
      expect(res.status).toBe(200);
      const [sum] = await t.db.query<{ n: string; v: string }>(
        `SELECT count(*) AS n, sum(amount) AS v FROM trades WHERE league_id = $1`,
        [leagueId],
      );
      expect(res.body).toMatchObject({ league_id: leagueId, members: 3, trades: Number(sum.n), volume: Number(sum.v) });
      expect(res.body.top_symbols[0]).toMatchObject({ symbol: 'AAPL', trades: 5 });
      // (10348.35 + 10000 + 10000) / 3 = 10116.12 -> 1.16 %
      expect(res.body.average_return_pct).toBe(1.16);
      expect(res.body.last_trade_at).not.toBeNull();
    });

    it('user stats: trades, win rate, best trade, leagues, total return', async () => {
      const res = await t.request({ url: `/api/users/${alice.id}/stats`, token: bob.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        user_id: alice.id,
        username: 'alice',
        trades: 5,
        win_rate_pct: 100,
        leagues: 1,
        total_value: 10348.35,
        total_return_pct: 3.48,
      });
      expect(res.body.best_trade).toMatchObject({ symbol: 'AAPL', realized_pnl: 165.57 }); // (120 - 103.4433) * 10
      const bobs = (await t.request({ url: `/api/users/${bob.id}/stats`, token: bob.token })).body;
      expect(bobs).toMatchObject({ trades: 2, win_rate_pct: 0, leagues: 2 });
      const nobody = (await t.request({ url: `/api/users/${admin.id}/stats`, token: bob.token })).body;
      expect(nobody).toMatchObject({
        trades: 0,
        win_rate_pct: null,
        best_trade: null,
        leagues: 0,
        total_return_pct: 0,
      });
      expect((await t.request({ url: `/api/users/99999/stats`, token: bob.token })).status).toBe(404);
    });

    it('search: case-insensitive over users, leagues and symbols, minimum length, paginated', async () => {
      const sym = await t.request({ url: '/api/search?q=micro&category=symbols', token: bob.token });
      expect(sym.status).toBe(200);
      expect(sym.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['MSFT', 'AMD', 'MU']));
      const tech = await t.request({ url: '/api/search?q=TECH&category=leagues', token: bob.token });
      expect(tech.body.items).toEqual([
        { category: 'leagues', id: String(leagueId), title: 'Tech Portfolio', subtitle: 'active league' },
      ]);
      const users = await t.request({ url: '/api/search?q=AL&category=users', token: bob.token });
      expect(users.body.items.map((i: { title: string }) => i.title)).toEqual(['alice']);
      const all = await t.request({ url: '/api/search?q=ca', token: bob.token });
      expect(all.body.category).toBe('all');
      const titles: string[] = all.body.items.map((i: { title: string }) => i.title.toLowerCase());
      expect(titles).toContain('carol');
      // Prefix matches (CAT, carol, ...) come before inner matches (Coca-Cola, ...).
      const prefixed = titles.map((x) => x.startsWith('ca'));
      expect(prefixed.indexOf(false)).toBeGreaterThan(prefixed.lastIndexOf(true));
      expect(new Set(all.body.items.map((i: { category: string }) => i.category)).size).toBeGreaterThan(1);
      const paged = await t.request({ url: '/api/search?q=in&category=symbols&page_size=2&page=2', token: bob.token });
      expect(paged.body.items).toHaveLength(2);
      expect(paged.body.total).toBeGreaterThan(4);
      const literal = await t.request({ url: '/api/search?q=%25%25', token: bob.token });
      expect(literal.body.total).toBe(0);
      const blank = await t.request({ url: '/api/search?q=%20%20a%20', token: bob.token });
      expect(blank.status).toBe(400);
      const short = await t.request({ url: '/api/search?q=a', token: bob.token });
      expect(short.status).toBe(400);
      expect(short.body.message).toBe('q must be 2 to 100 characters');
      expect((await t.request({ url: '/api/search?q=ab&category=stocks', token: bob.token })).status).toBe(400);
    });
  });

  describe('archive and restore', () => {
    it('archives (owner or admin, audit-logged): trading and joining answer 409, reads go on; restore reopens', async () => {
      const denied = await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/archive`, token: bob.token });
      expect(denied.status).toBe(403);
      const archived = await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/archive`, token: admin.token });
      expect(archived.status).toBe(200);
      expect(archived.body.status).toBe('archived');
      expect(archived.body.archived_at).not.toBeNull();
      const blocked = await trade(alice, { symbol: 'AAPL', side: 'sell', quantity: 1 });
      expect(blocked.status).toBe(409);
      expect(blocked.body.message).toBe('This league is archived; trading is closed');
      await t.request({ method: 'POST', url: '/api/leagues', token: admin.token, body: { name: 'Admins' } });
      const noJoin = await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: admin.token });
      expect(noJoin.status).toBe(409);
      expect(
        (await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/archive`, token: alice.token })).status,
      ).toBe(409);
      expect((await t.request({ url: `/api/leagues/${leagueId}/leaderboard`, token: bob.token })).status).toBe(200);
      const listed = await t.request({ url: '/api/leagues?status=archived', token: bob.token });
      expect(listed.body.items.map((l: { id: number }) => l.id)).toEqual([leagueId]);

      const restored = await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/restore`, token: alice.token });
      expect(restored.body).toMatchObject({ status: 'active', archived_at: null });
      expect((await trade(alice, { symbol: 'AAPL', side: 'sell', quantity: 1 })).status).toBe(201);
      const audit = await t.db.query(`SELECT actor_id, action FROM audit_logs WHERE target = $1 ORDER BY id`, [
        `league:${leagueId}`,
      ]);
      expect(audit).toEqual([
        { actor_id: alice.id, action: 'league.update' },
        { actor_id: admin.id, action: 'league.archive' },
        { actor_id: alice.id, action: 'league.restore' },
      ]);
      const changes = events
        .filter((e) => e.name === DomainEvent.LeagueChanged && (e.payload as LeagueChangedEvent).leagueId === leagueId)
        .map((e) => (e.payload as LeagueChangedEvent).change);
      expect(changes).toEqual(['created', 'member_joined', 'updated', 'member_joined', 'archived', 'restored']);
      expect(events.filter((e) => e.name === DomainEvent.TradeExecuted).length).toBe(
        Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM trades`))[0].n),
      );
      expect((events.at(-1)!.payload as TradeExecutedEvent).side).toBe('sell');
    });
  });
});
