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
/** Reads that must never be stale: a member's own portfolio (after their trade, or at any time), a logged-out session. */
const NEVER_STALE = new Set(['own_portfolio', 'portfolio_after_trade', 'session_after_logout']);
/** How long the bus may take to reach the other instance on a loaded test machine. */
const BUS_DELIVERY_MS = 1_000;

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
      maxMs: 20_000,
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

  // A member's own portfolio (versioned by its database row) and a logged-out session are never stale, whatever
  // fails. Other members' figures may be, while a fault is in force (TTL-bounded), and otherwise only for as long
  // as the bus takes to reach the other instance (bounded loosely: the machine running the tests may be busy).
  it("never serves a stale own portfolio or session; others' figures only during a fault or the bus's delivery", () => {
    const describe = (s: (typeof report.stale)[number]) =>
      `${s.operation} on ${s.instance} [${s.faults.join('+')}] stale for ${s.staleForMs} ms`;
    expect(report.stale.filter((s) => NEVER_STALE.has(s.operation)).map(describe)).toEqual([]);
    expect(report.stale.filter((s) => !s.faults.length && s.staleForMs > BUS_DELIVERY_MS).map(describe)).toEqual([]);
  });
});
