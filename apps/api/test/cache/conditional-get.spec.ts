import { CacheService } from '../../src/cache/cache.service.js';
import { CacheKey } from '../../src/cache/cache-key.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Cached reads carry a strong ETag made once per cache entry, Cache-Control from the entry's remaining TTL and
 * stale grace (public only where every allowed reader gets the same body), Vary where the caller matters, and a
 * matching If-None-Match is answered 304 without a body, from the HIT path and from the MISS path alike.
 */
describe('conditional GETs of cached reads', () => {
  let t: TestApp;
  let owner: { id: number; token: string };
  let member: { id: number; token: string };
  let leagueId: number;

  beforeAll(async () => {
    t = await startTestApp();
    [owner, member] = [await t.signUp(), await t.signUp()];
    leagueId = (await t.request({ method: 'POST', url: '/api/leagues', token: owner.token, body: { name: 'Etags' } }))
      .body.id;
    await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/join`, token: member.token });
  });
  afterAll(() => t.close());

  const get = (url: string, token: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  it('answers an unchanged leaderboard 304 with an empty body, on a HIT and after a MISS', async () => {
    const url = `/api/leagues/${leagueId}/leaderboard`;
    const first = await get(url, member.token);
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);

    const hit = await get(url, member.token, { 'if-none-match': etag });
    expect([hit.statusCode, hit.headers['x-cache'], hit.body]).toEqual([304, 'HIT', '']);
    expect(hit.headers.etag).toBe(etag);
    expect(hit.headers['content-length'] ?? '0').toBe('0');

    // Any of a list, `*`, and the weak form match too (RFC 9110 compares If-None-Match weakly).
    for (const header of [`"other", ${etag}`, '*', `W/${etag}`]) {
      expect((await get(url, member.token, { 'if-none-match': header })).statusCode).toBe(304);
    }
    const other = await get(url, member.token, { 'if-none-match': '"something-else"' });
    expect([other.statusCode, other.body]).toEqual([200, first.body]);

    // The same bytes give the same tag when they are computed again (another instance, or after eviction).
    await t.request({ method: 'POST', url: '/admin/monitoring/cache/clear', token: (await admin()).token, body: {} });
    const miss = await get(url, member.token, { 'if-none-match': etag });
    expect([miss.statusCode, miss.headers['x-cache'], miss.body]).toEqual([304, 'MISS', '']);
  });

  it('keeps the ETag with the cache entry: every hit sends the stored tag', async () => {
    const url = `/api/leagues/${leagueId}/leaderboard?page=1`;
    const first = await get(url, member.token);
    const entity = t.app.get(CacheService).peekEntity(CacheKey.leaderboard(leagueId, 1), { count: false });
    expect(entity?.etag).toBe(first.headers.etag);
    expect(entity?.bytes.toString()).toBe(first.body);
    const again = t.app.get(CacheService).peekEntity(CacheKey.leaderboard(leagueId, 1), { count: false });
    expect(again?.etag).toBe(entity?.etag);
  });

  it('says private with the remaining TTL and grace, and Vary, for league and user data', async () => {
    const board = await get(`/api/leagues/${leagueId}/leaderboard`, member.token);
    const [, maxAge] = /^private, max-age=(\d+), stale-while-revalidate=60$/.exec(
      String(board.headers['cache-control']),
    )!;
    expect(Number(maxAge)).toBeGreaterThan(0);
    // Five minutes, plus the jitter that spreads expiries.
    expect(Number(maxAge)).toBeLessThanOrEqual(330);
    expect(board.headers.vary).toBe('Authorization, Cookie');

    for (const url of [`/api/leagues/${leagueId}/portfolio`, `/api/leagues/${leagueId}/portfolio/${owner.id}`]) {
      const response = await get(url, member.token);
      expect([url, response.headers['cache-control']]).toEqual([url, expect.stringMatching(/^private, max-age=\d+$/)]);
      expect(response.headers.vary).toBe('Authorization, Cookie');
    }
  });

  it('says public for data that is the same for every reader, without Vary', async () => {
    const quote = await get('/api/quotes/AAPL', member.token);
    expect(quote.headers['cache-control']).toMatch(/^public, max-age=\d+, stale-while-revalidate=30$/);
    expect(quote.headers.vary).toBeUndefined();
    expect(quote.headers.etag).toBeDefined();
  });

  it('answers 200 with the new body to the old ETag after a write', async () => {
    const url = `/api/leagues/${leagueId}/leaderboard`;
    const before = await get(url, member.token);
    expect((await get(url, member.token, { 'if-none-match': String(before.headers.etag) })).statusCode).toBe(304);
    const trade = await t.request({
      method: 'POST',
      url: `/api/leagues/${leagueId}/trades`,
      token: member.token,
      body: { symbol: 'AAPL', side: 'buy', quantity: 5 },
    });
    expect(trade.status).toBe(201);
    const after = await get(url, member.token, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).not.toBe(before.body);
  });

  it('sends no validators on uncached reads and errors', async () => {
    const list = await get('/api/leagues', member.token);
    expect(list.headers.etag).toBeUndefined();
    const missing = await get('/api/leagues/999999/leaderboard', member.token, { 'if-none-match': '*' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });

  let adminUser: { token: string } | undefined;
  async function admin() {
    return (adminUser ??= await t.signUp(undefined, 'admin'));
  }
});
