import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('registers, logs in, answers me, and logs out at once', async () => {
    const reg = await t.request({
      method: 'POST',
      url: '/api/auth/register',
      body: { username: 'alice', email: 'alice@example.com', password: TEST_PASSWORD },
    });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({
      username: 'alice',
      email: 'alice@example.com',
      role: 'user',
      last_login_at: null,
    });
    expect(reg.body).not.toHaveProperty('password_hash');

    const [stored] = await t.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'alice'`,
    );
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(TEST_PASSWORD);

    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'alice', password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(new Date(login.body.expires_at).getTime()).toBeGreaterThan(Date.now());
    expect(login.body.user.username).toBe('alice');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/league_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(login.headers['cache-control']).toBe('no-store');

    const me = await t.request({ url: '/api/auth/me', token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('alice');
    expect(me.body.last_login_at).not.toBeNull();

    const viaCookie = await t.request({
      url: '/api/auth/me',
      headers: { cookie: `league_session=${login.body.token}` },
    });
    expect(viaCookie.status).toBe(200);

    const logout = await t.request({ method: 'POST', url: '/api/auth/logout', token: login.body.token });
    expect(logout.status).toBe(204);
    const after = await t.request({ url: '/api/auth/me', token: login.body.token });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it('rejects a duplicate username with 409', async () => {
    await t.signUp('dupe');
    const again = await t.request({
      method: 'POST',
      url: '/api/auth/register',
      body: { username: 'DUPE', email: 'other@example.com', password: TEST_PASSWORD },
    });
    expect(again.status).toBe(409);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    await t.signUp('bob');
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'bob', password: 'nope-nope' },
    });
    const unknown = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'nobody', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    const attempts = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM login_attempts WHERE NOT success`);
    expect(attempts[0].n).toBeGreaterThanOrEqual(2);
  });

  it('rejects anonymous, malformed, revoked and expired tokens with 401', async () => {
    expect((await t.request({ url: '/api/auth/me' })).status).toBe(401);
    expect((await t.request({ url: '/api/auth/me', token: 'x'.repeat(43) })).status).toBe(401);
    expect((await t.request({ url: '/api/auth/me', headers: { authorization: 'Bearer <script>' } })).status).toBe(401);
    const user = await t.signUp('carol');
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    expect((await t.request({ url: '/api/auth/me', token: user.token })).status).toBe(401);
  });

  it('throttles failed logins per username with 429, even with the right password', async () => {
    await t.signUp('dave');
    for (let i = 0; i < 3; i++) {
      const r = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: 'dave', password: 'wrong-password' },
      });
      expect(r.status).toBe(401);
    }
    const blocked = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'dave', password: TEST_PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('Too Many Requests');
  });

  it('creates the admin user from ADMIN_PASSWORD and enforces roles on /admin', async () => {
    const admin = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(admin.status).toBe(200);
    expect(admin.body.user.role).toBe('admin');
    const user = await t.signUp('erin');
    expect((await t.request({ url: '/admin/users' })).status).toBe(401);
    const forbidden = await t.request({ url: '/admin/users', token: user.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Admin role required' });
    const list = await t.request({ url: '/admin/users?page=1', token: admin.body.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'erin']),
    );
    expect((await t.request({ url: '/admin/users?page=0', token: admin.body.token })).status).toBe(400);
  });

  it('requires X-Requested-With for state changes authenticated by cookie', async () => {
    const user = await t.signUp('frank');
    const cookie = `league_session=${user.token}`;
    const forged = await t.request({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(forged.status).toBe(403);
    const ok = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-requested-with': 'fetch' },
    });
    expect(ok.status).toBe(204);
  });
});
