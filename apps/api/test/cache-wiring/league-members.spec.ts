import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { HAS_REDIS, leagueWithTwoPages, modeEnv, startWiringApp, type WiringApp } from './support.js';

/** The member list shows each member's cash: a trade changes it, on every instance. */
(HAS_REDIS ? describe : describe.skip)('league members after a trade', () => {
  let db: TestDatabase;
  let a: WiringApp;
  let b: WiringApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    const env = modeEnv('redis', { CACHE_PREFIX: `lm${randomBytes(4).toString('hex')}` });
    a = await startWiringApp({ env, db });
    b = await startWiringApp({ env, db });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('a trade on A makes the member list on B show the cash after it', async () => {
    const { id, late } = await leagueWithTwoPages(a);
    const url = `/api/leagues/${id}/members`;
    const cashOf = (json: any) => json.members.find((m: { user_id: number }) => m.user_id === late.id).cash;
    const before = await a.get(url, late.token);
    expect((await b.get(url, late.token)).cache).toBe('HIT');
    const trade = await a.request({
      method: 'POST',
      url: `/api/leagues/${id}/trades`,
      token: late.token,
      body: { symbol: 'NVDA', side: 'buy', quantity: 1 },
    });
    expect(trade.status).toBe(201);
    expect(trade.body.cash).not.toBe(cashOf(before.json));
    await new Promise((resolve) => setImmediate(resolve)); // B reads its socket once, as across a network hop
    expect(cashOf((await b.get(url, late.token)).json)).toBe(trade.body.cash);
    expect(cashOf((await a.get(url, late.token)).json)).toBe(trade.body.cash);
  });
});
