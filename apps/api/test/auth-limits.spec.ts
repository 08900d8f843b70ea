import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { clientBucket } from '../src/auth/client-address.js';
import { waitingHashes } from '../src/auth/password.js';
import { eventually, HAS_REDIS, sleep } from './cache/cache-test-app.js';

const MODES = HAS_REDIS ? (['redis', 'postgres'] as const) : (['postgres'] as const);

describe.each(MODES)('login throttle and rate limits (counted in %s)', (mode) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LOGIN_THROTTLE_LIMIT: '10',
        RATE_LIMIT_REGISTER: '5/1h',
        RATE_LIMIT_PUBLIC: '20/1m',
        ...(mode === 'postgres' ? { REDIS_ENABLED: 'false' } : {}),
      },
    });
  }, 60_000);
  afterAll(() => t.close());

  const login = (username: string, password: string, ip = '10.1.2.3') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  it('lets at most the limit of a burst of 40 parallel wrong passwords be checked', async () => {
    const user = await t.signUp();
    const replies = await Promise.all(Array.from({ length: 40 }, () => login(user.username, 'wrong password')));
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const throttled = replies.find((r) => r.statusCode === 429)!;
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Only the checked attempts reached the password check and were recorded as failures.
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM login_attempts WHERE username = $1 AND NOT success`,
      [user.username],
    );
    expect(n).toBeLessThanOrEqual(10);
  }, 60_000);

  it('does not let a stranger elsewhere lock the user out', async () => {
    const user = await t.signUp();
    for (let i = 0; i < 12; i++) await login(user.username, 'guess', '10.9.9.9');
    expect((await login(user.username, 'guess', '10.9.9.9')).statusCode).toBe(429);
    // The owner, from their own address, still gets in.
    expect((await login(user.username, TEST_PASSWORD, '10.7.7.7')).statusCode).toBe(200);
  }, 60_000);

  it('does not count successful logins against the user', async () => {
    const user = await t.signUp();
    for (let i = 0; i < 11; i++) expect((await login(user.username, TEST_PASSWORD, '10.5.5.5')).statusCode).toBe(200);
  }, 60_000);

  it('limits a registration flood per client, with Retry-After', async () => {
    const register = (i: number, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: {
          username: `flood${mode}${ip.replace(/\W/g, '')}${i}`,
          email: `f${i}${ip}@example.com`.replace(/:/g, ''),
          password: TEST_PASSWORD,
        },
        remoteAddress: ip,
      });
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => register(i, '10.3.3.3')));
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(7);
    const limited = replies.find((r) => r.statusCode === 429)!;
    expect(limited.headers['retry-after']).toBeDefined();
    expect(JSON.parse(limited.body)).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.any(String),
    });
    // Another client is not affected; two addresses of one IPv6 /64 share a bucket.
    expect((await register(100, '10.4.4.4')).statusCode).toBe(201);
    for (let i = 0; i < 5; i++) expect((await register(200 + i, `2001:db8:1:2::${i + 1}`)).statusCode).toBe(201);
    expect((await register(300, '2001:db8:1:2:ffff::9')).statusCode).toBe(429);
    expect((await register(301, '2001:db8:1:3::1')).statusCode).toBe(201);
  }, 60_000);

  it('never limits the liveness probe, and limits readiness as a public route', async () => {
    const live = await Promise.all(
      Array.from({ length: 40 }, () => t.app.inject({ url: '/health/live', remoteAddress: '10.2.2.2' })),
    );
    expect(live.every((r) => r.statusCode === 200)).toBe(true);
    const ready = await t.app.inject({ url: '/health/ready', remoteAddress: '10.2.2.2' });
    expect(ready.headers['x-ratelimit-limit']).toBeDefined();
  });

  it('answers a taken username and a taken email alike', async () => {
    const user = await t.signUp();
    const again = async (username: string, email: string) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { username, email, password: TEST_PASSWORD },
        remoteAddress: '10.6.6.6',
      });
      return { status: r.statusCode, body: JSON.parse(r.body) };
    };
    const byName = await again(user.username, `other${Date.now()}@example.com`);
    const byEmail = await again(`fresh${Date.now().toString(36)}`, `${user.username}@example.com`);
    expect(byName.status).toBe(409);
    expect(byEmail.status).toBe(409);
    expect(byEmail.body).toEqual(byName.body);
  });
});

describe('client buckets', () => {
  it('keeps IPv4 addresses apart and groups IPv6 by /64', () => {
    expect(clientBucket('10.0.0.1')).toBe('10.0.0.1');
    expect(clientBucket('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientBucket('2001:db8::1')).toBe(clientBucket('2001:db8:0:0:ffff::2'));
    expect(clientBucket('2001:db8::1')).not.toBe(clientBucket('2001:db8:0:1::1'));
    expect(clientBucket('not an ip')).toBe('unknown');
  });
});

describe('password hash queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PASSWORD_HASH_QUEUE: '2' } });
  }, 60_000);
  afterAll(() => t.close());

  it('answers 503 with Retry-After when more hashes wait than the queue holds', async () => {
    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `nobody${i}`, password: 'whatever' },
          remoteAddress: `10.8.0.${i + 1}`,
        }),
      ),
    );
    const busy = replies.filter((r) => r.statusCode === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0].headers['retry-after']).toBe('1');
    expect(replies.every((r) => r.statusCode === 503 || r.statusCode === 401)).toBe(true);
  }, 60_000);
});

describe('password hashes for clients that have gone', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  }, 60_000);
  afterAll(() => t.close());

  /** A login over a real connection; `abort()` closes the connection before the answer, as an impatient client. */
  function login(username: string) {
    const payload = JSON.stringify({ username, password: 'whatever' });
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    const status = new Promise<number>((resolve) => {
      request.on('response', (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      request.on('error', () => resolve(0));
    });
    request.end(payload);
    return { status, abort: () => request.destroy() };
  }

  it('skips the hash of a login whose client closed the connection while it waited for a worker', async () => {
    const tag = Date.now().toString(36);
    // Four logins take the four hash workers; eight more queue behind them, then their clients give up.
    const running = Array.from({ length: 4 }, (_, i) => login(`busy${tag}${i}`));
    await sleep(30);
    const gone = Array.from({ length: 8 }, (_, i) => login(`gone${tag}${i}`));
    expect(await eventually(() => waitingHashes() === 8, 5_000, 2)).toBe(true);
    for (const request of gone) request.abort();

    expect(await Promise.all(running.map((r) => r.status))).toEqual([401, 401, 401, 401]);
    expect(await eventually(() => waitingHashes() === 0, 10_000, 10)).toBe(true);
    // A verified login leaves a row in login_attempts (success or not); the abandoned ones were never verified.
    const rows = await t.db.query(`SELECT username FROM login_attempts WHERE username LIKE $1`, [`%${tag}%`]);
    expect(rows.map((r: { username: string }) => r.username).sort()).toEqual(
      running.map((_, i) => `busy${tag}${i}`).sort(),
    );
  }, 60_000);
});
