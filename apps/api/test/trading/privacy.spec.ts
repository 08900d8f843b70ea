import { startTestApp, type TestApp } from '../support/test-app.js';

/** A member's portfolio and trades are for the league's members and admins, whatever is cached. */
describe('league privacy', () => {
  let t: TestApp;
  let owner: { id: number; token: string };
  let member: { id: number; token: string };
  let stranger: { id: number; token: string };
  let admin: { id: number; token: string };
  let leagueId: number;
  beforeAll(async () => {
    t = await startTestApp();
    [owner, member, stranger, admin] = [
      await t.signUp(),
      await t.signUp(),
      await t.signUp(),
      await t.signUp(undefined, 'admin'),
    ];
    leagueId = (
      await t.request({ method: 'POST', url: '/api/leagues', token: owner.token, body: { name: 'Private club' } })
    ).body.id;
    expect(
      (await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: member.token })).status,
    ).toBe(200);
    const trade = await t.request({
      method: 'POST',
      url: `/api/leagues/${leagueId}/trades`,
      token: owner.token,
      body: { symbol: 'AAPL', side: 'buy', quantity: 3 },
    });
    expect(trade.status).toBe(201);
  });
  afterAll(() => t.close());

  it("refuses a stranger a member's portfolio, also when it is cached", async () => {
    const url = `/api/leagues/${leagueId}/portfolio/${owner.id}`;
    const seen = await t.request({ url, token: member.token });
    expect(seen.status).toBe(200);
    expect(seen.body.positions.length).toBe(1);
    const hit = await t.request({ url, token: member.token });
    expect(hit.headers['x-cache']).toBe('HIT');
    const refused = await t.request({ url, token: stranger.token });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/AAPL/);
    expect((await t.request({ url, token: admin.token })).status).toBe(200);
  });

  it("refuses a stranger the league's trades", async () => {
    const url = `/api/leagues/${leagueId}/trades?user_id=${owner.id}`;
    expect((await t.request({ url, token: member.token })).body.items.length).toBe(1);
    expect((await t.request({ url, token: stranger.token })).status).toBe(403);
    expect((await t.request({ url, token: admin.token })).status).toBe(200);
  });

  it('lets a stranger in once they join', async () => {
    const url = `/api/leagues/${leagueId}/portfolio/${owner.id}`;
    expect((await t.request({ url, token: stranger.token })).status).toBe(403);
    expect(
      (await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: stranger.token })).status,
    ).toBe(200);
    expect((await t.request({ url, token: stranger.token })).status).toBe(200);
  });

  it('answers 404 for a league that does not exist', async () => {
    expect((await t.request({ url: '/api/leagues/999999/portfolio/1', token: stranger.token })).status).toBe(404);
    expect((await t.request({ url: '/api/leagues/999999/trades', token: stranger.token })).status).toBe(404);
  });

  it('serves HEAD from the cache like GET, without a body', async () => {
    const url = `/api/leagues/${leagueId}/leaderboard`;
    await t.request({ url, token: member.token });
    const head = await t.app.inject({ method: 'HEAD', url, headers: { authorization: `Bearer ${member.token}` } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-cache']).toBe('HIT');
    expect(head.body).toBe('');
    const cold = `/api/quotes/MSFT`;
    const first = await t.app.inject({
      method: 'HEAD',
      url: cold,
      headers: { authorization: `Bearer ${member.token}` },
    });
    expect(first.headers['x-cache']).toBe('MISS');
    const get = await t.request({ url: cold, token: member.token });
    expect(get.headers['x-cache']).toBe('HIT');
  });
});
