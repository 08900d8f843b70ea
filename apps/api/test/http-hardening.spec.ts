import { startTestApp, type TestApp } from './support/test-app.js';

describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '2000' } });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness without leaking anything', async () => {
    const live = await t.request({ url: '/health/live' });
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.request({ url: '/health/ready' });
    expect(ready.status).toBe(200);
    expect(JSON.stringify(ready.body)).not.toMatch(/postgres|password|127\.0\.0\.1/);
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const given = await t.request({ url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.request({ url: '/health/live', headers: { 'x-request-id': 'bad id\n' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no CORS unless configured', async () => {
    const r = await t.request({ url: '/health/live', headers: { origin: 'https://evil.example' } });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBeDefined();
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"username":', 400],
    [
      'a body over the limit',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'x'.repeat(5000), password: 'y' }),
      413,
    ],
    ['an unsupported media type', { 'content-type': 'application/xml' }, '<a/>', 415],
  ])('answers %s with a 4xx in the one error shape', async (_name, headers, payload, status) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload });
    expect(r.statusCode).toBe(status);
    const body = JSON.parse(r.body);
    expect(body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  });

  it('rejects unknown fields and says which', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'a', password: 'b', role: 'admin' },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/property role should not exist/);
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const r = await t.request({ url: '/api/nothing-here' });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });

  it('serves OpenAPI generated from the DTOs', async () => {
    const r = await t.request({ url: '/api/docs-json' });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(r.body.paths['/api/auth/login']).toBeDefined();
    expect(r.body.components.schemas.RegisterDto.properties).toHaveProperty('email');
    expect((await t.request({ url: '/api/docs' })).status).toBe(200);
  });
});
