import type { WarmCacheResponse } from '@league/contracts';
import { createClient } from 'redis';
import { CacheService } from '../../src/cache/cache.service.js';
import { CacheKey } from '../../src/cache/cache-key.js';
import { loadConfig } from '../../src/config/config.js';
import { upcomingExpirations } from '../../src/market/option-contract.js';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { WarmCacheScheduler, emptyTally } from '../../src/scheduling/warming/warm-cache.scheduler.js';
import { CachedReads } from '../../src/trading/cached-reads.js';
import { seedDemoData } from '../../src/trading/demo-data/demo-data.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Cache warming against real PostgreSQL and Redis: which keys the warmers write, that each holds exactly what its
 * route would cache, refresh-ahead, bounded concurrency, abort, the warm jobs and their manual targets.
 */

const SEED = { users: 200, leagues: 12, days: 3, trades: 6_000, seed: 11 };
/** Longer than the seeded days, so every trade counts and no trade sits on the window's edge. */
const WINDOW = { WARM_ACTIVITY_WINDOW: '7d' };
const LEAGUES = 5;
const SYMBOLS = 4;
const USERS = 6;
/** The main dashboard's monitoring reads (DashboardReads). */
const DASHBOARD_READS = 7;
const EXPIRATIONS = 2;

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

async function withRedis<T>(fn: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.quit();
  }
}

/** The logical keys of the app's namespace in Redis, sessions left out (logins write them). */
async function keysInRedis(prefix: string): Promise<string[]> {
  return withRedis(async (client) => {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
      for (const key of batch) keys.push(key.slice(prefix.length + 1));
    }
    // Sessions and the request metrics' minute buckets live under the prefix too; they are not warmed entries.
    return keys.filter((k) => !k.startsWith('session:') && !k.startsWith('monitoring:{requests}')).sort();
  });
}

/** GET as raw text (byte comparison) with its X-Cache. */
async function get(t: TestApp, url: string, token: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.statusCode, xcache: res.headers['x-cache'], text: res.body };
}

/** What the warmers should pick, computed independently from the trades. */
async function expectedCandidates(db: TestDatabase) {
  const leagues = await db.query<{ id: number }>(
    `SELECT l.id FROM leagues l JOIN trades t ON t.league_id = l.id
      WHERE l.status = 'active' GROUP BY l.id ORDER BY count(*) DESC, max(t.executed_at) DESC, l.id LIMIT $1`,
    [LEAGUES],
  );
  const symbols = await db.query<{ symbol: string }>(
    `SELECT symbol FROM trades GROUP BY symbol ORDER BY count(*) DESC, symbol LIMIT $1`,
    [SYMBOLS],
  );
  const users = await db.query<{ user_id: number }>(
    `SELECT user_id FROM trades GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT $1`,
    [USERS],
  );
  return {
    leagues: leagues.map((r) => r.id),
    symbols: symbols.map((r) => r.symbol),
    users: users.map((r) => r.user_id),
  };
}

