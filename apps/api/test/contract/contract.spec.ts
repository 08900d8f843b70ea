import { readFileSync } from 'node:fs';
import { createApiClient } from '@league/api-client';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { DASHBOARD_ASSETS_PREFIX } from '../../src/monitoring/dashboard-html.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { OpenApiValidator } from './openapi-validator.js';

/**
 * Every route the API registers is called against real PostgreSQL and Redis, on its happy path and its main
 * errors, and every real response is checked against the OpenAPI document served at /api/docs-json. Routes are
 * collected from Fastify's onRoute hook, so a route added later fails here until it is called and documented.
 * Only routes that serve no JSON (the dashboard's HTML pages and assets, the docs UI, /metrics) are out of the
 * document; they are called too and checked for their content type (an asset may be 404 before a dashboard build).
 */
describe('API contract', () => {
  let t: TestApp;
  let validator: OpenApiValidator;
  let document: OpenAPIObject;
  const registered = new Set<string>();
  /** Request id -> `METHOD /pattern` of the route that answered it. */
  const matched = new Map<string, string>();
  /** `METHOD /pattern` -> statuses answered with a body that matched the document. */
  const covered = new Map<string, Set<number>>();
  const problems: string[] = [];

  const NOT_JSON = (route: string) =>
    route === 'GET /metrics' ||
    route.startsWith('GET /api/docs') ||
    route.startsWith(`GET ${DASHBOARD_ASSETS_PREFIX}`) ||
    (route.startsWith('GET /admin/monitoring') && !/\/json$|\/(overview|health|realtime\/stats)$/.test(route));

  beforeAll(async () => {
    t = await startTestApp({
      beforeInit: (app) => {
        const fastify = app.getHttpAdapter().getInstance();
        fastify.addHook('onRoute', (route: RouteOptions) => {
          for (const method of [route.method].flat()) {
            if (method !== 'HEAD' && method !== 'OPTIONS') registered.add(`${method} ${route.url}`);
          }
        });
        fastify.addHook('onSend', (request: FastifyRequest, _reply: FastifyReply, payload: unknown, done) => {
          matched.set(request.id, `${request.method} ${request.routeOptions.url}`);
          done(null, payload);
        });
      },
    });
    document = (await t.request({ url: '/api/docs-json' })).body;
    validator = new OpenApiValidator(document);
  });
  afterAll(() => t.close());

  /** Calls the API, checks the status, and checks the body against the document (or, off it, the content type). */
  async function call(
    expected: number,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<any> {
    const response = await t.app.inject({
      method,
      url,
      payload: options.body as object | undefined,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    });
    const route = matched.get(String(response.headers['x-request-id'])) ?? `${method} (no route) ${url}`;
    if (response.statusCode !== expected) {
      problems.push(
        `${method} ${url}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
      );
    }
    if (NOT_JSON(route)) {
      if (response.statusCode >= 500) problems.push(`${route}: ${response.statusCode}`);
    } else {
      const [verb, pattern] = route.split(' ');
      const found = validator.check(verb, pattern, response.statusCode, response.body);
      // Conditional requests are documented exactly where the API sends validators.
      const conditional = Boolean(validator.operation(verb, pattern)?.responses['304']);
      if (response.statusCode < 300 && conditional !== (response.headers.etag !== undefined)) {
        found.push(
          `${route}: ETag ${response.headers.etag ? 'sent' : 'absent'}, 304 ${conditional ? '' : 'not '}documented`,
        );
      }
      problems.push(...found);
      if (!found.length) covered.set(route, (covered.get(route) ?? new Set()).add(response.statusCode));
    }
    if (NOT_JSON(route) && response.statusCode < 400) covered.set(route, new Set([response.statusCode]));
    return response.body && response.headers['content-type']?.toString().includes('json')
      ? JSON.parse(response.body)
      : response.body;
  }

  it('answers every registered route as its OpenAPI operation says', async () => {
    const [admin, owner, member, stranger] = [
      await t.signUp(undefined, 'admin'),
      await t.signUp(),
      await t.signUp(),
      await t.signUp(),
    ];

    // Authentication
    const username = `contract${Date.now().toString(36)}`;
    const credentials = { username, email: `${username}@example.com`, password: 'a long enough password' };
    await call(201, 'POST', '/api/auth/register', { body: credentials });
    await call(409, 'POST', '/api/auth/register', { body: credentials });
    await call(400, 'POST', '/api/auth/register', { body: { username: 'x' } });
    const login = await call(200, 'POST', '/api/auth/login', { body: { username, password: credentials.password } });
    await call(401, 'POST', '/api/auth/login', { body: { username, password: 'not the password' } });
    await call(400, 'POST', '/api/auth/login', { body: {} });
    await call(200, 'GET', '/api/auth/me', { token: login.token });
    await call(401, 'GET', '/api/auth/me');
    await call(204, 'POST', '/api/auth/logout', { token: login.token });
    await call(401, 'GET', '/api/auth/me', { token: login.token });

    // Health
    await call(200, 'GET', '/health/live');
    await call(200, 'GET', '/health/ready');

    // Leagues
    const league = await call(201, 'POST', '/api/leagues', { token: owner.token, body: { name: 'Contract league' } });
    const spare = await call(201, 'POST', '/api/leagues', { token: owner.token, body: { name: 'Spare league' } });
    await call(400, 'POST', '/api/leagues', { token: owner.token, body: { name: 'x' } });
    await call(401, 'POST', '/api/leagues', { body: { name: 'Anonymous league' } });
    await call(200, 'GET', '/api/leagues', { token: member.token });
    await call(400, 'GET', '/api/leagues?page_size=0', { token: member.token });
    const id = league.id as number;
    await call(200, 'GET', `/api/leagues/${id}`, { token: member.token });
    await call(404, 'GET', '/api/leagues/999999', { token: member.token });
    await call(400, 'GET', '/api/leagues/abc', { token: member.token });
    await call(200, 'PATCH', `/api/leagues/${id}`, { token: owner.token, body: { description: 'Large caps' } });
    await call(403, 'PATCH', `/api/leagues/${id}`, { token: member.token, body: { description: 'Mine now' } });
    await call(200, 'POST', `/api/leagues/${id}/join`, { token: member.token });
    await call(409, 'POST', `/api/leagues/${id}/join`, { token: member.token });
    await call(404, 'POST', '/api/leagues/999999/join', { token: member.token });
    await call(200, 'GET', `/api/leagues/${id}/members`, { token: member.token });
    await call(200, 'POST', `/api/leagues/${spare.id}/archive`, { token: owner.token });
    await call(409, 'POST', `/api/leagues/${spare.id}/archive`, { token: owner.token });
    await call(403, 'POST', `/api/leagues/${spare.id}/restore`, { token: member.token });
    await call(200, 'POST', `/api/leagues/${spare.id}/restore`, { token: owner.token });

    // Trading
    const trade = { symbol: 'AAPL', side: 'buy', quantity: 3 };
    await call(201, 'POST', `/api/leagues/${id}/trades`, { token: owner.token, body: trade });
    await call(201, 'POST', `/api/leagues/${id}/trades`, { token: member.token, body: { ...trade, quantity: 1 } });
    await call(422, 'POST', `/api/leagues/${id}/trades`, {
      token: owner.token,
      body: { ...trade, side: 'sell', quantity: 99 },
    });
    await call(403, 'POST', `/api/leagues/${id}/trades`, { token: stranger.token, body: trade });
    await call(400, 'POST', `/api/leagues/${id}/trades`, { token: owner.token, body: { ...trade, quantity: -1 } });
    await call(404, 'POST', `/api/leagues/${id}/trades`, { token: owner.token, body: { ...trade, symbol: 'NOSUCH' } });
    await call(200, 'GET', `/api/leagues/${id}/trades`, { token: member.token });
    await call(403, 'GET', `/api/leagues/${id}/trades`, { token: stranger.token });
    await call(404, 'GET', '/api/leagues/999999/trades', { token: member.token });

    // League reads, twice: the second answer comes from the cache's stored bytes.
    for (let round = 0; round < 2; round++) {
      await call(200, 'GET', `/api/leagues/${id}/leaderboard`, { token: member.token });
      await call(200, 'GET', `/api/leagues/${id}/activity`, { token: member.token });
      await call(200, 'GET', `/api/leagues/${id}/stats`, { token: member.token });
      await call(200, 'GET', `/api/leagues/${id}/portfolio`, { token: member.token });
      await call(200, 'GET', `/api/leagues/${id}/portfolio/${owner.id}`, { token: member.token });
      await call(200, 'GET', `/api/users/${owner.id}/stats`, { token: member.token });
    }
    await call(404, 'GET', '/api/leagues/999999/leaderboard', { token: member.token });
    await call(400, 'GET', `/api/leagues/${id}/leaderboard?page=0`, { token: member.token });
    await call(404, 'GET', '/api/leagues/999999/activity', { token: member.token });
    await call(404, 'GET', '/api/leagues/999999/stats', { token: member.token });
    await call(403, 'GET', `/api/leagues/${id}/portfolio`, { token: stranger.token });
    await call(403, 'GET', `/api/leagues/${id}/portfolio/${owner.id}`, { token: stranger.token });
    await call(404, 'GET', '/api/users/999999/stats', { token: member.token });
    await call(200, 'GET', '/api/search?q=contract', { token: member.token });
    await call(400, 'GET', '/api/search', { token: member.token });

    // Market
    await call(200, 'GET', '/api/quotes?symbols=AAPL,MSFT', { token: member.token });
    await call(404, 'GET', '/api/quotes?symbols=NOSUCH', { token: member.token });
    await call(200, 'GET', '/api/quotes/AAPL', { token: member.token });
    await call(404, 'GET', '/api/quotes/NOSUCH', { token: member.token });
    await call(200, 'GET', '/api/options/AAPL', { token: member.token });
    await call(404, 'GET', '/api/options/NOSUCH', { token: member.token });
    await call(400, 'GET', '/api/options/AAPL?expiration=soon', { token: member.token });

    // Admin
    await call(200, 'GET', '/admin/users', { token: admin.token });
    await call(403, 'GET', '/admin/users', { token: member.token });
    await call(401, 'GET', '/admin/users');
    await call(200, 'GET', '/admin/archives', { token: admin.token });
    await call(200, 'POST', `/admin/archives/${spare.id}/archive`, { token: admin.token });
    await call(409, 'POST', `/admin/archives/${spare.id}/archive`, { token: admin.token });
    await call(200, 'POST', `/admin/archives/${spare.id}/restore`, { token: admin.token });
    await call(404, 'POST', '/admin/archives/999999/restore', { token: admin.token });
    await call(200, 'GET', '/admin/audit/logs', { token: admin.token });
    await call(400, 'GET', '/admin/audit/logs?from=yesterday', { token: admin.token });
    for (const path of [
      'overview',
      'health',
      'database/json',
      'active-users/json',
      'engagement/json',
      'trading-activity/json',
      'league-activity/json',
      'risk-assessment/json',
      'realtime/stats',
      'performance/json',
      'cache/json',
      'jobs/json',
      'alerts/json',
      'alerts/history/json',
    ]) {
      await call(200, 'GET', `/admin/monitoring/${path}`, { token: admin.token });
    }
    await call(403, 'GET', '/admin/monitoring/overview', { token: member.token });
    await call(400, 'GET', '/admin/monitoring/trading-activity/json?hours=0', { token: admin.token });
    const alert = await call(201, 'POST', '/admin/monitoring/alerts', {
      token: admin.token,
      body: { alert_type: 'performance', severity: 'warning', title: 'Slow leaderboard' },
    });
    await call(400, 'POST', '/admin/monitoring/alerts', { token: admin.token, body: { alert_type: 'nonsense' } });
    await call(200, 'POST', `/admin/monitoring/alerts/${alert.id}/resolve`, { token: admin.token });
    await call(409, 'POST', `/admin/monitoring/alerts/${alert.id}/resolve`, { token: admin.token });
    await call(404, 'POST', '/admin/monitoring/alerts/999999/resolve', { token: admin.token });
    await call(200, 'POST', '/admin/monitoring/cache/clear', {
      token: admin.token,
      body: { pattern: 'leaderboard:*' },
    });
    await call(200, 'POST', '/admin/monitoring/cache/warm', { token: admin.token, body: { target: 'stocks' } });
    await call(400, 'POST', '/admin/monitoring/cache/warm', { token: admin.token, body: { target: 'nothing' } });

    // Off the document: the dashboard's pages and assets, the docs UI's files, and /metrics.
    for (const route of registered) {
      if (!NOT_JSON(route)) continue;
      const url = route.slice(4).replace(/\*$/, route.includes('/api/docs') ? 'swagger-ui.css' : 'index.js');
      const response = await t.app.inject({ url, headers: { authorization: `Bearer ${admin.token}` } });
      const type = String(response.headers['content-type'] ?? '');
      if (
        response.statusCode >= 500 ||
        (response.statusCode === 200 && !/text\/(html|plain|css)|javascript/.test(type))
      ) {
        problems.push(`${route}: ${response.statusCode} ${type}`);
      }
      // A static file route is covered by answering without a server error, found or not.
      if (response.statusCode < 500) covered.set(route, new Set([200]));
    }

    expect(problems).toEqual([]);
    const uncovered = [...registered].filter((route) => ![...(covered.get(route) ?? [])].some((s) => s < 300));
    expect(uncovered).toEqual([]);
  });

  it('documents a response schema for every operation', () => {
    const missing: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, { responses?: object }>)) {
        operations++;
        const responses = Object.entries(operation.responses ?? {}) as Array<[string, { content?: object }]>;
        const success = responses.filter(([status]) => status.startsWith('2'));
        const described = success.some(([status, r]) => r.content || status === '204');
        const errors = responses.filter(([status]) => Number(status) >= 400);
        if (!described || !errors.length || errors.some(([, r]) => !r.content)) missing.push(`${method} ${path}`);
      }
    }
    expect(operations).toBeGreaterThanOrEqual(49);
    expect(missing).toEqual([]);
  });

  it('serves the document the typed client in libs/api-client was generated from', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../../libs/api-client/openapi.json', import.meta.url), 'utf8'),
    );
    expect(document).toEqual(committed);
  });

  it('reads and writes through the typed client', async () => {
    const user = await t.signUp();
    // The client's requests are answered in-process: fetch's Request in, Fastify's inject, a Response out.
    const client = createApiClient({
      baseUrl: 'http://api.test',
      headers: { authorization: `Bearer ${user.token}` },
      fetch: async (request: Request) => {
        const response = await t.app.inject({
          method: request.method as 'GET',
          url: new URL(request.url).pathname + new URL(request.url).search,
          headers: Object.fromEntries(request.headers),
          payload: request.body ? await request.text() : undefined,
        });
        return new Response(response.statusCode === 204 ? null : response.body, {
          status: response.statusCode,
          headers: response.headers as Record<string, string>,
        });
      },
    });
    const created = await client.POST('/api/leagues', { body: { name: 'Typed league' } });
    expect(created.response.status).toBe(201);
    const board = await client.GET('/api/leagues/{id}/leaderboard', {
      params: { path: { id: created.data!.id }, query: { page: 1 } },
    });
    expect(board.data?.items.map((entry) => entry.username)).toEqual([user.username]);
    const missing = await client.GET('/api/leagues/{id}', { params: { path: { id: 999999 } } });
    expect(missing.error).toEqual({ statusCode: 404, error: 'Not Found', message: 'League 999999 not found' });
  });
});
