import { MAIN_DASHBOARD_REQUESTS } from '../../../dashboard/src/api/preload.js';
import { CacheService } from '../../src/cache/cache.service.js';
import { DashboardReads } from '../../src/monitoring/dashboard-reads.js';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { seedDemoData } from '../../src/trading/demo-data/demo-data.js';
import { waitFor } from '../scheduling/support.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Monitoring keys are of no trading type: the cache counts them as `other`. */
const monitoringMisses = async (cache: CacheService) => (await cache.getStats()).by_type.other?.misses ?? 0;

/**
 * warm_monitoring keeps the main dashboard's monitoring reads computed: the first admin after a restart, and every
 * one after, opens the dashboard without waiting for a monitoring query.
 */
describe('warm_monitoring', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: string;
  let cache: CacheService;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.url, { users: 60, leagues: 5, days: 3, trades: 1_500, seed: 9 });
    // Scheduled far in the future: only the start-up warm runs by itself.
    t = await startTestApp({ db, env: { SCHEDULE_WARM_MONITORING: '0 0 0 1 1 *' } });
    cache = t.app.get(CacheService);
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    admin = login.body.token;
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.drop();
  }, 60_000);

  const keys = () =>
    t.app
      .get(DashboardReads)
      .list()
      .map((read) => read.key);

  it('computes the dashboard at start-up, so opening it meets no monitoring miss', async () => {
    await waitFor(
      async () => (await cache.freshFor(keys())).every((ms) => ms !== null && ms > 0),
      30_000,
      'the start-up warm',
    );
    const before = await monitoringMisses(cache);
    for (const url of MAIN_DASHBOARD_REQUESTS) {
      const res = await t.request({ url, token: admin });
      expect([url, res.status]).toEqual([url, 200]);
    }
    expect(await monitoringMisses(cache)).toBe(before);
  });

  it('as a job, computes every one of them again once they are gone', async () => {
    const runner = t.app.get(JobRunner);
    await cache.deletePattern('monitoring:*');
    const cold = await runner.runNow('warm_monitoring');
    expect(cold.keys_warmed).toBe(keys().length);
    expect((await cache.freshFor(keys())).every((ms) => ms !== null && ms > 0)).toBe(true);
  });

  it('is a warm target of its own and part of "all"', async () => {
    const one = await t.request({
      method: 'POST',
      url: '/admin/monitoring/cache/warm',
      token: admin,
      body: { target: 'monitoring' },
    });
    expect(one.status).toBeLessThan(300);
    expect(JSON.stringify(one.body)).toContain('warm_monitoring');
    const all = await t.request({
      method: 'POST',
      url: '/admin/monitoring/cache/warm',
      token: admin,
      body: { target: 'all' },
    });
    expect(JSON.stringify(all.body)).toContain('warm_monitoring');
  });
});
