import { randomBytes } from 'node:crypto';
import { AlertManager } from '../../src/monitoring/alert-manager.service.js';
import { ProcessMetrics } from '../../src/monitoring/process-metrics.js';
import { normalizeStatement } from '../../src/monitoring/query-timer.js';
import { LATENCY_BUCKETS_MS, percentile, RequestMetrics } from '../../src/monitoring/request-metrics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const redisAvailable = process.env.TEST_REDIS_URL !== '';

describe('performance recording', () => {
  it('interpolates percentiles inside fixed buckets', () => {
    const buckets = new Array(LATENCY_BUCKETS_MS.length + 1).fill(0);
    buckets[3] = 100; // 100 requests between 5 and 10 ms
    expect(percentile(buckets, 100, 0.5)).toBeCloseTo(7.5, 5);
    expect(percentile(buckets, 100, 0.95)).toBeCloseTo(9.75, 5);
    buckets[8] = 100; // and 100 between 250 and 500 ms
    expect(percentile(buckets, 200, 0.25)).toBeCloseTo(7.5, 5);
    expect(percentile(buckets, 200, 0.75)).toBeCloseTo(375, 5);
    expect(percentile(buckets, 0, 0.95)).toBe(0);
  });

  it('normalizes statements: literals and parameters replaced, whitespace collapsed', () => {
    expect(normalizeStatement(`SELECT *  FROM users\n WHERE id = $1 AND name = 'o''brien' AND n > 42`)).toBe(
      'SELECT * FROM users WHERE id = ? AND name = ? AND n > ?',
    );
  });

  (redisAvailable ? describe : describe.skip)('across instances through Redis', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const prefix = `t${randomBytes(4).toString('hex')}`;
      a = await startTestApp({ env: { CACHE_PREFIX: prefix } });
      b = await startTestApp({ db: a.db, env: { CACHE_PREFIX: prefix } });
    }, 120_000);
    afterAll(async () => {
      await b.close();
      await a.close();
    }, 60_000);

    it('one instance reports the requests another one served', async () => {
      const admin = await a.signUp('perf_admin', 'admin');
      for (let i = 0; i < 6; i++) await a.request({ url: '/admin/monitoring/realtime/stats', token: admin.token });
      await a.app.get(RequestMetrics).flush();
      const res = await b.request({ url: '/admin/monitoring/performance/json', token: admin.token });
      expect(res.body.scope).toBe('cluster');
      const route = res.body.routes.find((r: { route: string }) => r.route === '/admin/monitoring/realtime/stats');
      expect(route).toMatchObject({ method: 'GET', requests: 6, errors: 0 });
    });
  });

  describe('without Redis', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { REDIS_ENABLED: 'false' } });
    }, 120_000);
    afterAll(() => t.close(), 60_000);

    it('reports this instance alone', async () => {
      const admin = await t.signUp('solo_admin', 'admin');
      for (let i = 0; i < 3; i++) await t.request({ url: '/admin/monitoring/overview', token: admin.token });
      const res = await t.request({ url: '/admin/monitoring/performance/json', token: admin.token });
      expect(res.body.scope).toBe('instance');
      const route = res.body.routes.find((r: { route: string }) => r.route === '/admin/monitoring/overview');
      expect(route.requests).toBe(3);
      const health = await t.request({ url: '/admin/monitoring/health', token: admin.token });
      expect(health.body.cache.status).toBe('healthy'); // in-process cache only: nothing is down
    });

    it('raises high_load while a sample is over a threshold and auto-resolves it once it is not', async () => {
      const metrics = t.app.get(ProcessMetrics);
      const alerts = t.app.get(AlertManager);
      const normal = await metrics.sample();
      await metrics.checkLoad({ ...normal, lagP99Ms: 900 });
      await alerts.flush();
      const fingerprint = `high_load:event_loop:${process.pid}`;
      const [raised] = await t.db.query<Record<string, any>>(`SELECT * FROM system_alerts WHERE fingerprint = $1`, [
        fingerprint,
      ]);
      expect(raised).toMatchObject({ alert_type: 'high_load', severity: 'warning', resolved_at: null });
      expect(raised.data.event_loop_p99_ms).toBe(900);
      await metrics.checkLoad({ ...normal, lagP99Ms: 1 });
      const [resolved] = await t.db.query<Record<string, any>>(`SELECT * FROM system_alerts WHERE id = $1`, [
        raised.id,
      ]);
      expect(resolved.resolution).toBe('auto');
    });
  });
});
