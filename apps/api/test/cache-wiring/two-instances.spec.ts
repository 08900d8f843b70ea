import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { HAS_REDIS, leagueWithTwoPages, modeEnv, startWiringApp, type League, type WiringApp } from './support.js';

/** Two instances on one database and one Redis namespace: a write on A, the read on B is fresh. */
(HAS_REDIS ? describe : describe.skip)('two app instances', () => {
  let db: TestDatabase;
  let a: WiringApp;
  let b: WiringApp;
  let league: League;
  beforeAll(async () => {
    db = await createTestDatabase();
    const env = modeEnv('redis', { CACHE_PREFIX: `tw${randomBytes(4).toString('hex')}` });
    a = await startWiringApp({ env, db });
    b = await startWiringApp({ env, db });
    league = await leagueWithTwoPages(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('an entry filled by A is a HIT on B; a trade on A makes every affected read on B fresh', async () => {
    const { id, late } = league;
    const urls = [
      `/api/leagues/${id}/portfolio`,
      `/api/leagues/${id}/leaderboard?page=2`,
      `/api/leagues/${id}/activity`,
      `/api/users/${late.id}/stats`,
      `/api/leagues/${id}/stats`,
    ];
    for (const url of urls) {
      expect((await a.get(url, late.token)).cache).toBe('MISS');
      const onB = await b.get(url, late.token);
      expect([url, onB.cache]).toEqual([url, 'HIT']); // one fetch for both instances (L2)
      expect((await b.get(url, late.token)).cache).toBe('HIT'); // now in B's L1 too
    }
    const trade = await a.request({
      method: 'POST',
      url: `/api/leagues/${id}/trades`,
      token: late.token,
      body: { symbol: 'NVDA', side: 'buy', quantity: 1 },
    });
    expect(trade.status).toBe(201);
    // Both instances share this process: let B read its socket once (the bus message Redis wrote to it before
    // answering A's PUBLISH), as the network hop to another instance would. A HIT on B is now answered without
    // yielding to I/O, so without this the test would only measure the order of two sockets in one event loop.
    await new Promise((resolve) => setImmediate(resolve));
    const portfolio = await b.get(urls[0], late.token);
    expect(portfolio.cache).toBe('MISS');
    expect(portfolio.json.positions.map((p: { symbol: string }) => p.symbol)).toEqual(['NVDA']);
    const page2 = await b.get(urls[1], late.token);
    expect(page2.cache).toBe('MISS');
    expect(page2.json.items.find((i: { user_id: number }) => i.user_id === late.id).cash).toBe(trade.body.cash);
    const activity = await b.get(urls[2], late.token);
    expect([activity.cache, activity.json.items[0].payload.symbol]).toEqual(['MISS', 'NVDA']);
    expect((await b.get(urls[3], late.token)).json.trades).toBe(1);
    expect((await b.get(urls[4], late.token)).json.trades).toBe(1);
  });

  it('a league update on B is read fresh on A', async () => {
    const { id, owner } = league;
    const url = `/api/leagues/${id}`;
    await a.get(url, owner.token);
    expect((await a.get(url, owner.token)).cache).toBe('HIT');
    const patch = await b.request({ method: 'PATCH', url, token: owner.token, body: { description: 'from B' } });
    expect(patch.status).toBe(200);
    const onA = await a.get(url, owner.token);
    expect([onA.cache, onA.json.description]).toEqual(['MISS', 'from B']);
  });

  it('a quote tick run by A (the job runs on one instance) is seen on B', async () => {
    const { owner } = league;
    await b.get('/api/quotes/TSLA', owner.token);
    const cachedOnB = await b.get('/api/quotes/TSLA', owner.token);
    expect(cachedOnB.cache).toBe('HIT');
    let at = Date.now();
    let price = cachedOnB.json.price;
    for (let i = 0; i < 20 && price === cachedOnB.json.price; i++) {
      at += 3_600_000;
      await a.tick(new Date(at));
      const [row] = await db.query(`SELECT round(price, 2)::float8 AS price FROM quotes WHERE symbol = 'TSLA'`);
      price = row.price;
    }
    const fresh = await b.get('/api/quotes/TSLA', owner.token);
    expect(fresh.cache).toBe('MISS');
    expect(fresh.json.price).toBe(price);
    expect(fresh.json.price).not.toBe(cachedOnB.json.price);
  });
});
