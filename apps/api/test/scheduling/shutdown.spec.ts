import { DataSource } from 'typeorm';
import type { JobDefinition } from '../../src/scheduling/job-definition.js';
import { JobLeases } from '../../src/scheduling/job-lease.js';
import type { TestApp } from '../support/test-app.js';
import { effectJob, runnerOf, sleep, startCluster, waitFor, type Cluster } from './support.js';

async function started(cluster: Cluster, job: string) {
  await waitFor(
    async () => (await cluster.db.query(`SELECT 1 FROM test_job_effects WHERE job = $1`, [job])).length > 0,
    5_000,
    `${job} to start`,
  );
}

/** A job that ignores its abort signal and would run for a minute: only the shutdown bound can end the wait. */
function stubbornJob(app: TestApp): JobDefinition {
  const db = app.app.get(DataSource);
  return {
    name: 'test_stubborn',
    schedule: 'off',
    async run(context) {
      await db.query(`INSERT INTO test_job_effects (job, instance_id) VALUES ($1, $2)`, [
        context.name,
        context.instanceId,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 60_000).unref());
    },
  };
}

describe('scheduling: graceful shutdown', () => {
  let cluster: Cluster;
  afterEach(() => cluster.close(), 60_000);

  it('waits for the running job to finish, records it, and releases its lease', async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.apps;
    runnerOf(a).register(effectJob(a, 'test_finishing', { schedule: 'off', workMs: 1_500 }));
    const run = runnerOf(a).runNow('test_finishing');
    await started(cluster, 'test_finishing');
    await a.app.close();
    // close() returned only after the run had finished and was recorded as a success.
    const [row] = await cluster.db.query<{ outcome: string; finished_at: Date | null; duration_ms: number }>(
      `SELECT outcome, finished_at, duration_ms FROM job_runs WHERE job = 'test_finishing'`,
    );
    expect(row.outcome).toBe('ok');
    expect(row.finished_at).not.toBeNull();
    expect(row.duration_ms).toBeGreaterThanOrEqual(1_400);
    await expect(run).resolves.toMatchObject({ outcome: 'ok' });
    // The lease is free at once for another instance (it would otherwise be held for the 30 s lease TTL).
    const attempt = await b.app.get(JobLeases).acquire('test_finishing', null, 30_000);
    expect(attempt.status).toBe('acquired');
    if (attempt.status === 'acquired') await attempt.lease.release();
  }, 30_000);

  it('stops waiting after JOB_SHUTDOWN_TIMEOUT, records the run as interrupted and frees the lease', async () => {
    cluster = await startCluster(2, { JOB_SHUTDOWN_TIMEOUT: '700ms' });
    const [a, b] = cluster.apps;
    runnerOf(a).register(stubbornJob(a));
    runnerOf(b).register(stubbornJob(b));
    void runnerOf(a)
      .runNow('test_stubborn')
      .catch(() => undefined);
    await started(cluster, 'test_stubborn');
    const closing = Date.now();
    await a.app.close();
    expect(Date.now() - closing).toBeLessThan(10_000);
    const [row] = await cluster.db.query<{ outcome: string; error: string }>(
      `SELECT outcome, error FROM job_runs WHERE job = 'test_stubborn'`,
    );
    expect(row.outcome).toBe('failed');
    expect(row.error).toMatch(/interrupted: .* shut down mid-run/);
    // B does not have to wait for the 30 s lease to expire.
    const attempt = await b.app.get(JobLeases).acquire('test_stubborn', null, 30_000);
    expect(attempt.status).toBe('acquired');
    if (attempt.status === 'acquired') await attempt.lease.release();
  }, 30_000);

  it('schedules no new tick once shutdown began', async () => {
    cluster = await startCluster(1);
    const [a] = cluster.apps;
    runnerOf(a).register(effectJob(a, 'test_after_close'));
    await started(cluster, 'test_after_close');
    await runnerOf(a).beforeApplicationShutdown();
    const [{ n }] = await cluster.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM test_job_effects WHERE job = 'test_after_close'`,
    );
    await sleep(2_200);
    const [{ n: later }] = await cluster.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM test_job_effects WHERE job = 'test_after_close'`,
    );
    expect(later).toBe(n);
    await expect(runnerOf(a).runNow('test_after_close')).rejects.toThrow(/shutting down/);
  }, 30_000);
});