describe('cache warming (Redis)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: { id: number; token: string };
  let user: { token: string };
  let cache: CacheService;
  let warmer: WarmCacheScheduler;
  let expected: Awaited<ReturnType<typeof expectedCandidates>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.url, SEED);
    t = await startTestApp({
      db,
      env: {
        ...WINDOW,
        WARM_LEAGUES: String(LEAGUES),
        WARM_SYMBOLS: String(SYMBOLS),
        WARM_USERS: String(USERS),
        WARM_OPTION_EXPIRATIONS: String(EXPIRATIONS),
        WARM_CONCURRENCY: '2',
      },
    });
    admin = await t.signUp('warm_admin', 'admin');
    user = await t.signUp('warm_user');
    cache = t.app.get(CacheService);
    warmer = t.app.get(WarmCacheScheduler);
    expected = await expectedCandidates(db);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.drop();
  }, 60_000);

  beforeEach(() => cache.clear());

  const prefix = () => t.config.cache.prefix;

  it('warmLeaderboards writes page 1 of the most active leagues, and nothing else', async () => {
    expect(expected.leagues).toHaveLength(LEAGUES);
    expect(await keysInRedis(prefix())).toEqual([]);
    const written = await warmer.warmLeaderboards();
    expect(written).toBe(LEAGUES);
    expect(await keysInRedis(prefix())).toEqual(expected.leagues.map((id) => CacheKey.leaderboard(id, 1)).sort());
  });

  it("a warmed leaderboard is byte for byte the route's body: the first GET is a HIT", async () => {
    await warmer.warmLeaderboards();
    for (const id of expected.leagues) {
      const url = `/api/leagues/${id}/leaderboard`;
      const stored = await cache.get<string>(CacheKey.leaderboard(id, 1));
      const hit = await get(t, url, user.token);
      expect(hit).toMatchObject({ status: 200, xcache: 'HIT' });
      expect(hit.text).toBe(stored);
      // What the route computes now, past the cache (admin bypass), is the same.
      const fresh = await get(t, url, admin.token, { 'cache-control': 'no-cache' });
      expect(fresh.xcache).toBe('BYPASS');
      expect(fresh.text).toBe(hit.text);
    }
    // A league that was not warmed is a MISS on its first read: the HITs above come from warming.
    const [cold] = await db.query<{ id: number }>(
      `SELECT id FROM leagues WHERE status = 'active' AND NOT (id = ANY($1)) ORDER BY id LIMIT 1`,
      [expected.leagues],
    );
    expect((await get(t, `/api/leagues/${cold.id}/leaderboard`, user.token)).xcache).toBe('MISS');
  });

  it('archived leagues are never warmed', async () => {
    const archived = await db.query<{ id: number }>(`SELECT id FROM leagues WHERE status = 'archived'`);
    expect(archived.length).toBeGreaterThan(0);
    await warmer.warmLeaderboards();
    const keys = await keysInRedis(prefix());
    for (const { id } of archived) expect(keys).not.toContain(CacheKey.leaderboard(id, 1));
  });

  it('warmPopularStocks writes the quotes and nearest options chains of the most traded symbols', async () => {
    const written = await warmer.warmPopularStocks();
    const expirations = upcomingExpirations(new Date()).slice(0, EXPIRATIONS);
    const keys = expected.symbols.flatMap((s) => [
      CacheKey.stockQuote(s),
      ...expirations.map((e) => CacheKey.optionsChain(s, e)),
    ]);
    expect(written).toBe(SYMBOLS * (1 + EXPIRATIONS));
    expect(await keysInRedis(prefix())).toEqual(keys.sort());
    for (const symbol of expected.symbols) {
      const quote = await get(t, `/api/quotes/${symbol}`, user.token);
      expect(quote).toMatchObject({ status: 200, xcache: 'HIT' });
      expect(quote.text).toBe(await cache.get<string>(CacheKey.stockQuote(symbol)));
      expect(quote.text).toBe(
        (await get(t, `/api/quotes/${symbol}`, admin.token, { 'cache-control': 'no-cache' })).text,
      );
      // Without ?expiration the route reads the nearest one: the same key.
      const nearest = await get(t, `/api/options/${symbol}`, user.token);
      expect(nearest).toMatchObject({ status: 200, xcache: 'HIT' });
      expect(nearest.text).toBe(await cache.get<string>(CacheKey.optionsChain(symbol, expirations[0])));
      const second = await get(t, `/api/options/${symbol}?expiration=${expirations[1]}`, user.token);
      expect(second).toMatchObject({ status: 200, xcache: 'HIT' });
      expect(JSON.parse(second.text)).toMatchObject({ symbol, expiration: expirations[1] });
    }
  });

  it('warmUserStats writes the most active users by default, or the ones asked for', async () => {
    expect(await warmer.warmUserStats()).toBe(USERS);
    expect(await keysInRedis(prefix())).toEqual(expected.users.map((id) => CacheKey.userStats(id)).sort());
    for (const id of expected.users) {
      const hit = await get(t, `/api/users/${id}/stats`, user.token);
      expect(hit).toMatchObject({ status: 200, xcache: 'HIT' });
      expect(hit.text).toBe(
        (await get(t, `/api/users/${id}/stats`, admin.token, { 'cache-control': 'no-cache' })).text,
      );
    }
    await cache.clear();
    const [a, b] = await db.query<{ id: number }>(`SELECT id FROM users ORDER BY id DESC LIMIT 2`);
    expect(await warmer.warmUserStats([a.id, b.id, a.id])).toBe(2);
    expect(await keysInRedis(prefix())).toEqual([CacheKey.userStats(a.id), CacheKey.userStats(b.id)].sort());
  });

  it('warmAll runs every warmer and answers the total', async () => {
    const written = await warmer.warmAll();
    expect(written).toBe(LEAGUES + SYMBOLS * (1 + EXPIRATIONS) + USERS + DASHBOARD_READS);
    expect(await keysInRedis(prefix())).toHaveLength(written);
  });

  describe('refresh-ahead', () => {
    it('leaves keys far from expiry alone: the second warm writes nothing and the entries are untouched', async () => {
      await warmer.warmLeaderboards();
      const before = await withRedis((c) =>
        Promise.all(expected.leagues.map((id) => c.get(`${prefix()}:${CacheKey.leaderboard(id, 1)}`))),
      );
      const tally = emptyTally();
      expect(await warmer.warmLeaderboards({ tally })).toBe(0);
      expect(tally).toMatchObject({ candidates: LEAGUES, written: 0, fresh: LEAGUES, failed: 0 });
      const after = await withRedis((c) =>
        Promise.all(expected.leagues.map((id) => c.get(`${prefix()}:${CacheKey.leaderboard(id, 1)}`))),
      );
      // Same text, freshness head included: not rewritten.
      expect(after).toEqual(before);
    });

    it('rewrites a key close to expiry, and one whose group was invalidated', async () => {
      await warmer.warmLeaderboards();
      const [near, invalidated] = expected.leagues;
      const reads = t.app.get(CachedReads);
      // About 5 s left of a 5 min TTL: under the 30% refresh-ahead share.
      await cache.set(CacheKey.leaderboard(near, 1), await reads.leaderboardPage(near, 1).body(), 5_000);
      await cache.invalidateGroups([`leaderboard:${invalidated}`]);
      const [nearLeft, goneLeft] = await cache.freshFor([
        CacheKey.leaderboard(near, 1),
        CacheKey.leaderboard(invalidated, 1),
      ]);
      expect(nearLeft).toBeLessThanOrEqual(5_500);
      expect(goneLeft).toBeNull();
      const tally = emptyTally();
      expect(await warmer.warmLeaderboards({ tally })).toBe(2);
      expect(tally).toMatchObject({ written: 2, fresh: LEAGUES - 2 });
      const [nearNow, invalidatedNow] = await cache.freshFor([
        CacheKey.leaderboard(near, 1),
        CacheKey.leaderboard(invalidated, 1),
      ]);
      expect(nearNow).toBeGreaterThan(0.8 * 300_000);
      expect(invalidatedNow).toBeGreaterThan(0.8 * 300_000);
      expect((await get(t, `/api/leagues/${invalidated}/leaderboard`, user.token)).xcache).toBe('HIT');
    });

    it('a horizon (time to the next run) makes keys that would expire before it due', async () => {
      await warmer.warmUserStats();
      // 10 min TTL: nothing is due at the default share, everything is within a 15 min horizon.
      expect(await warmer.warmUserStats(undefined, { horizonMs: 60_000 })).toBe(0);
      expect(await warmer.warmUserStats(undefined, { horizonMs: 15 * 60_000 })).toBe(USERS);
    });
  });

  describe('bounded and abortable', () => {
    it('never runs more fetches at once than its concurrency', async () => {
      warmer.limiter.peak = 0;
      await warmer.warmAll();
      expect(t.config.warming.concurrency).toBe(2);
      expect(warmer.limiter.peak).toBe(2);
    });

    it('by default takes half the database pool', () => {
      expect(loadConfig({ DATABASE_POOL_SIZE: '8' }).warming.concurrency).toBe(4);
      expect(loadConfig({ DATABASE_POOL_SIZE: '1' }).warming.concurrency).toBe(1);
      expect(() => loadConfig({ DATABASE_POOL_SIZE: '4', WARM_CONCURRENCY: '5' })).toThrow(/WARM_CONCURRENCY/);
    });

    it('stops taking keys once its signal aborts, and rejects with the reason', async () => {
      const reads = t.app.get(CachedReads);
      const abort = new AbortController();
      const original = reads.refresh.bind(reads);
      const started: Promise<void>[] = [];
      // Abort as the first key is written (what a lost lease or shutdown does mid-run).
      reads.refresh = (read) => {
        const done = original(read).then(() => abort.abort(new Error('lease lost: test')));
        started.push(done);
        return done;
      };
      try {
        await expect(warmer.warmUserStats(undefined, { signal: abort.signal })).rejects.toThrow('lease lost: test');
      } finally {
        reads.refresh = original;
      }
      const calls = started.length;
      // Let a fetch that was already running end before counting (its write is still a valid entry).
      await Promise.allSettled(started);
      // Concurrency 2: the key being written when the abort came may finish; no new one starts.
      expect(calls).toBeLessThanOrEqual(2);
      expect((await keysInRedis(prefix())).length).toBeLessThanOrEqual(2);
      const aborted = new AbortController();
      aborted.abort(new Error('shutting down'));
      await expect(warmer.warmAll({ signal: aborted.signal })).rejects.toThrow('shutting down');
    });
  });

  describe('jobs and warm targets', () => {
    const warm = (target: string, token = admin.token) =>
      t.request<WarmCacheResponse>({ method: 'POST', url: '/admin/monitoring/cache/warm', token, body: { target } });

    it('registers the four warm jobs', () => {
      const runner = t.app.get(JobRunner);
      for (const job of ['warm_leaderboards', 'warm_popular_stocks', 'warm_user_stats', 'warm_monitoring']) {
        expect(runner.isRegistered(job)).toBe(true);
      }
    });

    it.each([
      ['leaderboards', ['warm_leaderboards'], LEAGUES],
      ['stocks', ['warm_popular_stocks'], SYMBOLS * (1 + EXPIRATIONS)],
      ['user_stats', ['warm_user_stats'], USERS],
      ['monitoring', ['warm_monitoring'], DASHBOARD_READS],
      [
        'all',
        ['warm_leaderboards', 'warm_popular_stocks', 'warm_user_stats', 'warm_monitoring'],
        LEAGUES + SYMBOLS * 3 + USERS + DASHBOARD_READS,
      ],
    ])('POST /admin/monitoring/cache/warm {target: %s} runs its jobs and fills their keys', async (target, jobs, n) => {
      const res = await warm(target);
      expect(res.status).toBe(200);
      expect(res.body.runs.map((r) => r.job)).toEqual(jobs);
      for (const run of res.body.runs)
        expect(run).toMatchObject({ outcome: 'ok', trigger: 'manual', actor_id: admin.id });
      expect(res.body.runs.reduce((sum, r) => sum + (r.keys_warmed ?? 0), 0)).toBe(n);
      expect(await keysInRedis(prefix())).toHaveLength(n);
      // Warm again at once: everything is fresh, nothing is rewritten.
      const again = await warm(target);
      expect(again.body.runs.map((r) => r.keys_warmed)).toEqual(jobs.map(() => 0));
      expect(again.body.runs[0].details).toMatchObject({ written: 0, failed: 0 });
      const [audit] = await db.query<{ actor_id: number; target: string }>(
        `SELECT actor_id, target FROM audit_logs WHERE action = 'cache.warm' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toEqual({ actor_id: admin.id, target: `cache:${target}` });
    });

    it('answers 400 for another target, listing the five, and 403 to a non-admin', async () => {
      const res = await warm('sessions');
      expect(res.status).toBe(400);
      expect((res.body as any).message).toBe(
        'target must be one of: all, leaderboards, monitoring, stocks, user_stats',
      );
      expect((await warm('all', user.token)).status).toBe(403);
    });
  });
});
