import { Decimal } from 'decimal.js';
import { decodeEntry, encodeEntry } from '../../src/cache/cache-codec.js';
import { CacheGroup, CacheKey, groupOf, InvalidCacheKeyError, keyTypeOf } from '../../src/cache/cache-key.js';
import { CacheTtl, jitter, ttlTable } from '../../src/cache/cache-ttl.js';
import { CircuitBreaker } from '../../src/cache/circuit-breaker.js';
import { loadConfig } from '../../src/config/config.js';

describe('CacheKey', () => {
  it('builds the keys of the DESIGN.md table', () => {
    expect(CacheKey.leaderboard(5, 1)).toBe('leaderboard:5:page:1');
    expect(CacheKey.portfolio(1, 5)).toBe('user:1:league:5');
    expect(CacheKey.league(5)).toBe('league:5');
    expect(CacheKey.leagueMembers(5)).toBe('league_members:5');
    expect(CacheKey.stockQuote('aapl')).toBe('quote:AAPL');
    expect(CacheKey.optionsChain('AAPL', '2026-01-17')).toBe('options_chain:AAPL:2026-01-17');
    expect(CacheKey.userStats(1)).toBe('user_stats:user:1');
    expect(CacheKey.leagueStats(5)).toBe('league_stats:league:5');
    expect(CacheKey.activityFeed(5, 1)).toBe('activity:league:5:page:1');
    expect(CacheKey.search('Apple  Inc', 'stocks')).toMatch(/^search:stocks:[0-9a-f]{8}$/);
    expect(CacheKey.session('abc123')).toBe('session:abc123');
  });

  it('hashes search queries: same text (case, spaces) same key, other text other key', () => {
    expect(CacheKey.search(' apple INC ', 'stocks')).toBe(CacheKey.search('Apple inc', 'stocks'));
    expect(CacheKey.search('apple', 'stocks')).not.toBe(CacheKey.search('apples', 'stocks'));
    expect(CacheKey.search('*:evil key\n', 'stocks')).toMatch(/^search:stocks:[0-9a-f]{8}$/);
  });

  it('rejects arguments that would escape their key type', () => {
    expect(() => CacheKey.league(-1)).toThrow(InvalidCacheKeyError);
    expect(() => CacheKey.league(1.5)).toThrow(InvalidCacheKeyError);
    expect(() => CacheKey.leaderboard(1, 0)).toThrow(InvalidCacheKeyError);
    expect(() => CacheKey.stockQuote('AAPL:*')).toThrow(InvalidCacheKeyError);
    expect(() => CacheKey.optionsChain('AAPL', '17-01-2026')).toThrow(InvalidCacheKeyError);
    expect(() => CacheKey.session('a b')).toThrow(InvalidCacheKeyError);
    expect(() => CacheKey.search('x', 'Bad Category')).toThrow(InvalidCacheKeyError);
  });

  it('knows the type and invalidation group of each key', () => {
    expect(keyTypeOf(CacheKey.portfolio(1, 5))).toBe('portfolio');
    expect(keyTypeOf(CacheKey.leaderboard(5, 2))).toBe('leaderboard');
    expect(keyTypeOf(CacheKey.activityFeed(5, 2))).toBe('activity');
    expect(groupOf(CacheKey.leaderboard(5, 2))).toBe(CacheGroup.leaderboard(5));
    expect(groupOf(CacheKey.activityFeed(5, 2))).toBe(CacheGroup.activity(5));
    expect(groupOf(CacheKey.portfolio(1, 5))).toBe(CacheGroup.user(1));
    expect(groupOf(CacheKey.optionsChain('AAPL', '2026-01-17'))).toBe(CacheGroup.optionsChain('AAPL'));
    expect(groupOf(CacheKey.league(5))).toBeNull();
    expect(groupOf('http:leaderboard:league:5:abc')).toBe(CacheGroup.leaderboard(5));
    expect(groupOf('http:portfolio:user:9:abc')).toBe(CacheGroup.user(9));
  });
});

