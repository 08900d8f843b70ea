import { DataSource } from 'typeorm';
import type { JobDefinition } from '../../src/scheduling/job-definition.js';
import { rawRedis } from '../cache/cache-test-app.js';
import { hasRedisServer, startOwnRedis, type OwnRedis } from '../support/servers.js';
import { runnerOf, sleep, startCluster, waitFor, type Cluster } from './support.js';

const describeServer = hasRedisServer ? describe : describe.skip;
const LEASE_TTL_MS = 1_500;

interface Run {
  outcome: string;
  error: string | null;
  finished_at: Date | null;
}

/** A job that runs until it is aborted or `workMs` pass; reports when it started and when it was aborted. */
function longJob(cluster: Cluster, name: string, workMs: number, seen: { started?: number; aborted?: number }) {
  const db = cluster.apps[0].app.get(DataSource);
  const definition: JobDefinition = {
    name,
    schedule: '*/30 * * * * *',
    leaseTtlMs: LEASE_TTL_MS,
    async run(context) {
      seen.started = Date.now();
      await db.query(`INSERT INTO test_job_effects (job, tick, instance_id) VALUES ($1, $2, $3)`, [
        name,
        context.scheduledAt,
        context.instanceId,
      ]);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, workMs);
        context.signal.addEventListener('abort', () => {
          seen.aborted = Date.now();
          clearTimeout(timer);
          resolve();
        });
      });
      return { itemsProcessed: 1 };
    },
  };
  return definition;
}

/** The latest run started by hand (the test's own): a tick of the job's schedule may be recorded meanwhile. */
async function lastRun(cluster: Cluster, job: string): Promise<Run | undefined> {
  const rows = await cluster.db.query<Run>(
    `SELECT outcome, error, finished_at FROM job_runs WHERE job = $1 AND trigger = 'manual' ORDER BY id DESC LIMIT 1`,
    [job],
  );
  return rows[0];
}

describeServer('job leases under cache clears and a frozen Redis', () => {
  let redis: OwnRedis;
  let cluster: Cluster;
  beforeAll(async () => {
    redis = await startOwnRedis();
    cluster = await startCluster(1, { REDIS_URL: redis.url, REDIS_ENABLED: 'true' });
  }, 60_000);
  afterAll(async () => {
    redis.resume();
    await cluster.close();
    await redis.stop();
  }, 60_000);

  it('keeps a running job and its lease when an admin clears the cache', async () => {
    const app = cluster.apps[0];
    const seen: { started?: number; aborted?: number } = {};
    const admin = await app.signUp(undefined, 'admin');
    runnerOf(app).register(longJob(cluster, 'test_clear_during_job', 2_500, seen));
    const direct = await rawRedis(redis.url);
    try {
      const started = runnerOf(app).runNow('test_clear_during_job');
      await waitFor(async () => seen.started, 5_000, 'the job to start');
      const leases = await direct.keys('*jobs:{test_clear_during_job}:lease');
      expect(leases).toHaveLength(1);
      const clear = await app.request({
        method: 'POST',
        url: '/admin/monitoring/cache/clear',
        token: admin.token,
        body: { pattern: '*' },
      });
      expect(clear.status).toBe(200);
      expect(await direct.exists(leases[0])).toBe(1);
      await started;
      expect(seen.aborted).toBeUndefined();
      expect((await lastRun(cluster, 'test_clear_during_job'))?.outcome).toBe('ok');
    } finally {
      await direct.close();
    }
  }, 30_000);

  it('stops a job whose lease renewals hang, before the lease could expire on the server', async () => {
    const app = cluster.apps[0];
    const seen: { started?: number; aborted?: number } = {};
    runnerOf(app).register(longJob(cluster, 'test_frozen_redis', 10_000, seen));
    const run = runnerOf(app).runNow('test_frozen_redis');
    await waitFor(async () => seen.started, 5_000, 'the job to start');
    await sleep(100);
    const frozenAt = Date.now();
    redis.pause();
    try {
      await waitFor(async () => seen.aborted, 5_000, 'the job to be stopped');
    } finally {
      redis.resume();
    }
    // The last renewal before the freeze extended the lease to at most frozenAt + its TTL.
    expect(seen.aborted! - frozenAt).toBeLessThan(LEASE_TTL_MS);
    await run.catch(() => undefined);
    const last = await waitFor(
      async () => {
        const r = await lastRun(cluster, 'test_frozen_redis');
        return r && r.outcome !== 'running' ? r : null;
      },
      10_000,
      'the run to be recorded',
    );
    expect(last.error).toMatch(/lease/);
  }, 30_000);
});
