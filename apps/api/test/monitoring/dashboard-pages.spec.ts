import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { serveDashboardAssets } from '../../src/monitoring/dashboard-assets.js';
import { DASHBOARD_ASSETS_PREFIX, withPreloads } from '../../src/monitoring/dashboard-html.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/** The dashboard's page routes: HTML for admins, the same HTML with 401/403 for a browser that must log in. */
describe('dashboard pages', () => {
  let t: TestApp;
  let admin: string;
  const pages = [
    '',
    'active-users',
    'engagement',
    'trading-activity',
    'league-activity',
    'risk-assessment',
    'alerts',
    'performance',
    'cache',
    'jobs',
    'database',
  ];

  beforeAll(async () => {
    t = await startTestApp();
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    admin = login.body.token;
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await t.db.drop();
  }, 60_000);

  it('serves the HTML of every page to an admin, and with 401 or 403 to anyone else', async () => {
    const user = await t.signUp();
    const html = { accept: 'text/html' };
    for (const page of pages) {
      const url = `/admin/monitoring/${page}`;
      const ok = await t.request({ url, token: admin, headers: html });
      expect([url, ok.status, String(ok.headers['content-type'])]).toEqual([url, 200, 'text/html; charset=utf-8']);
      expect(ok.body).toMatch(/<html/);
      const anonymous = await t.request({ url, headers: html });
      expect([url, anonymous.status]).toEqual([url, 401]);
      expect(anonymous.body).toMatch(/<html/);
      const plain = await t.request({ url, token: user.token, headers: html });
      expect([url, plain.status]).toEqual([url, 403]);
    }
  });

  it('preloads the requests of the main page at the end of the head, as escaped attributes', () => {
    const html = '<html><head><script type="module" src="/a.js"></script></head><body></body></html>';
    expect(withPreloads(html, ['/api/auth/me', '/x/json?a=1&b="2"'])).toBe(
      '<html><head><script type="module" src="/a.js"></script>' +
        '<link rel="preload" as="fetch" crossorigin href="/api/auth/me">\n  ' +
        '<link rel="preload" as="fetch" crossorigin href="/x/json?a=1&amp;b=&quot;2&quot;">\n  ' +
        '</head><body></body></html>',
    );
    expect(withPreloads(html, [])).toBe(html);
  });

  it('does not ask browsers to upgrade requests to https (the page is also served over plain HTTP)', async () => {
    const response = await t.request({
      url: '/admin/monitoring/alerts',
      token: admin,
      headers: { accept: 'text/html' },
    });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('serves assets of a build made after the server started', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dashboard-build-'));
    const root = path.join(dir, 'assets');
    const fastify = Fastify();
    try {
      serveDashboardAssets(fastify, root);
      await fastify.ready();
      const url = `${DASHBOARD_ASSETS_PREFIX}index-abc123.js`;
      expect((await fastify.inject({ url })).statusCode).toBe(404);
      mkdirSync(root);
      writeFileSync(path.join(root, 'index-abc123.js'), 'console.log(1);');
      const built = await fastify.inject({ url });
      expect(built.statusCode).toBe(200);
      expect(built.headers['cache-control']).toContain('immutable');
    } finally {
      await fastify.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
