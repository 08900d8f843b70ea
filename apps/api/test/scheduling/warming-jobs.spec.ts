import { randomBytes } from 'node:crypto';
import type { JobRunView } from '@league/contracts';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { WarmCacheScheduler } from '../../src/scheduling/warming/warm-cache.scheduler.js';
import { seedDemoData } from '../../src/trading/demo-data/demo-data.js';
import { hasRedisServer, startOwnRedis, type OwnRedis } from '../support/servers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { sleep, waitFor } from './support.js';

/**
 * The warm jobs on their schedules: refresh-ahead keeps a hot key cached across its TTL under steady reads, three
 * instances run each warm tick once, and warming without Redis fills the L1 of the instance that runs it.
 */

const SEED = { users: 150, leagues: 10, days: 3, trades: 4_000, seed: 5 };
const WINDOW = { WARM_ACTIVITY_WINDOW: '7d' };
const WARM_JOBS = ['warm_leaderboards', 'warm_popular_stocks', 'warm_user_stats'];

async function seeded(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await seedDemoData(db.url, SEED);
  return db;
}

/** Users by trades, most first (the warmers' order). */
async function usersByTrades(db: TestDatabase): Promise<number[]> {
  const rows = await db.query<{ user_id: number }>(
    `SELECT user_id FROM trades GROUP BY user_id ORDER BY count(*) DESC, user_id`,
  );
  return rows.map((r) => r.user_id);
}

