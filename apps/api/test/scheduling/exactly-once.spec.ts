import { JobLeases } from '../../src/scheduling/job-lease.js';
import { JobRunHistory } from '../../src/scheduling/job-run-history.js';
import { SHARED_MODES } from '../cache/cache-test-app.js';
import { startRedisCluster, type OwnRedisCluster } from '../support/servers.js';
import { effectJob, runnerOf, sleep, startCluster, type Cluster } from './support.js';

interface EffectRow {
  tick: Date;
  n: number;
}

/** Lets three instances tick a job every second for a few seconds, then checks each tick ran exactly once. */
async function runEverySecond(cluster: Cluster, job: string, seconds: number) {
  for (const app of cluster.apps) runnerOf(app).register(effectJob(app, job));
  await sleep(seconds * 1000 + 300);
  // Stop ticking (graceful: waits for a run in progress), then count.
  for (const app of cluster.apps) await runnerOf(app).unregister(job);
  const effects = await cluster.db.query<EffectRow>(
    `SELECT tick, count(*)::int AS n FROM test_job_effects WHERE job = $1 GROUP BY tick ORDER BY tick`,
    [job],
  );
  const runs = await cluster.db.query<{
    scheduled_at: Date;
    outcome: string;
    lock_backend: string;
    instance_id: string;
  }>(`SELECT scheduled_at, outcome, lock_backend, instance_id FROM job_runs WHERE job = $1 ORDER BY scheduled_at`, [
    job,
  ]);
  return { effects, runs };
}

describe('scheduling: each tick runs exactly once across instances', () => {
  describe.each(SHARED_MODES)('with Redis (lease, on %s)', (mode) => {
    let cluster: Cluster;
    let redisCluster: OwnRedisCluster | null = null;
    beforeAll(async () => {
      redisCluster = mode === 'cluster' ? await startRedisCluster() : null;
      cluster = await startCluster(3, redisCluster ? { REDIS_CLUSTER_NODES: redisCluster.nodes.join(',') } : {});
    }, 60_000);
    afterAll(async () => {
      await cluster.close();
      await redisCluster?.stop();
    }, 60_000);

    it('three instances ticking every second run each tick once, recorded once', async () => {
      const { effects, runs } = await runEverySecond(cluster, 'test_every_second', 4);
      expect(effects.length).toBeGreaterThanOrEqual(3);
      for (const row of effects) expect(row.n).toBe(1);
      // Ticks are whole seconds (the scheduled time, not the clock at which an instance fired).
      for (const row of effects) expect(row.tick.getMilliseconds()).toBe(0);
      expect(runs.map((r) => r.scheduled_at.getTime())).toEqual(effects.map((e) => e.tick.getTime()));
      expect(runs.every((r) => r.outcome === 'ok' && r.lock_backend === 'redis')).toBe(true);
    }, 30_000);

    it('a late instance cannot run a tick another instance already ran (lease key includes the tick)', async () => {
      const [a, b] = cluster.apps;
      const tick = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
      const first = await a.app.get(JobLeases).acquire('late_tick', tick, 5_000);
      expect(first.status).toBe('acquired');
      if (first.status === 'acquired') await first.lease.release();
      // The lease is free again, but the tick is taken.
      const late = await b.app.get(JobLeases).acquire('late_tick', tick, 5_000);
      expect(late.status).toBe('taken');
      const next = await b.app.get(JobLeases).acquire('late_tick', new Date(tick.getTime() + 1000), 5_000);
      expect(next.status).toBe('acquired');
      if (next.status === 'acquired') await next.lease.release();
    }, 30_000);

    it('while a run holds the lease, the next tick is recorded once as skipped, never run twice', async () => {
      const job = 'test_slow';
      // Each run takes 2.5 s on a 1 s schedule: ticks during a run cannot start another run.
      for (const app of cluster.apps) runnerOf(app).register(effectJob(app, job, { workMs: 2_500 }));
      await sleep(4_300);
      for (const app of cluster.apps) await runnerOf(app).unregister(job);
      const runs = await cluster.db.query<{ scheduled_at: Date; outcome: string; started_at: Date; finished_at: Date }>(
        `SELECT scheduled_at, outcome, started_at, finished_at FROM job_runs WHERE job = $1 ORDER BY scheduled_at`,
        [job],
      );
      const ok = runs.filter((r) => r.outcome === 'ok');
      const skipped = runs.filter((r) => r.outcome === 'skipped');
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(skipped.length).toBeGreaterThanOrEqual(1);
      // One row per tick, and runs never overlap.
      expect(new Set(runs.map((r) => r.scheduled_at.getTime())).size).toBe(runs.length);
      for (let i = 1; i < ok.length; i++) {
        expect(ok[i].started_at.getTime()).toBeGreaterThanOrEqual(ok[i - 1].finished_at.getTime());
      }
      const effects = await cluster.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM test_job_effects WHERE job = $1`,
        [job],
      );
      expect(effects[0].n).toBe(ok.length);
    }, 30_000);
  });

  describe('without Redis (REDIS_ENABLED=false: PostgreSQL advisory lock)', () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster(3, { REDIS_ENABLED: 'false' });
    }, 60_000);
    afterAll(() => cluster.close(), 60_000);

    it('three instances ticking every second run each tick once', async () => {
      const { effects, runs } = await runEverySecond(cluster, 'test_every_second_pg', 4);
      expect(effects.length).toBeGreaterThanOrEqual(3);
      for (const row of effects) expect(row.n).toBe(1);
      expect(runs.map((r) => r.scheduled_at.getTime())).toEqual(effects.map((e) => e.tick.getTime()));
      expect(runs.every((r) => r.outcome === 'ok' && r.lock_backend === 'postgres')).toBe(true);
      // The work was spread by whoever fired first; every instance competed (not asserted: timing), but the
      // advisory lock was held by one connection at a time and is free now.
      const held = await cluster.db.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted`);
      expect(held).toHaveLength(0);
    }, 30_000);

    it('while a run holds the lock, a tick is recorded once as skipped and never runs twice', async () => {
      const job = 'test_slow_pg';
      for (const app of cluster.apps) runnerOf(app).register(effectJob(app, job, { workMs: 2_500 }));
      await sleep(4_300);
      for (const app of cluster.apps) await runnerOf(app).unregister(job);
      const runs = await cluster.db.query<{ scheduled_at: Date; outcome: string }>(
        `SELECT scheduled_at, outcome FROM job_runs WHERE job = $1 ORDER BY scheduled_at`,
        [job],
      );
      const ok = runs.filter((r) => r.outcome === 'ok');
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(runs.filter((r) => r.outcome === 'skipped').length).toBeGreaterThanOrEqual(1);
      expect(runs.every((r) => r.outcome === 'ok' || r.outcome === 'skipped')).toBe(true);
      const [{ n }] = await cluster.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM test_job_effects WHERE job = $1`,
        [job],
      );
      expect(n).toBe(ok.length);
    }, 30_000);

    it('a late instance cannot run a tick already recorded', async () => {
      const [a, b] = cluster.apps;
      const tick = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
      const history = a.app.get(JobRunHistory);
      const start = { job: 'late_pg', trigger: 'schedule' as const, scheduledAt: tick, backend: 'postgres' as const };
      expect(await history.start({ ...start, instanceId: 'a' })).not.toBeNull();
      expect(await b.app.get(JobRunHistory).start({ ...start, instanceId: 'b' })).toBeNull();
    }, 30_000);
  });
});
