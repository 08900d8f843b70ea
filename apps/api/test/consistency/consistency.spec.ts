import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FaultProxy } from '../../../../tools/faults/fault-proxy.js';
import { runConsistency, type ConsistencyReport } from '../../../../tools/bench/consistency/checker.js';
import { FaultInjector } from '../../../../tools/bench/consistency/fault-injector.js';
import { FaultLog } from '../../../../tools/bench/consistency/fault-log.js';
import { summarize } from '../../../../tools/bench/consistency/summary.js';
import { hasRedisServer, startOwnRedis, type OwnRedis } from '../support/servers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const describeRedis = hasRedisServer ? describe : describe.skip;
/** The checker's reads of a member's own portfolio (after their trade, or at any time). */
const OWN_PORTFOLIO = new Set(['own_portfolio', 'portfolio_after_trade']);

/**
 * A short run of the consistency checker (tools/bench/consistency): two instances on one database and one Redis of
 * the test's own, reached through a fault proxy, while Redis is killed and restarted empty, the subscriber
 * connections are killed and Redis is slowed to 200 ms. Every read is compared with PostgreSQL.
 */
describeRedis('consistency under faults (short run)', () => {
  let db: TestDatabase;
  let redis: OwnRedis;
  let proxy: FaultProxy;
  const apps: TestApp[] = [];
  let report: ConsistencyReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await startOwnRedis();
    proxy = await FaultProxy.start(redis.url);
    const env = { REDIS_URL: proxy.urlFor(redis.url), CACHE_PREFIX: `c${randomBytes(4).toString('hex')}` };
    for (let i = 0; i < 2; i++) {
      const app = await startTestApp({ env, db });
      await app.app.listen(0, '127.0.0.1');
      apps.push(app);
    }
    const instances = apps.map((a, i) => ({
      name: `instance-${i + 1}`,
      url: `http://127.0.0.1:${(a.app.getHttpServer().address() as AddressInfo).port}`,
    }));
    const log = new FaultLog();
    report = await runConsistency({
      instances: () => instances,
      databaseUrl: db.url,
      ops: 3000,
      users: 12,
      leagues: 2,
      seed: 7,
      log,
      faults: new FaultInjector({ redis, proxy }, log, { durationMs: 1_000 }),
      faultEveryOps: 200,
      // Bounded in time on a busy machine: the figures below hold for however many operations ran.
      maxMs: 40_000,
    });
    process.stdout.write(`${summarize(report)}\n`);
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await proxy?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('injects every fault while operations run, checks every rule and answers no 5xx', () => {
    expect(report.faults['redis-restart']).toBeGreaterThanOrEqual(1);
    expect(report.faults['pubsub-kill']).toBeGreaterThanOrEqual(1);
    expect(report.faults['redis-slow']).toBeGreaterThanOrEqual(1);
    expect(report.operations).toBeGreaterThanOrEqual(600);
    expect(report.byOperation.portfolio_after_trade).toBeGreaterThan(20);
    expect(report.byOperation.session_after_logout).toBeGreaterThan(2);
    expect(report.byOperation.leaderboard).toBeGreaterThan(20);
    expect(report.serverErrors).toBe(0);
    expect(report.unavailable).toBe(0);
    expect(report.timeouts).toBe(0);
  });

  // What must hold even while Redis fails: no stale read without a fault in force, and none of a session or of
  // another member's figures. One gap is known and reported in docs/benchmarks/consistency.md: while Redis cannot be
  // reached, an instance cannot learn of a trade made through another, so a member's own portfolio may be read stale
  // there until the writer's pending invalidations are replayed.
  it('finds no stale read outside Redis faults, and during them none but a member reading their own portfolio', () => {
    const describe = (s: (typeof report.stale)[number]) => `${s.operation} on ${s.instance} [${s.faults.join('+')}]`;
    expect(report.stale.filter((s) => s.faults.length === 0).map(describe)).toEqual([]);
    expect(report.stale.filter((s) => !OWN_PORTFOLIO.has(s.operation)).map(describe)).toEqual([]);
  });
});