async function topLeagues(db: TestDatabase, n: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT l.id FROM leagues l JOIN trades t ON t.league_id = l.id WHERE l.status = 'active'
      GROUP BY l.id ORDER BY count(*) DESC, max(t.executed_at) DESC, l.id LIMIT $1`,
    [n],
  );
  return rows.map((r) => r.id);
}

const xcache = async (t: TestApp, url: string, token: string) =>
  (await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).headers['x-cache'];

describe('warm jobs', () => {
  describe('refresh-ahead under steady reads', () => {
    let db: TestDatabase;
    let t: TestApp;
    beforeAll(async () => {
      db = await seeded();
      t = await startTestApp({
        db,
        env: {
          ...WINDOW,
          // A 2 s TTL (no stale grace for user stats: an expired entry is a MISS), warmed every second: 30% of the
          // TTL is less than a tick, so only the job's horizon (time to its next tick) keeps the key from expiring.
          CACHE_TTL_USER_STATS: '2s',
          SCHEDULE_WARM_USER_STATS: '* * * * * *',
          WARM_USERS: '2',
        },
      });
    }, 120_000);
    afterAll(async () => {
      await t.close();
      await db.drop();
    }, 60_000);

    it('a hot key is never a miss across several TTLs; an unwarmed one misses at each expiry', async () => {
      const { token } = await t.signUp('steady_reader');
      const ranked = await usersByTrades(db);
      const hot = ranked[0];
      const cold = ranked[5];
      // The first run warms the key.
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM job_runs WHERE job = 'warm_user_stats' AND outcome = 'ok' AND keys_warmed > 0`,
            )
          ).length > 0,
        10_000,
        'the first warm_user_stats run',
      );
      const from = new Date();
      const seen = { hot: new Map<string, number>(), cold: new Map<string, number>() };
      const count = (m: Map<string, number>, v: unknown) => m.set(String(v), (m.get(String(v)) ?? 0) + 1);
      // About three TTLs of steady reads, both keys every 20 ms.
      const until = Date.now() + 9_000;
      while (Date.now() < until) {
        count(seen.hot, await xcache(t, `/api/users/${hot}/stats`, token));
        count(seen.cold, await xcache(t, `/api/users/${cold}/stats`, token));
        await sleep(20);
      }
      expect(Object.fromEntries(seen.hot)).toEqual({ HIT: seen.hot.get('HIT') });
      // The control: the same reads of a key nobody warms miss each time its TTL runs out.
      expect(seen.cold.get('MISS')).toBeGreaterThanOrEqual(2);
      // The hot key was rewritten by several runs in the meantime (each before it expired).
      const rewrites = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job_runs
          WHERE job = 'warm_user_stats' AND outcome = 'ok' AND keys_warmed > 0 AND started_at >= $1`,
        [from],
      );
      expect(rewrites[0].n).toBeGreaterThanOrEqual(3);
    }, 60_000);
  });

  describe('three instances', () => {
    let db: TestDatabase;
    let apps: TestApp[];
    beforeAll(async () => {
      db = await seeded();
      const env = {
        ...WINDOW,
        CACHE_PREFIX: `w${randomBytes(4).toString('hex')}`,
        WARM_LEAGUES: '4',
        WARM_SYMBOLS: '3',
        WARM_USERS: '5',
        // Every second; short TTLs so that most ticks have keys to rewrite.
        CACHE_TTL_LEADERBOARD: '2s',
        CACHE_TTL_USER_STATS: '2s',
        ...Object.fromEntries(WARM_JOBS.map((job) => [`SCHEDULE_${job.toUpperCase()}`, '* * * * * *'])),
      };
      apps = [];
      for (let i = 0; i < 3; i++) apps.push(await startTestApp({ db, env }));
    }, 120_000);
    afterAll(async () => {
      for (const app of apps) await app.close().catch(() => undefined);
      await db.drop();
    }, 60_000);

    it('run each warm tick once, on one of them', async () => {
      const calls = new Map<string, number>();
      const methods = {
        warm_leaderboards: 'warmLeaderboards',
        warm_popular_stocks: 'warmPopularStocks',
        warm_user_stats: 'warmUserStats',
      } as const;
      for (const app of apps) {
        const warmer = app.app.get(WarmCacheScheduler) as unknown as Record<
          string,
          (...args: unknown[]) => Promise<number>
        >;
        for (const [job, method] of Object.entries(methods)) {
          const original = warmer[method].bind(warmer);
          warmer[method] = (...args: unknown[]) => {
            calls.set(job, (calls.get(job) ?? 0) + 1);
            return original(...args);
          };
        }
      }
      const from = new Date();
      await sleep(4_500);
      for (const app of apps) for (const job of WARM_JOBS) await app.app.get(JobRunner).unregister(job);
      const runs = await db.query<{ job: string; scheduled_at: Date; outcome: string; instance_id: string }>(
        `SELECT job, scheduled_at, outcome, instance_id FROM job_runs WHERE job = ANY($1) AND started_at >= $2`,
        [WARM_JOBS, from],
      );
      for (const job of WARM_JOBS) {
        const mine = runs.filter((r) => r.job === job);
        const ticks = new Set(mine.map((r) => r.scheduled_at.getTime()));
        // One row per tick, and one warm call per run that ran (not skipped): never two instances on one tick.
        expect(ticks.size).toBe(mine.length);
        expect(mine.length).toBeGreaterThanOrEqual(3);
        const ran = mine.filter((r) => r.outcome !== 'skipped');
        expect(ran.every((r) => r.outcome === 'ok')).toBe(true);
        expect(calls.get(job)).toBe(ran.length);
      }
      // What one instance warms, another serves: the keys live in the shared namespace.
      const [league] = await topLeagues(db, 1);
      const reader = await apps[2].signUp('cluster_reader');
      await apps[0].app.get(WarmCacheScheduler).warmLeaderboards({ horizonMs: 60_000 });
      expect(await xcache(apps[2], `/api/leagues/${league}/leaderboard`, reader.token)).toBe('HIT');
    }, 60_000);
  });

  describe('without Redis', () => {
    let db: TestDatabase;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      db = await seeded();
      const env = { ...WINDOW, REDIS_ENABLED: 'false', WARM_LEAGUES: '3' };
      a = await startTestApp({ db, env });
      b = await startTestApp({ db, env });
    }, 120_000);
    afterAll(async () => {
      await a.close();
      await b.close();
      await db.drop();
    }, 60_000);

    it('REDIS_ENABLED=false: the job succeeds and fills the L1 of the instance that ran it (only)', async () => {
      const admin = await a.signUp('nored_admin', 'admin');
      const res = await a.request<{ runs: JobRunView[] }>({
        method: 'POST',
        url: '/admin/monitoring/cache/warm',
        token: admin.token,
        body: { target: 'leaderboards' },
      });
      expect(res.status).toBe(200);
      expect(res.body.runs[0]).toMatchObject({ outcome: 'ok', keys_warmed: 3, lock_backend: 'postgres' });
      const leagues = await topLeagues(db, 3);
      const tokenB = (await b.signUp('nored_reader')).token;
      for (const id of leagues) {
        expect(await xcache(a, `/api/leagues/${id}/leaderboard`, admin.token)).toBe('HIT');
        // The other instance has its own memory: its first read is a miss.
        expect(await xcache(b, `/api/leagues/${id}/leaderboard`, tokenB)).toBe('MISS');
      }
      // Refresh-ahead works on L1 too: nothing is due right after.
      expect(await a.app.get(WarmCacheScheduler).warmLeaderboards()).toBe(0);
    }, 60_000);
  });

  (hasRedisServer ? describe : describe.skip)('Redis lost while running', () => {
    let db: TestDatabase;
    let redis: OwnRedis;
    let t: TestApp;
    beforeAll(async () => {
      db = await seeded();
      redis = await startOwnRedis();
      t = await startTestApp({ db, env: { ...WINDOW, REDIS_URL: redis.url, WARM_USERS: '4' } });
    }, 120_000);
    afterAll(async () => {
      await t.close();
      await redis.stop();
      await db.drop();
    }, 60_000);

    it('a warm run while Redis is down still succeeds (PostgreSQL lock, L1) and its keys are served', async () => {
      const runner = t.app.get(JobRunner);
      const { token } = await t.signUp('lost_reader');
      await redis.stop();
      const run = await runner.runNow('warm_user_stats');
      expect(run).toMatchObject({ outcome: 'ok', keys_warmed: 4, lock_backend: 'postgres' });
      for (const id of (await usersByTrades(db)).slice(0, 4)) {
        expect(await xcache(t, `/api/users/${id}/stats`, token)).toBe('HIT');
      }
    }, 60_000);
  });
});
