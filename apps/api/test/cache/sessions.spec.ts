import { CacheKey } from '../../src/cache/cache-key.js';
import { sessionIdOf } from '../../src/auth/session-token.js';
import { DomainEvent } from '../../src/events/domain-events.js';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { eventually, MODES, modeEnv, startCacheApp, type CacheTestApp } from './cache-test-app.js';

describe.each(MODES)('session cache (%s)', (mode) => {
  let t: CacheTestApp;
  beforeAll(async () => {
    t = await startCacheApp({ env: modeEnv(mode) });
  });
  afterAll(() => t.close());

  it('resolves a session from the cache after the first request, for minutes, bounded by its expiry', async () => {
    const user = await t.signUp();
    expect((await t.request({ url: '/api/auth/me', token: user.token })).status).toBe(200);
    const cached = await t.cache.get<{ user: { id: number }; expiresAt: number }>(
      CacheKey.session(sessionIdOf(user.token)),
    );
    expect(cached!.user.id).toBe(user.id);
    expect(cached!.expiresAt).toBeGreaterThan(Date.now());
    expect(t.cache.ttlOfType('session')).toBeLessThanOrEqual(10 * 60_000);
  });

  it('ends a session whose row is deleted, at once', async () => {
    const user = await t.signUp();
    expect((await t.request({ url: '/api/auth/me', token: user.token })).status).toBe(200);
    await t.db.query(`DELETE FROM sessions WHERE user_id = $1`, [user.id]);
    expect(
      await eventually(async () => (await t.request({ url: '/api/auth/me', token: user.token })).status === 401),
    ).toBe(true);
  });

  it('does not cache unknown tokens', async () => {
    const token = 'x'.repeat(43);
    expect((await t.request({ url: '/api/auth/me', token })).status).toBe(401);
    expect(await t.cache.get(CacheKey.session(sessionIdOf(token)))).toBeUndefined();
  });

  it('logout revokes at once', async () => {
    const user = await t.signUp();
    expect((await t.request({ url: '/api/auth/me', token: user.token })).status).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/auth/logout', token: user.token })).status).toBe(204);
    expect((await t.request({ url: '/api/auth/me', token: user.token })).status).toBe(401);
  });

  it('a role change made in the database applies at once, without an event from the app', async () => {
    const user = await t.signUp();
    expect((await t.request({ url: '/admin/users', token: user.token })).status).toBe(403);
    await t.db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.id]);
    expect(
      await eventually(async () => (await t.request({ url: '/admin/users', token: user.token })).status === 200),
    ).toBe(true);
  });

  it('UserChanged drops the cached sessions of that user (a role change applies at once)', async () => {
    const user = await t.signUp();
    expect((await t.request({ url: '/admin/users', token: user.token })).status).toBe(403);
    await t.db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.id]);
    await t.app.get(EventEmitter2).emitAsync(DomainEvent.UserChanged, { userId: user.id });
    expect((await t.request({ url: '/admin/users', token: user.token })).status).toBe(200);
  });
});