describe('CacheTtl', () => {
  it('has the TTLs of the table and takes overrides from configuration', () => {
    expect(CacheTtl).toMatchObject({
      leaderboard: 300_000,
      portfolio: 120_000,
      quote: 60_000,
      search: 3_600_000,
      session: 300_000,
    });
    const table = ttlTable(loadConfig({ CACHE_TTL_LEADERBOARD: '30s', CACHE_TTL_SESSION: '1h' }));
    expect(table.leaderboard).toBe(30_000);
    expect(table.session).toBe(3_600_000);
    expect(table.quote).toBe(60_000);
  });

  it('jitters within ±10%', () => {
    expect(jitter(1000, () => 0)).toBe(900);
    expect(jitter(1000, () => 0.999999)).toBe(1100);
    expect(jitter(1000, () => 0.5)).toBe(1000);
  });
});

describe('codec', () => {
  const roundTrip = (value: unknown) => decodeEntry(encodeEntry(value, { freshUntil: 123, generation: 4 }).text);

  it('round-trips Date, bigint, Decimal, Map, Set, nested plain data and null', () => {
    const value = {
      at: new Date('2026-01-17T15:30:00.123Z'),
      volume: 12345678901234567890n,
      price: new Decimal('187.4300000001'),
      tags: new Set(['a', 'b']),
      byId: new Map([[1, 'x']]),
      rows: [{ n: 1, s: 'é"\n' }],
      none: null,
    };
    const decoded = roundTrip(value)!;
    expect(decoded.freshUntil).toBe(123);
    expect(decoded.generation).toBe(4);
    const v = decoded.value as typeof value;
    expect(v.at).toBeInstanceOf(Date);
    expect(v.at.toISOString()).toBe('2026-01-17T15:30:00.123Z');
    expect(v.volume).toBe(12345678901234567890n);
    expect(Decimal.isDecimal(v.price)).toBe(true);
    expect(v.price.toString()).toBe('187.4300000001');
    expect([...v.tags]).toEqual(['a', 'b']);
    expect(v.byId.get(1)).toBe('x');
    expect(v.rows).toEqual([{ n: 1, s: 'é"\n' }]);
    expect(v.none).toBeNull();
    expect(decoded.needsCopy).toBe(true);
    expect(roundTrip(null)!.value).toBeNull();
    expect(roundTrip({ plain: [1, 2] })!.needsCopy).toBe(false);
    expect(roundTrip({ price: new Decimal(1) })!.needsCopy).toBe(false);
  });

  it('reads another envelope version, or garbage, as a miss', () => {
    expect(decodeEntry('c0\n{"f":1,"g":null}\n{"json":1}')).toBeNull();
    expect(decodeEntry('{"value":"old cache-manager format"}')).toBeNull();
    expect(decodeEntry('c1\nnot json\n{}')).toBeNull();
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold, half-opens after the reset time with one probe, and closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1000, undefined, () => now);
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.state).toBe('half_open');
    expect(breaker.allow()).toBe(false); // one probe at a time
    breaker.failure();
    expect(breaker.state).toBe('open');
    now = 2000;
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });

  it('opens only when failures go on for its window: a burst of timeouts from one stalled moment does not', () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1000, undefined, () => now, 250);
    for (let i = 0; i < 10; i++) breaker.failure(); // every call in flight during one stall, at once
    expect(breaker.state).toBe('closed');
    breaker.success(); // the link answers again: the run of failures is over
    now = 300;
    breaker.failure();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed'); // a new run, not yet long enough
    now = 549;
    breaker.failure();
    expect(breaker.state).toBe('closed');
    now = 550;
    breaker.failure(); // still failing 250 ms after this run began
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
  });

  it('stays open on a late success of a call made before it opened; only the probe closes it', () => {
    let now = 0;
    const breaker = new CircuitBreaker(2, 1000, undefined, () => now);
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('open');
    breaker.success(); // a slow call that started while the link still looked fine
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.state).toBe('half_open');
    breaker.success(); // not the probe: no probe was let through yet
    expect(breaker.state).toBe('half_open');
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
  });
});
