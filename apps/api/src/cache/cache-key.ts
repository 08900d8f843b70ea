import { createHash } from 'node:crypto';

/** The key types of the DESIGN.md table (also the names of their CACHE_TTL_<TYPE> overrides). */
export type CacheKeyType =
  | 'leaderboard'
  | 'portfolio'
  | 'league'
  | 'league_members'
  | 'quote'
  | 'options_chain'
  | 'user_stats'
  | 'league_stats'
  | 'activity'
  | 'search'
  | 'session'
  | 'http';

export class InvalidCacheKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCacheKeyError';
  }
}

/** Characters allowed in a logical key: no spaces, no glob characters, nothing Redis would need escaped. */
const KEY_RE = /^[A-Za-z0-9_.:@=&%,+^\-/]{1,400}$/;
/** A pattern: the same alphabet plus the glob wildcards `*` and `?`. */
const PATTERN_RE = /^[A-Za-z0-9_.:@=&%,+^\-/*?]{1,400}$/;
const SYMBOL_RE = /^[A-Z0-9.\-^]{1,16}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const SESSION_RE = /^[A-Za-z0-9_-]{6,128}$/;
const CATEGORY_RE = /^[a-z0-9_-]{1,32}$/;

function id(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new InvalidCacheKeyError(`${name} must be a non-negative integer`);
  return value;
}

function page(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidCacheKeyError('page must be a positive integer');
  return value;
}

function symbol(value: string): string {
  const upper = String(value).trim().toUpperCase();
  if (!SYMBOL_RE.test(upper)) throw new InvalidCacheKeyError(`invalid symbol ${JSON.stringify(value)}`);
  return upper;
}

/** Throws InvalidCacheKeyError unless `key` is a usable logical key. */
export function assertCacheKey(key: string): string {
  if (typeof key !== 'string' || !KEY_RE.test(key)) {
    throw new InvalidCacheKeyError(`invalid cache key ${JSON.stringify(key)}`);
  }
  return key;
}

/** Throws InvalidCacheKeyError unless `pattern` is a glob over logical keys (`leaderboard:*`, `quote:A?PL`). */
export function assertCachePattern(pattern: string): string {
  if (typeof pattern !== 'string' || !PATTERN_RE.test(pattern)) {
    throw new InvalidCacheKeyError(`invalid cache pattern ${JSON.stringify(pattern)}`);
  }
  return pattern;
}

/**
 * Builders of every cache key, as in the DESIGN.md table. Keys are logical: CacheService adds the namespace
 * prefix. Arguments are validated so a request parameter can never produce a key outside its type.
 */
export const CacheKey = {
  leaderboard: (leagueId: number, pageNo = 1) => `leaderboard:${id('leagueId', leagueId)}:page:${page(pageNo)}`,
  portfolio: (userId: number, leagueId: number) => `user:${id('userId', userId)}:league:${id('leagueId', leagueId)}`,
  league: (leagueId: number) => `league:${id('leagueId', leagueId)}`,
  leagueMembers: (leagueId: number) => `league_members:${id('leagueId', leagueId)}`,
  stockQuote: (sym: string) => `quote:${symbol(sym)}`,
  optionsChain: (sym: string, expiration: string) => {
    if (!DATE_RE.test(expiration) || Number.isNaN(Date.parse(expiration))) {
      throw new InvalidCacheKeyError('expiration must be a date YYYY-MM-DD');
    }
    return `options_chain:${symbol(sym)}:${expiration}`;
  },
  userStats: (userId: number) => `user_stats:user:${id('userId', userId)}`,
  leagueStats: (leagueId: number) => `league_stats:league:${id('leagueId', leagueId)}`,
  activityFeed: (leagueId: number, pageNo = 1) => `activity:league:${id('leagueId', leagueId)}:page:${page(pageNo)}`,
  /**
   * The query is hashed (normalised: trimmed, lower case, single spaces) so any text makes a short, safe key.
   * Pages other than the first (and page sizes other than the default 50) get a suffix; page 1 keeps the
   * DESIGN.md form.
   */
  search: (query: string, category = 'all', pageNo = 1, pageSize = 50) => {
    if (!CATEGORY_RE.test(category))
      throw new InvalidCacheKeyError(`invalid search category ${JSON.stringify(category)}`);
    page(pageNo);
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new InvalidCacheKeyError('invalid page size');
    const normalised = String(query).trim().toLowerCase().replace(/\s+/g, ' ');
    const hash = createHash('sha256').update(normalised).digest('hex').slice(0, 8);
    const suffix = pageNo === 1 && pageSize === 50 ? '' : `:page:${pageNo}:size:${pageSize}`;
    return `search:${category}:${hash}${suffix}`;
  },
  session: (sessionId: string) => {
    if (!SESSION_RE.test(sessionId)) throw new InvalidCacheKeyError('invalid session id');
    return `session:${sessionId}`;
  },
} as const;

/** The type of a logical key, from its shape; used for per-type TTLs and statistics. */
export function keyTypeOf(key: string): CacheKeyType | 'other' {
  const head = key.slice(0, key.indexOf(':'));
  switch (head) {
    case 'leaderboard':
    case 'league':
    case 'league_members':
    case 'quote':
    case 'options_chain':
    case 'user_stats':
    case 'league_stats':
    case 'activity':
    case 'search':
    case 'session':
    case 'http':
      return head;
    case 'user':
      return 'portfolio';
    default:
      return 'other';
  }
}

/** The type whose TTL and grace apply: for an HTTP entry (`http:leaderboard:...`) the type it declares. */
export function policyTypeOf(key: string): string {
  if (key.startsWith('http:')) {
    const end = key.indexOf(':', 5);
    return end > 5 ? key.slice(5, end) : 'http';
  }
  return keyTypeOf(key);
}

/**
 * The invalidation group of a key, if any: a whole group is dropped in O(1) by bumping its generation number
 * (CacheInvalidator) instead of scanning for its keys. Pages of a league's leaderboard and activity feed, a
 * user's portfolios and stats, a symbol's option chains, and all search results are groups.
 */
export function groupOf(key: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^leaderboard:(\d+):/.exec(key))) return CacheGroup.leaderboard(Number(m[1]));
  if ((m = /^activity:league:(\d+):/.exec(key))) return CacheGroup.activity(Number(m[1]));
  if ((m = /^user:(\d+):league:\d+$/.exec(key))) return CacheGroup.user(Number(m[1]));
  if ((m = /^user_stats:user:(\d+)$/.exec(key))) return CacheGroup.user(Number(m[1]));
  if ((m = /^options_chain:([^:]+):/.exec(key))) return CacheGroup.optionsChain(m[1]);
  if (key.startsWith('search:')) return CacheGroup.search;
  // HTTP entries declare their group in the key: http:<type>:<scope>:<id>:...
  if ((m = /^http:leaderboard:league:(\d+):/.exec(key))) return CacheGroup.leaderboard(Number(m[1]));
  if ((m = /^http:activity:league:(\d+):/.exec(key))) return CacheGroup.activity(Number(m[1]));
  if ((m = /^http:[a-z_]+:user:(\d+):/.exec(key))) return CacheGroup.user(Number(m[1]));
  if ((m = /^http:options_chain:symbol:([^:]+):/.exec(key))) return CacheGroup.optionsChain(m[1]);
  return null;
}

/** The member and league of a portfolio key (`user:<id>:league:<id>`), else null. */
export function portfolioOf(key: string): { userId: number; leagueId: number } | null {
  const m = /^user:(\d+):league:(\d+)$/.exec(key);
  return m ? { userId: Number(m[1]), leagueId: Number(m[2]) } : null;
}

/** Names of invalidation groups (see groupOf). */
export const CacheGroup = {
  leaderboard: (leagueId: number) => `leaderboard:${leagueId}`,
  activity: (leagueId: number) => `activity:${leagueId}`,
  user: (userId: number) => `user:${userId}`,
  optionsChain: (sym: string) => `options_chain:${sym}`,
  /** Every search result: any league or user change may add, rename or drop a hit. */
  search: 'search',
} as const;

/** A glob over logical keys as a RegExp (for the L1, which has no SCAN). */
export function globToRegExp(pattern: string): RegExp {
  let source = '^';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`${source}$`, 's');
}
