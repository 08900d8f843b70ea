import type { RouteOptions } from 'fastify';
import { createApp } from '../../src/app.factory.js';
import { DASHBOARD_ASSETS_PREFIX } from '../../src/monitoring/dashboard-html.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * Every route registered under /admin, whoever wrote it, must answer 401 to an anonymous request and 403 to a
 * plain user. Routes are collected from Fastify's onRoute hook while the app registers them, so a route added
 * later is walked without editing this test. Only the dashboard's static assets prefix is excluded: it is
 * public on purpose (scripts and styles, no data).
 */
describe('admin route walk', () => {
  let t: TestApp;
  const routes: Array<{ method: string; url: string }> = [];

  beforeAll(async () => {
    const db = await createTestDatabase();
    const config = testConfig(db.url);
    // Build the app by hand to hook route registration before init, then hand it to the usual helpers.
    const probe = await createApp(config);
    probe
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route: RouteOptions) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url });
      });
    await probe.init();
    await probe.getHttpAdapter().getInstance().ready();
    await probe.close();
    t = await startTestApp({ db });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await t.db.drop();
  }, 60_000);

  function adminRoutes(): Array<{ method: string; url: string }> {
    const seen = new Set<string>();
    return routes
      .filter((r) => r.url === '/admin' || r.url.startsWith('/admin/'))
      .filter((r) => !r.url.startsWith(DASHBOARD_ASSETS_PREFIX))
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .filter((r) => {
        const key = `${r.method} ${r.url}`;
        return !seen.has(key) && seen.add(key);
      });
  }

  /** A concrete URL for a route pattern: every path parameter becomes 1. */
  function concrete(url: string): string {
    return url.replace(/:[A-Za-z_]+(\([^)]*\))?/g, '1').replace(/\*$/, 'x');
  }

  it('finds the monitoring routes among the registered ones', () => {
    const urls = adminRoutes().map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /admin/monitoring',
      'GET /admin/monitoring/overview',
      'GET /admin/monitoring/health',
      'GET /admin/monitoring/active-users',
      'GET /admin/monitoring/active-users/json',
      'GET /admin/monitoring/engagement/json',
      'GET /admin/monitoring/trading-activity/json',
      'GET /admin/monitoring/league-activity/json',
      'GET /admin/monitoring/risk-assessment/json',
      'GET /admin/monitoring/alerts/json',
      'POST /admin/monitoring/alerts',
      'POST /admin/monitoring/alerts/:id/resolve',
      'GET /admin/monitoring/realtime/stats',
      'GET /admin/monitoring/performance/json',
      'GET /admin/monitoring/database/json',
      'GET /admin/audit/logs',
      'GET /admin/archives',
      'POST /admin/archives/:id/archive',
      'POST /admin/archives/:id/restore',
    ]) {
      expect(urls).toContain(expected);
    }
  });

  it('answers 401 to anonymous requests and 403 to plain users on every /admin route', async () => {
    const user = await t.signUp();
    const failures: string[] = [];
    const walked = adminRoutes();
    expect(walked.length).toBeGreaterThanOrEqual(19);
    for (const route of walked) {
      const url = concrete(route.url);
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const anonymous = await t.request({ method, url, body });
      if (anonymous.status !== 401) failures.push(`${method} ${url} anonymous -> ${anonymous.status}`);
      const plain = await t.request({ method, url, body, token: user.token });
      if (plain.status !== 403) failures.push(`${method} ${url} plain user -> ${plain.status}`);
    }
    expect(failures).toEqual([]);
  });

  /** Spellings of one route that the router may match as the same route, while a test on the raw URL would not. */
  function variants(url: string): string[] {
    const rest = url.slice(1);
    return [
      `/%61${rest.slice(1)}`, // a percent-encoded letter
      `/${rest.replace(/\//g, '%2F')}`, // encoded slashes
      `//${rest}`, // double slash at the start
      url.replace(/\//g, '//'), // every slash doubled
      `${url}/`, // trailing slash
      `/api/..${url}`, // a dot-dot segment
      `/x/%2E%2E${url}`, // an encoded dot-dot segment
      `http://any-host${url}`, // absolute-form target
      url.toUpperCase(), // upper case
      `/${rest[0].toUpperCase()}${rest.slice(1)}`,
    ];
  }

  it('refuses every spelling of every admin route, /metrics and the dashboard pages to the wrong caller', async () => {
    const user = await t.signUp();
    const failures: string[] = [];
    const walked = [...adminRoutes(), { method: 'GET', url: '/metrics' }];
    for (const route of walked) {
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      for (const url of variants(concrete(route.url))) {
        for (const token of [undefined, user.token]) {
          const response = await t.request({ method, url, body, token });
          if (response.status < 300 || ![401, 403, 404, 400].includes(response.status)) {
            failures.push(`${method} ${url} ${token ? 'plain user' : 'anonymous'} -> ${response.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps the admin check on the trailing-slash and query-string forms of the dashboard root', async () => {
    const user = await t.signUp();
    for (const url of ['/admin/monitoring/', '/admin/monitoring?x=1', '/admin/monitoring/alerts?severity=info']) {
      expect((await t.request({ url })).status).toBe(401);
      expect((await t.request({ url, token: user.token })).status).toBe(403);
    }
  });
});
