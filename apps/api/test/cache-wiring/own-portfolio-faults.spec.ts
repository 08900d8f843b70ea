import { randomBytes } from 'node:crypto';
import { FaultProxy } from '../../../../tools/faults/fault-proxy.js';
import { TEST_REDIS_URL } from '../cache/cache-test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { HAS_REDIS, leagueWithTwoPages, modeEnv, startWiringApp, type League, type WiringApp } from './support.js';

/**
 * A member's own portfolio right after their trade, read through another instance, when the instance that took the
 * trade cannot reach Redis: its invalidation waits in its journal and no bus message goes out, yet the read is fresh.
 */
(HAS_REDIS ? describe : describe.skip)('own portfolio after a trade whose invalidation cannot reach Redis', () => {
  let db: TestDatabase;
  let proxy: FaultProxy;
  let a: WiringApp;
  let b: WiringApp;
  let league: League;
  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await FaultProxy.start(TEST_REDIS_URL);
    const env = modeEnv('redis', { CACHE_PREFIX: `op${randomBytes(4).toString('hex')}` });
    a = await startWiringApp({ env: { ...env, REDIS_URL: proxy.urlFor(TEST_REDIS_URL) }, db });
    b = await startWiringApp({ env: { ...env, REDIS_URL: TEST_REDIS_URL }, db });
    league = await leagueWithTwoPages(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await proxy?.close();
    await db?.drop();
  });

  const symbols = (raw: { json: { positions: { symbol: string; quantity: number }[] } }) =>
    raw.json.positions.map((p) => `${p.symbol} ${p.quantity}`);

  it('is fresh on the other instance, and on the writer, while the link is cut and after it heals', async () => {
    const { id, late } = league;
    const url = `/api/leagues/${id}/portfolio`;
    await b.get(url, late.token);
    expect((await b.get(url, late.token)).cache).toBe('HIT');
    await a.get(url, late.token);

    proxy.cut();
    const trade = await a.request({
      method: 'POST',
      url: `/api/leagues/${id}/trades`,
      token: late.token,
      body: { symbol: 'NVDA', side: 'buy', quantity: 2 },
    });
    expect(trade.status).toBe(201);
    const onB = await b.get(url, late.token);
    expect([onB.status, symbols(onB), onB.json.cash]).toEqual([200, ['NVDA 2'], trade.body.cash]);
    // Unchanged since: B serves it from its cache again.
    expect((await b.get(url, late.token)).cache).toBe('HIT');
    expect(symbols(await a.get(url, late.token))).toEqual(['NVDA 2']);

    proxy.heal();
    const sold = await b.request({
      method: 'POST',
      url: `/api/leagues/${id}/trades`,
      token: late.token,
      body: { symbol: 'NVDA', side: 'sell', quantity: 1 },
    });
    expect(sold.status).toBe(201);
    expect(symbols(await a.get(url, late.token))).toEqual(['NVDA 1']);
    expect(symbols(await b.get(url, late.token))).toEqual(['NVDA 1']);
  });
});
