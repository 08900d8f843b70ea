import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { jest } from '@jest/globals';
import Fastify from 'fastify';
import { pino } from 'pino';
import { HttpCacheInterceptor } from '../../src/cache/http-cache.interceptor.js';
import { createRootLogger, registerAccessLog, registerLogFlush } from '../../src/common/logging.js';
import type { AppConfig } from '../../src/config/config.js';
import { leagueWithTwoPages, modeEnv, startWiringApp, type League, type WiringApp } from '../cache-wiring/support.js';

describe('the request hot path', () => {
  let t: WiringApp;
  let league: League;
  beforeAll(async () => {
    t = await startWiringApp({ env: modeEnv('memory') });
    league = await leagueWithTwoPages(t);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('has no Express-middleware compatibility layer', () => {
    expect(t.app.getHttpAdapter().getInstance().hasDecorator('use')).toBe(false);
  });

  it('answers a cache HIT as the stored bytes without entering the NestJS handler pipeline', async () => {
    const url = `/api/leagues/${league.id}/leaderboard`;
    const miss = await t.get(url, league.late.token);
    expect(miss.cache).toBe('MISS');
    const intercept = jest.spyOn(HttpCacheInterceptor.prototype, 'intercept');
    const hit = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${league.late.token}` } });
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.body).toBe(miss.text);
    expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hit.headers['content-length']).toBe(String(Buffer.byteLength(miss.text)));
    expect(hit.headers['x-request-id']).toBeDefined();
    expect(hit.headers['x-content-type-options']).toBe('nosniff');
    expect(hit.headers['content-security-policy']).toBeDefined();
    expect(intercept).not.toHaveBeenCalled();
  });

  it('still authenticates, and leaves refusals and bypasses to NestJS', async () => {
    const url = `/api/leagues/${league.id}/leaderboard`;
    await t.get(url, league.late.token);
    const anonymous = await t.get(url);
    expect([anonymous.status, anonymous.json]).toEqual([401, expect.objectContaining({ statusCode: 401 })]);
    const badToken = await t.get(url, 'not-a-token');
    expect(badToken.status).toBe(401);
    const admin = await t.signUp(undefined, 'admin');
    const bypass = await t.get(url, admin.token, { 'cache-control': 'no-cache' });
    expect([bypass.status, bypass.cache]).toEqual([200, 'BYPASS']);
    const invalid = await t.get(`/api/leagues/${league.id}/leaderboard?page=0`, league.late.token);
    expect(invalid.status).toBe(400);
  });
});

describe('the access log', () => {
  it('writes one JSON line per request, with its request id, from the root logger', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n'));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const child = jest.spyOn(logger, 'child');
    const fastify = Fastify();
    registerAccessLog(fastify, logger);
    fastify.get('/ok', async () => ({ ok: true }));
    await fastify.inject({ method: 'GET', url: '/ok?x=1', headers: { 'x-request-id': 'r-1' } });
    await fastify.inject({ method: 'GET', url: '/missing' });
    await fastify.close();
    const [ok, missing] = lines.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(ok).toMatchObject({ level: 30, method: 'GET', url: '/ok?x=1', status_code: 200, msg: 'request completed' });
    expect(ok.request_id).toEqual(expect.any(String));
    expect(ok.response_ms).toEqual(expect.any(Number));
    expect(missing).toMatchObject({ level: 40, status_code: 404 });
    expect(child).not.toHaveBeenCalled();
  });
});

describe('the log destination', () => {
  it('batches lines, yet writes them within about a second and on close', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'log-flush-'));
    const file = path.join(dir, 'out.log');
    const logger = createRootLogger(
      { logLevel: 'info' } as AppConfig,
      pino.destination({ dest: file, sync: false, minLength: 4096 }),
    );
    const fastify = Fastify();
    registerLogFlush(fastify, logger);
    const read = () => readFileSync(file, 'utf8');
    logger.info('quiet line');
    await new Promise((r) => setTimeout(r, 50));
    expect(read()).toBe('');
    await new Promise((r) => setTimeout(r, 1500));
    expect(read()).toContain('quiet line');
    logger.info('last line');
    await fastify.close();
    expect(read()).toContain('last line');
    rmSync(dir, { recursive: true, force: true });
  });
});
