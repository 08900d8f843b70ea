import { CacheGroup, CacheKey } from '../../src/cache/cache-key.js';
import { hasRedisServer } from '../support/servers.js';
import { eventually, instancePair, rawRedis } from './cache-test-app.js';

/**
 * Redis slow or silent for a moment (a few timeouts, not an outage: the breaker stays closed). A writer's
 * invalidation that timed out is retried before the writer answers, so the change is in Redis, and on its way to
 * every instance, by the time anyone could ask for the new value.
 */
(hasRedisServer ? describe : describe.skip)('writer settles its invalidations', () => {
  const pair = instancePair({
    CACHE_OPERATION_TIMEOUT: '100ms',
    // A few timeouts in a row must not open the breaker here: this is about Redis answering late, not away.
    CACHE_BREAKER_THRESHOLD: '50',
  });
  let n = 0;
  afterEach(() => pair().proxy.heal());

  async function cachedEverywhere(key: string): Promise<void> {
    const { a, b } = pair();
    expect(await eventually(async () => (await a.cache.probe()).reachable, 5_000, 20)).toBe(true);
    await a.cache.set(key, 'old');
    expect(await a.cache.get(key)).toBe('old');
    expect(await b.cache.get(key)).toBe('old');
  }

  for (const fault of ['silent', 'slow'] as const) {
    it(`Redis ${fault} for 400 ms: the league's invalidation is in Redis when the writer's call returns`, async () => {
      const { a, b, redis, proxy } = pair();
      const leagueId = 5000 + n++;
      const key = CacheKey.league(leagueId);
      const page = CacheKey.leaderboard(leagueId, 1);
      await cachedEverywhere(key);
      await cachedEverywhere(page);
      const raw = await rawRedis(redis.url);
      const generation = `${a.config.cache.prefix}#gen:${CacheGroup.leaderboard(leagueId)}`;
      const before = Number((await raw.get(generation)) ?? 0);

      // Silent: nothing gets through (held, delivered when it heals). Slow: every chunk waits 150 ms each way.
      if (fault === 'silent') proxy.blackhole();
      else proxy.setDelay(150);
      const healing = setTimeout(() => proxy.heal(), 400);
      try {
        await a.invalidator.invalidateLeague(leagueId);
        // Without retries the call returned after the first timeouts, with both changes still waiting.
        expect(await raw.exists(`${a.config.cache.prefix}:${key}`)).toBe(0);
        expect(Number(await raw.get(generation))).toBeGreaterThan(before);
      } finally {
        clearTimeout(healing);
        await raw.close();
      }
      expect((await a.cache.getStats()).breaker_state).toBe('closed');
      // And the other instance drops its L1 copies on the message that followed.
      expect(await eventually(async () => (await b.cache.get(key)) === undefined, 5_000, 20)).toBe(true);
      expect(await eventually(async () => (await b.cache.get(page)) === undefined, 5_000, 20)).toBe(true);
    });
  }
});

/**
 * The writer's breaker opened on a stall that is over (timeouts while the machine was busy): Redis answers again,
 * but the breaker stays open for its reset time. The writer's invalidation goes past it, so the other instance
 * drops the old value before the write is answered instead of serving it until the breaker's probe.
 */
(hasRedisServer ? describe : describe.skip)('writer settles past a breaker opened by a stall', () => {
  const pair = instancePair({
    CACHE_OPERATION_TIMEOUT: '100ms',
    // One timeout opens the breaker, and it stays open for the whole test: only the writer's insistence helps.
    CACHE_BREAKER_THRESHOLD: '1',
    CACHE_BREAKER_WINDOW: '0ms',
    CACHE_BREAKER_RESET: '60s',
  });

  it("a league's invalidation reaches Redis and the other instance while the writer's breaker is open", async () => {
    const { a, b, redis, proxy } = pair();
    const leagueId = 7001;
    const key = CacheKey.league(leagueId);
    const page = CacheKey.leaderboard(leagueId, 1);
    for (const k of [key, page]) {
      await a.cache.set(k, 'old');
      expect(await b.cache.get(k)).toBe('old');
    }
    const raw = await rawRedis(redis.url);
    const generation = `${a.config.cache.prefix}#gen:${CacheGroup.leaderboard(leagueId)}`;
    const before = Number((await raw.get(generation)) ?? 0);
    try {
      // The stall: one read times out and opens A's breaker; then Redis answers again.
      proxy.blackhole();
      await a.cache.get(CacheKey.league(leagueId + 1));
      proxy.heal();
      expect((await a.cache.getStats()).breaker_state).toBe('open');
      // A while later: with its breaker open A has sent Redis nothing since, so it has heard nothing either.
      await new Promise((resolve) => setTimeout(resolve, 600));

      await a.invalidator.invalidateLeague(leagueId);
      expect(await raw.exists(`${a.config.cache.prefix}:${key}`)).toBe(0);
      expect(Number(await raw.get(generation))).toBeGreaterThan(before);
    } finally {
      await raw.close();
    }
    expect(await eventually(async () => (await b.cache.get(key)) === undefined, 2_000, 20)).toBe(true);
    expect(await eventually(async () => (await b.cache.get(page)) === undefined, 2_000, 20)).toBe(true);
    // Readers on A still keep off Redis until the breaker's own probe.
    expect((await a.cache.getStats()).breaker_state).toBe('open');
  });
});
