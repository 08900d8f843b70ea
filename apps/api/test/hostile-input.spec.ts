import { startTestApp, type TestApp } from './support/test-app.js';

/** Input a client can send that PostgreSQL, our keys or our validation could choke on: always a 4xx, never a 500. */
describe('hostile input', () => {
  let t: TestApp;
  let token: string;
  let leagueId: number;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await t.signUp()).token;
    const league = await t.request({ method: 'POST', url: '/api/leagues', token, body: { name: 'Hostile input' } });
    leagueId = league.body.id;
  });
  afterAll(() => t.close());

  const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
  const long = 'x'.repeat(20_000);

  it.each([
    ['a NUL in a path parameter', { url: '/api/quotes/%00' }, /path\.symbol .*NUL/],
    ['a NUL in a query string', { url: '/api/search?q=ab%00c' }, /query\.q .*NUL/],
    [
      'a NUL in a login username',
      { method: 'POST', url: '/api/auth/login', body: { username: '\u0000', password: 'p' } },
      /body\.username .*NUL/,
    ],
    ['a NUL in a league name', { method: 'POST', url: '/api/leagues', body: { name: 'x\u0000y' } }, /body\.name .*NUL/],
    ['a NUL in a field name', { method: 'POST', url: '/api/leagues', body: { ['na\u0000me']: 'abc' } }, /NUL/],
    ['deeply nested JSON', { method: 'POST', url: '/api/leagues', body: deep(200) }, /nested deeper/],
  ] as const)('refuses %s with a 400 that names the field', async (_name, request, message) => {
    const r = await t.request({ token, ...request } as Parameters<TestApp['request']>[0]);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(message);
  });

  it.each([
    ['a caret symbol', '/api/quotes/%5EX'],
    ['a bare caret', '/api/quotes/%5E'],
    ['a long symbol', `/api/quotes/${'A'.repeat(500)}`],
    ['an odd options symbol', '/api/options/%5E%5E?expiration=2030-01-01'],
    ['a long search', `/api/search?q=${long}`],
    ['a huge page', '/api/leagues?page=99999999999999999999'],
    ['an id beyond int4', '/api/leagues/99999999999/leaderboard'],
    ['a negative id', '/api/leagues/-1'],
    ['a symbol with spaces', '/api/quotes/A%20B'],
    ['an unicode symbol', '/api/quotes/%E2%82%AC'],
  ])('answers %s with a 4xx', async (_name, url) => {
    const r = await t.request({ url, token });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body).toMatchObject({ statusCode: r.status, error: expect.any(String), message: expect.any(String) });
  });

  it('takes invalid UTF-8 in a query as text, without a 500', async () => {
    const r = await t.request({ url: '/api/search?q=%ED%A0%80%FF', token });
    expect(r.status).toBeLessThan(500);
  });

  it.each([
    ['a very long league name', { name: long }],
    ['a name of the wrong type', { name: { $ne: 1 } }],
    ['a starting cash of 1e308', { name: 'Big', starting_cash: 1e308 }],
    ['an array body', [1, 2, 3]],
  ])('answers a league created with %s with a 400', async (_name, body) => {
    const r = await t.request({ method: 'POST', url: '/api/leagues', token, body });
    expect(r.status).toBe(400);
  });

  it('answers a trade with absurd numbers with a 4xx', async () => {
    for (const body of [
      { symbol: 'AAPL', side: 'buy', quantity: 1e12 },
      { symbol: 'AAPL', side: 'buy', quantity: 2 ** 31 },
      { symbol: '^X', side: 'buy', quantity: 1 },
      { symbol: 'AAPL\u0000', side: 'buy', quantity: 1 },
      { symbol: 'AAPL', side: 'buy', quantity: 1, option: { type: 'call', strike: 1e300, expiration: '9999-12-31' } },
    ]) {
      const r = await t.request({ method: 'POST', url: `/api/leagues/${leagueId}/trades`, token, body });
      expect([400, 404, 409, 422]).toContain(r.status);
    }
  });
});
