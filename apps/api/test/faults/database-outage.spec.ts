import { FaultProxy } from '../../../../tools/faults/fault-proxy.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** PostgreSQL unreachable (a proxy in front of it cut): cached reads go on, writes answer 503 and change nothing. */
describe('PostgreSQL unreachable', () => {
  let db: TestDatabase;
  let proxy: FaultProxy;
  let t: TestApp;
  let user: { id: number; token: string };
  let leagueId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await FaultProxy.start(db.url);
    t = await startTestApp({ db, env: { DATABASE_URL: proxy.urlFor(db.url) } });
    user = await t.signUp();
    const league = await t.request({
      method: 'POST',
      url: '/api/leagues',
      token: user.token,
      body: { name: 'Outage' },
    });
    leagueId = league.body.id;
    const trade = await t.request({
      method: 'POST',
      url: `/api/leagues/${leagueId}/trades`,
      token: user.token,
      body: { symbol: 'AAPL', side: 'buy', quantity: 2 },
    });
    expect(trade.status).toBe(201);
  });
  afterAll(async () => {
    proxy.heal();
    await t.close();
    await proxy.close();
    await db.drop();
  });

  const reads = () => [
    `/api/leagues/${leagueId}/leaderboard`,
    `/api/leagues/${leagueId}`,
    `/api/leagues/${leagueId}/portfolio`,
  ];
  const tradeCount = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM trades`))[0].n;

  it('serves cached reads, answers writes 503 with Retry-After, writes nothing, and recovers', async () => {
    for (const url of reads()) expect((await t.request({ url, token: user.token })).status).toBe(200);
    const before = await tradeCount();

    proxy.cut();
    // Let the instance notice: its session-notification listener drops, after which sessions are checked in
    // PostgreSQL (the path a cached read must not depend on while PostgreSQL is away).
    await new Promise((r) => setTimeout(r, 500));
    try {
      for (const url of reads()) {
        const res = await t.request({ url, token: user.token });
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
      }
      const trade = await t.request({
        method: 'POST',
        url: `/api/leagues/${leagueId}/trades`,
        token: user.token,
        body: { symbol: 'AAPL', side: 'buy', quantity: 1 },
      });
      expect(trade.status).toBe(503);
      expect(trade.headers['retry-after']).toBe('5');
      expect(trade.body.message).toMatch(/database is unreachable/);
      // A logout cannot be recorded either: it fails the same way, and the session stays valid.
      const logout = await t.request({ method: 'POST', url: '/api/auth/logout', token: user.token });
      expect(logout.status).toBe(503);
      // A token never seen before cannot be checked: refused, never let in.
      expect((await t.request({ url: reads()[0], token: 'f'.repeat(43) })).status).not.toBe(200);
    } finally {
      proxy.heal();
    }

    expect(await tradeCount()).toBe(before);
    let status = 0;
    for (let i = 0; i < 50 && status !== 201; i++) {
      status = (
        await t.request({
          method: 'POST',
          url: `/api/leagues/${leagueId}/trades`,
          token: user.token,
          body: { symbol: 'AAPL', side: 'buy', quantity: 1 },
        })
      ).status;
      if (status !== 201) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(201);
    expect(await tradeCount()).toBe(before + 1);
    expect((await t.request({ method: 'POST', url: '/api/auth/logout', token: user.token })).status).toBe(204);
    expect((await t.request({ url: reads()[0], token: user.token })).status).toBe(401);
  });
});
