import { AlertManager } from '../../src/monitoring/alert-manager.service.js';
import { HealthChecker } from '../../src/monitoring/health-checker.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startOwnPostgres, startOwnRedis, type OwnPostgres, type OwnRedis } from '../support/servers.js';

/** Retries until `probe` returns true (at most ~15 s): servers take a moment to go and come back. */
async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached');
}

describe('health states and alert buffering with servers going down', () => {
  let postgres: OwnPostgres;
  let redis: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
    t = await startTestApp({ db: postgres.db, env: { REDIS_URL: redis.url, REDIS_ENABLED: 'true' } });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await postgres?.destroy();
  }, 60_000);

  it('is healthy with both servers up', async () => {
    const report = await t.app.get(HealthChecker).fullHealthCheck();
    expect(report.overall_status).toBe('healthy');
    expect(report.cache.status).toBe('healthy');
    expect((await t.request({ url: '/health/ready' })).status).toBe(200);
  });

  it('is degraded (still ready) while Redis is down, and healthy again when it returns', async () => {
    await redis.stop();
    const health = t.app.get(HealthChecker);
    await until(async () => (await health.checkCache()).status === 'degraded');
    const report = await health.fullHealthCheck();
    expect(report.overall_status).toBe('degraded');
    expect(report.database.status).toBe('healthy');
    expect(report.cache.message).toEqual(expect.any(String));
    const ready = await t.request({ url: '/health/ready' });
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', overall_status: 'degraded' });
    await redis.start();
    await until(async () => (await health.fullHealthCheck()).overall_status === 'healthy');
  }, 60_000);

  it('is unhealthy (503) while PostgreSQL is down; buffers alerts and writes them all when it returns', async () => {
    const health = t.app.get(HealthChecker);
    const alerts = t.app.get(AlertManager);
    const since = (await health.checkDatabase()).since;
    await postgres.stop();

    const report = await health.fullHealthCheck();
    expect(report.overall_status).toBe('unhealthy');
    expect(report.database).toMatchObject({ status: 'unhealthy', latency_ms: null });
    expect(report.database.since).not.toBe(since);
    expect((await t.request({ url: '/health/ready' })).status).toBe(503);

    for (let i = 0; i < 3; i++) {
      alerts.raise({
        alert_type: 'security',
        severity: 'warning',
        title: 'Seen while down',
        fingerprint: 'while-down',
      });
    }
    const created = await alerts.createAlert({ alert_type: 'performance', severity: 'info', title: 'Also while down' });
    expect(created).toEqual({ id: null, created: false, buffered: true, occurrences: 1 });
    await alerts.flush();
    expect(alerts.buffered).toBeGreaterThanOrEqual(3); // both alerts, plus the database_error raised by the check

    await postgres.start();
    await until(async () => {
      await alerts.flush();
      return alerts.buffered === 0;
    });
    const rows = await postgres.db.query<Record<string, any>>(
      `SELECT alert_type, fingerprint, occurrences, resolved_at FROM system_alerts ORDER BY id`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fingerprint: 'while-down', occurrences: 3 }),
        expect.objectContaining({ alert_type: 'performance', occurrences: 1 }),
        expect.objectContaining({ alert_type: 'database_error', fingerprint: 'health:database' }),
      ]),
    );
    // The probe sees the database back and resolves its alert.
    await until(async () => (await health.probe()).overall_status === 'healthy');
    const [dbAlert] = await postgres.db.query<Record<string, any>>(
      `SELECT resolution, resolved_at FROM system_alerts WHERE fingerprint = 'health:database'`,
    );
    expect(dbAlert.resolution).toBe('auto');
    expect((await t.request({ url: '/health/ready' })).status).toBe(200);
  }, 120_000);
});
