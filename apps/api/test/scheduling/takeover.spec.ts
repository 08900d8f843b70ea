import { DataSource } from 'typeorm';
import { RedisConnection } from '../../src/redis/redis-connection.js';
import type { JobDefinition } from '../../src/scheduling/job-definition.js';
import type { TestApp } from '../support/test-app.js';
import { runnerOf, startCluster, waitFor, type Cluster } from './support.js';

const LEASE_TTL_MS = 1_500;

interface Effect {
  instance_id: string;
  at: Date;
}

/**
 * A job whose first run (on whichever instance wins it) hangs, as a frozen or dying holder would, until its lease
 * is reported lost; later runs finish at once.
 */
function hangingFirstRun(app: TestApp, state: { hung: boolean; aborted: string[] }): JobDefinition {
  const db = app.app.get(DataSource);
  return {
    name: 'test_takeover',
    schedule: '* * * * * *',
    leaseTtlMs: LEASE_TTL_MS,
    async run(context) {
      await db.query(`INSERT INTO test_job_effects (job, tick, instance_id) VALUES ($1, $2, $3)`, [
        context.name,
        context.scheduledAt,
        context.instanceId,
      ]);
      if (state.hung) return;
      state.hung = true;
      await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve()));
      state.aborted.push(context.instanceId);
    },
  };
}

async function effects(cluster: Cluster): Promise<Effect[]> {
  return cluster.db.query<Effect>(
    `SELECT instance_id, at FROM test_job_effects WHERE job = 'test_takeover' ORDER BY at, id`,
  );
}

/** Starts the job on both instances and returns the one that holds it, hanging in its first run. */
async function holderOf(cluster: Cluster, state: { hung: boolean; aborted: string[] }) {
  for (const app of cluster.apps) runnerOf(app).register(hangingFirstRun(app, state));
  const [first] = await waitFor(
    async () => {
      const rows = await effects(cluster);
      return rows.length ? rows : null;
    },
    5_000,
    'the first run',
  );
  const holder = cluster.apps.find((app) => runnerOf(app).instanceId === first.instance_id)!;
  const other = cluster.apps.find((app) => app !== holder)!;
  return { holder, other };
}

describe('scheduling: a dead holder is replaced', () => {
  let cluster: Cluster;
  afterEach(() => cluster.close(), 60_000);

  it('with Redis: another instance takes the job once the holder stops renewing and its lease expires', async () => {
    cluster = await startCluster(2);
    const state = { hung: false, aborted: [] as string[] };
    const { holder, other } = await holderOf(cluster, state);
    const holderId = runnerOf(holder).instanceId;
    // The holder "dies": it schedules nothing more and can no longer reach Redis, so its lease is not renewed.
    runnerOf(holder).onModuleDestroy();
    const redis = holder.app.get(RedisConnection);
    const client = redis.client!;
    redis.client = null; // (so that its shutdown does not close the destroyed client twice)
    client.destroy();
    const killedAt = Date.now();

    const [takeover] = await waitFor(
      async () => {
        const rows = (await effects(cluster)).filter((e) => e.instance_id !== holderId);
        return rows.length ? rows : null;
      },
      10_000,
      'the other instance to take over',
    );
    // Not before the lease ran out (renewed at most a third of a TTL before the kill), not long after.
    const waited = takeover.at.getTime() - killedAt;
    expect(waited).toBeGreaterThanOrEqual((LEASE_TTL_MS * 2) / 3 - 100);
    expect(waited).toBeLessThan(LEASE_TTL_MS + 2_500);
    expect(takeover.instance_id).toBe(runnerOf(other).instanceId);

    // The old holder was told it lost the lease, and its run is recorded as failed (by itself, or as abandoned by
    // the new holder), never as a success.
    await waitFor(async () => state.aborted.includes(holderId), 5_000, 'the old holder to see its lease lost');
    const [hungRun] = await cluster.db.query<{ outcome: string; error: string }>(
      `SELECT outcome, error FROM job_runs WHERE job = 'test_takeover' AND instance_id = $1`,
      [holderId],
    );
    expect(hungRun.outcome).toBe('failed');
    expect(hungRun.error).toMatch(/lease lost|abandoned.*taken over by/);
  }, 30_000);

  it('without Redis: the advisory lock is freed when the holder connection dies, and another instance takes over', async () => {
    cluster = await startCluster(2, { REDIS_ENABLED: 'false' });
    const state = { hung: false, aborted: [] as string[] };
    const { holder, other } = await holderOf(cluster, state);
    const holderId = runnerOf(holder).instanceId;
    runnerOf(holder).onModuleDestroy();
    // What PostgreSQL sees when a process dies: its session ends, and the session's advisory locks with it.
    const killed = await cluster.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid = $1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [0x4a4f42],
    );
    expect(killed).toHaveLength(1);

    const [takeover] = await waitFor(
      async () => {
        const rows = (await effects(cluster)).filter((e) => e.instance_id !== holderId);
        return rows.length ? rows : null;
      },
      10_000,
      'the other instance to take over',
    );
    expect(takeover.instance_id).toBe(runnerOf(other).instanceId);
    // The old holder noticed that its session (and so its lock) was gone, and its run is recorded as failed.
    await waitFor(async () => state.aborted.includes(holderId), 5_000, 'the old holder to see its lock lost');
    await waitFor(
      async () => {
        const [run] = await cluster.db.query<{ outcome: string; error: string }>(
          `SELECT outcome, error FROM job_runs WHERE job = 'test_takeover' AND instance_id = $1`,
          [holderId],
        );
        return run.outcome === 'failed' && /lease lost|abandoned/.test(run.error);
      },
      5_000,
      'the hung run to be recorded as failed',
    );
    // Never two runs at once: every run after the takeover is on instances holding the lock one at a time.
    const runs = await cluster.db.query<{ scheduled_at: Date }>(
      `SELECT scheduled_at FROM job_runs WHERE job = 'test_takeover' AND outcome <> 'skipped'`,
    );
    expect(new Set(runs.map((r) => r.scheduled_at.getTime())).size).toBe(runs.length);
  }, 30_000);
});
