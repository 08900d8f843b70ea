import { hasRedisServer, startOwnRedis, type OwnRedis } from '../support/servers.js';
import { effectJob, runnerOf, sleep, startCluster, type Cluster } from './support.js';

const describeWithRedisServer = hasRedisServer ? describe : describe.skip;

describeWithRedisServer('scheduling: Redis going down mid-flight', () => {
  let redis: OwnRedis;
  let cluster: Cluster;
  beforeAll(async () => {
    redis = await startOwnRedis();
    cluster = await startCluster(3, { REDIS_URL: redis.url });
  }, 60_000);
  afterAll(async () => {
    await cluster.close();
    await redis.stop();
  }, 60_000);

  it('falls back to the advisory lock when Redis dies and still runs each tick exactly once', async () => {
    const job = 'test_redis_dies';
    for (const app of cluster.apps) runnerOf(app).register(effectJob(app, job));
    await sleep(2_300);
    await redis.stop(); // SIGKILL: no goodbye to the clients
    await sleep(3_300);
    for (const app of cluster.apps) await runnerOf(app).unregister(job);

    const effects = await cluster.db.query<{ tick: Date; n: number }>(
      `SELECT tick, count(*)::int AS n FROM test_job_effects WHERE job = $1 GROUP BY tick ORDER BY tick`,
      [job],
    );
    const runs = await cluster.db.query<{ scheduled_at: Date; outcome: string; lock_backend: string }>(
      `SELECT scheduled_at, outcome, lock_backend FROM job_runs WHERE job = $1 ORDER BY scheduled_at`,
      [job],
    );
    expect(effects.length).toBeGreaterThanOrEqual(4);
    for (const row of effects) expect(row.n).toBe(1);
    expect(new Set(runs.map((r) => r.scheduled_at.getTime())).size).toBe(runs.length);
    const backends = new Set(runs.filter((r) => r.outcome === 'ok').map((r) => r.lock_backend));
    expect(backends).toEqual(new Set(['redis', 'postgres']));
    // After the failover every tick still ran (none lost to the outage once the fallback took over).
    const last = runs.slice(-2);
    expect(last.every((r) => r.outcome === 'ok' && r.lock_backend === 'postgres')).toBe(true);
  }, 60_000);
});
