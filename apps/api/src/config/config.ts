import { parseDuration } from './duration.js';

/**
 * The one place that reads process.env. Every variable is documented in README.md ("Configuration").
 * A bad value stops start-up with a ConfigError naming the variable and what is allowed.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Null means: start embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  /** Longest a query waits for a free pool connection before it fails (then 503). */
  databasePoolTimeoutMs: number;
  dataDir: string;
  embeddedPostgresPort: number;
  redisUrl: string;
  /** False: never try Redis, run on the in-process cache alone. */
  redisEnabled: boolean;
  /** Set: a Redis Cluster (node-redis cluster client) reached through these seed nodes; `redisUrl` is not used. */
  redisCluster: RedisClusterConfig | null;
  adminPassword: string | null;
  logLevel: LogLevel;
  corsOrigins: string[];
  bodyLimitBytes: number;
  sessionTtlMs: number;
  /** Fastify's trustProxy: false, a hop count, or the addresses/CIDRs of trusted proxies. */
  trustProxy: false | number | string[];
  /** Failed-or-pending logins per (username, client) within the window; per username alone 5 times as many. */
  loginThrottle: { limit: number; windowMs: number };
  /** Per-client request limits of unauthenticated routes (counted in Redis when reachable, else PostgreSQL). */
  rateLimits: Record<RateLimitClass, RateLimit>;
  /** Password hashes waiting for a worker before new ones get 503 (each hash holds 128 MiB while it runs). */
  passwordHashQueue: number;
  seedOnEmpty: boolean;
  cache: {
    prefix: string;
    /** TTL overrides by cache key type, in ms (CACHE_TTL_LEADERBOARD=5m ...). */
    ttlOverrides: Record<string, number>;
    operationTimeoutMs: number;
    breakerThreshold: number;
    breakerResetMs: number;
    /** How long failures must go on before the breaker opens (a burst shorter than this does not). */
    breakerWindowMs: number;
    /** Fetch lease of a missing key (one instance fetches, the others wait); extended while the fetch runs. */
    fetchLeaseMs: number;
    l1MaxEntries: number;
    l1MaxBytes: number;
  };
  market: {
    /** Set: a deterministic feed (tests, demos). Null: each tick's draws come from a cryptographic source. */
    seed: number | null;
    tickMs: number;
    /** Market hours in UTC, "HH:MM-HH:MM"; ticks only run inside them. "always" runs them at every hour. */
    hours: string;
  };
  monitoring: {
    metricsToken: string | null;
    alertWebhookUrl: string | null;
    alertWebhookMinSeverity: 'info' | 'warning' | 'error' | 'critical';
  };
  /** Bounds of orders, idempotency and what a trade does after its commit (trading/trade.service.ts). */
  trading: {
    /** Shares or contracts per order. */
    maxOrderQuantity: number;
    /** Shares or contracts held of one instrument in one league. */
    maxPositionQuantity: number;
    /** How long an Idempotency-Key is remembered. */
    idempotencyKeyTtlMs: number;
    /** Longest a committed trade's response waits for cache invalidation and event handlers. */
    postCommitTimeoutMs: number;
  };
  /** How long rows that grow with use are kept (the retention job). */
  retention: {
    quoteHistoryMs: number;
    activitiesMs: number;
    auditLogsMs: number;
  };
  schedules: Record<string, string>;
  jobs: {
    /** Lease of a running job; renewed every third of it, so a dead holder is replaced after at most this long. */
    leaseTtlMs: number;
    /** How long app shutdown waits for a running job before releasing its lease anyway. */
    shutdownTimeoutMs: number;
  };
  /** The cache warmers (scheduling/warming). */
  warming: {
    /** Leagues whose first leaderboard page is warmed: the most active by trades within `activityWindowMs`. */
    leagues: number;
    /** Most traded symbols whose quote and nearest options chains are warmed. */
    symbols: number;
    /** Nearest option expirations warmed per symbol. */
    optionExpirations: number;
    /** Most active users whose stats are warmed. */
    users: number;
    /** How far back trades count as recent activity. */
    activityWindowMs: number;
    /** A cached key is rewritten only when less than this share of its TTL is left (refresh-ahead), 0-1. */
    refreshAhead: number;
    /** Fetches at the same time across all warmers: half the database pool by default, so requests still get in. */
    concurrency: number;
  };
}

/** Classes of unauthenticated routes with limits of their own (RATE_LIMIT_<CLASS>). */
export const RATE_LIMIT_CLASSES = ['register', 'login', 'public'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];
export interface RateLimit {
  max: number;
  windowMs: number;
}
const DEFAULT_RATE_LIMITS: Record<RateLimitClass, string> = { register: '10/1h', login: '30/1m', public: '300/1m' };

/** A value as it may be shown in an error: passwords in URLs and secret variables are masked. */
function shown(variable: string, value: string): string {
  if (/PASSWORD|TOKEN|SECRET/.test(variable)) return '***';
  return value.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@');
}

export interface RedisClusterConfig {
  /** Seed nodes: the client reads the cluster's layout from the first that answers. */
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    allowed: string,
    value: string,
  ) {
    super(`Invalid ${variable}=${JSON.stringify(shown(variable, value))}: ${allowed}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
/** Cache key types whose TTL can be overridden with CACHE_TTL_<TYPE>. */
export const CACHE_TTL_TYPES = [
  'leaderboard',
  'portfolio',
  'league',
  'league_members',
  'quote',
  'options_chain',
  'user_stats',
  'league_stats',
  'activity',
  'search',
  'session',
] as const;

export const DEFAULT_SCHEDULES: Record<string, string> = {
  warm_leaderboards: '0 */4 * * * *',
  warm_popular_stocks: '30 * * * * *',
  warm_user_stats: '0 */8 * * * *',
  warm_monitoring: '*/10 * * * * *',
  quote_tick: '*/5 * * * * *',
  health_probe: '*/15 * * * * *',
  retention: '0 17 3 * * *',
  option_expiry: '0 5 21 * * *',
  rollups: '0 * * * * *',
};

/** The environment that turns every cron job off (SCHEDULE_<JOB>=off): tests and benchmarks drive jobs by hand. */
export const ALL_SCHEDULES_OFF: Record<string, string> = Object.fromEntries(
  Object.keys(DEFAULT_SCHEDULES).map((job) => [`SCHEDULE_${job.toUpperCase()}`, 'off']),
);

class Reader {
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | null {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? null : raw;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^-?\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
      throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
    }
    return Number(raw);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    throw new ConfigError(name, 'true or false', raw);
  }

  duration(name: string, fallbackMs: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallbackMs;
    const parsed = parseDuration(raw);
    if (parsed === null) throw new ConfigError(name, 'a duration such as 500ms, 30s, 5m, 24h', raw);
    return parsed;
  }

  /** `N/duration` (10/1h): at most N requests per client within the duration. */
  rateLimit(name: string, fallback: string): RateLimit {
    const raw = this.string(name, fallback);
    const [count, window] = raw.split('/');
    const windowMs = window ? parseDuration(window) : null;
    if (!/^\d{1,7}$/.test(count ?? '') || Number(count) < 1 || !windowMs) {
      throw new ConfigError(name, 'a count and a duration such as 10/1h or 300/1m', raw);
    }
    return { max: Number(count), windowMs };
  }

  /** TRUST_PROXY: unset/false, a hop count, or a comma-separated list of proxy addresses or CIDRs. */
  trustProxy(name: string): false | number | string[] {
    const raw = this.string(name, 'false').trim();
    if (raw === 'false' || raw === '0') return false;
    if (/^\d{1,2}$/.test(raw)) return Number(raw);
    const list = raw.split(',').map((v) => v.trim());
    const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(\/\d{1,3})?$/;
    if (list.every((v) => address.test(v) || ['loopback', 'linklocal', 'uniquelocal'].includes(v))) return list;
    throw new ConfigError(
      name,
      'false, the number of proxy hops in front of the app (1), or their addresses or CIDRs (10.0.0.0/8,::1)',
      raw,
    );
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `one of ${allowed.join(', ')}`, raw);
    return raw as T;
  }

  url(name: string, protocols: string[], fallback: string | null): string | null {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, `a URL (${protocols.join(' or ')})`, raw);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigError(name, `a URL with protocol ${protocols.join(' or ')}`, raw);
    }
    return raw;
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const ttlOverrides: Record<string, number> = {};
  for (const type of CACHE_TTL_TYPES) {
    const name = `CACHE_TTL_${type.toUpperCase()}`;
    if (env[name]) ttlOverrides[type] = r.duration(name, 0);
  }
  const schedules: Record<string, string> = {};
  for (const [job, fallback] of Object.entries(DEFAULT_SCHEDULES)) {
    const name = `SCHEDULE_${job.toUpperCase()}`;
    const value = r.string(name, fallback);
    if (value.trim().split(/\s+/).length < 5 && value !== 'off') {
      throw new ConfigError(name, 'a cron expression (5 or 6 fields) or "off"', value);
    }
    schedules[job] = value;
  }
  const cacheLogLevel = r.oneOf('LOG_LEVEL', LOG_LEVELS, env.NODE_ENV === 'test' ? 'warn' : 'info');
  const prefix = r.string('CACHE_PREFIX', 'league');
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(prefix)) {
    throw new ConfigError('CACHE_PREFIX', 'letters, digits, "_", "-" or "." (1 to 40 characters)', prefix);
  }
  const hours = r.string('MARKET_HOURS', 'always');
  if (hours !== 'always' && !/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(hours)) {
    throw new ConfigError('MARKET_HOURS', '"always" or a UTC range such as 14:30-21:00', hours);
  }
  const cors = r.string('CORS_ORIGINS', '');
  const clusterUrl = /^redis\+cluster:\/\//i.test(env.REDIS_URL ?? '');
  return {
    env: r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    port: r.int('PORT', 3000, 0, 65535),
    host: r.string('HOST', '127.0.0.1'),
    databaseUrl: r.url('DATABASE_URL', ['postgres', 'postgresql'], null),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
    databasePoolTimeoutMs: r.duration('DATABASE_POOL_TIMEOUT', 5_000),
    dataDir: r.string('DATA_DIR', '.data'),
    embeddedPostgresPort: r.int('EMBEDDED_POSTGRES_PORT', 54329, 1024, 65535),
    // A redis+cluster:// URL is kept as given (processes started from this config pass it on), read below.
    redisUrl: clusterUrl
      ? (env.REDIS_URL as string)
      : (r.url('REDIS_URL', ['redis', 'rediss'], 'redis://127.0.0.1:6379') as string),
    redisEnabled: r.bool('REDIS_ENABLED', true),
    redisCluster: readRedisCluster(env, clusterUrl),
    adminPassword: r.optional('ADMIN_PASSWORD'),
    logLevel: cacheLogLevel,
    corsOrigins: cors
      ? cors
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 100_000, 1_000, 50_000_000),
    sessionTtlMs: r.duration('SESSION_TTL', 24 * 3600_000),
    trustProxy: r.trustProxy('TRUST_PROXY'),
    loginThrottle: {
      limit: r.int('LOGIN_THROTTLE_LIMIT', 10, 1, 10_000),
      windowMs: r.duration('LOGIN_THROTTLE_WINDOW', 15 * 60_000),
    },
    rateLimits: Object.fromEntries(
      RATE_LIMIT_CLASSES.map((c) => [c, r.rateLimit(`RATE_LIMIT_${c.toUpperCase()}`, DEFAULT_RATE_LIMITS[c])]),
    ) as Record<RateLimitClass, RateLimit>,
    passwordHashQueue: r.int('PASSWORD_HASH_QUEUE', 64, 0, 10_000),
    // Demo accounts share a published password: never loaded into a production database unless asked for.
    seedOnEmpty: r.bool('SEED_ON_EMPTY', env.NODE_ENV !== 'production'),
    cache: {
      prefix,
      ttlOverrides,
      operationTimeoutMs: r.duration('CACHE_OPERATION_TIMEOUT', 50),
      breakerThreshold: r.int('CACHE_BREAKER_THRESHOLD', 5, 1, 1000),
      breakerResetMs: r.duration('CACHE_BREAKER_RESET', 5_000),
      breakerWindowMs: r.duration('CACHE_BREAKER_WINDOW', 250),
      fetchLeaseMs: atLeast(r, 'CACHE_FETCH_LEASE', 5_000, 100, '100ms'),
      l1MaxEntries: r.int('CACHE_L1_MAX_ENTRIES', 10_000, 0, 10_000_000),
      l1MaxBytes: r.int('CACHE_L1_MAX_BYTES', 64 * 1024 * 1024, 0, 8 * 1024 * 1024 * 1024),
    },
    market: {
      seed: r.optional('MARKET_SEED') === null ? null : r.int('MARKET_SEED', 0, 0, 2 ** 31 - 1),
      tickMs: r.duration('MARKET_TICK', 5_000),
      hours,
    },
    monitoring: {
      metricsToken: r.optional('METRICS_TOKEN'),
      alertWebhookUrl: r.url('ALERT_WEBHOOK_URL', ['http', 'https'], null),
      alertWebhookMinSeverity: r.oneOf('ALERT_WEBHOOK_MIN_SEVERITY', SEVERITIES, 'error'),
    },
    trading: tradingConfig(r),
    retention: {
      quoteHistoryMs: atLeast(r, 'RETENTION_QUOTE_HISTORY', 7 * DAY_MS, 3600_000, '1h'),
      activitiesMs: atLeast(r, 'RETENTION_ACTIVITIES', 365 * DAY_MS, DAY_MS, '1d'),
      auditLogsMs: atLeast(r, 'RETENTION_AUDIT_LOGS', 365 * DAY_MS, DAY_MS, '1d'),
    },
    schedules,
    jobs: {
      leaseTtlMs: jobLeaseTtl(r),
      shutdownTimeoutMs: r.duration('JOB_SHUTDOWN_TIMEOUT', 10_000),
    },
    warming: warmingConfig(r),
  };
}

const DAY_MS = 24 * 3600_000;
/** Quantities are PostgreSQL integers: no bound may let a position pass 2^31 - 1. */
const INT4_MAX = 2 ** 31 - 1;

function tradingConfig(r: Reader): AppConfig['trading'] {
  const maxPosition = r.int('TRADE_MAX_POSITION_SIZE', 1_000_000, 1, INT4_MAX);
  const maxOrder = r.int('TRADE_MAX_ORDER_SIZE', 100_000, 1, INT4_MAX);
  if (maxOrder > maxPosition) {
    throw new ConfigError('TRADE_MAX_ORDER_SIZE', `at most TRADE_MAX_POSITION_SIZE (${maxPosition})`, `${maxOrder}`);
  }
  return {
    maxOrderQuantity: maxOrder,
    maxPositionQuantity: maxPosition,
    idempotencyKeyTtlMs: atLeast(r, 'TRADE_IDEMPOTENCY_TTL', DAY_MS, 60_000, '1m'),
    postCommitTimeoutMs: r.duration('TRADE_POST_COMMIT_TIMEOUT', 250),
  };
}

/** A duration with a floor: a retention window of 0 would delete what was just written. */
function atLeast(r: Reader, name: string, fallbackMs: number, minMs: number, min: string): number {
  const value = r.duration(name, fallbackMs);
  if (value < minMs) throw new ConfigError(name, `a duration of at least ${min}`, `${value}ms`);
  return value;
}

function warmingConfig(r: Reader): AppConfig['warming'] {
  const pool = r.int('DATABASE_POOL_SIZE', 10, 1, 200);
  const percent = r.int('WARM_REFRESH_AHEAD_PERCENT', 30, 1, 100);
  return {
    leagues: r.int('WARM_LEAGUES', 25, 0, 10_000),
    symbols: r.int('WARM_SYMBOLS', 20, 0, 1_000),
    optionExpirations: r.int('WARM_OPTION_EXPIRATIONS', 2, 0, 4),
    users: r.int('WARM_USERS', 100, 0, 100_000),
    activityWindowMs: r.duration('WARM_ACTIVITY_WINDOW', 24 * 3600_000),
    refreshAhead: percent / 100,
    concurrency: r.int('WARM_CONCURRENCY', Math.max(1, Math.floor(pool / 2)), 1, pool),
  };
}

/** Renewed every third of the TTL: below a second, a busy event loop could let a healthy holder's lease lapse. */
function jobLeaseTtl(r: Reader): number {
  const ttl = r.duration('JOB_LEASE_TTL', 30_000);
  if (ttl < 1_000) throw new ConfigError('JOB_LEASE_TTL', 'a duration of at least 1s', `${ttl}ms`);
  return ttl;
}

const NODE_LIST = 'a comma-separated host:port list such as 10.0.0.1:7000,10.0.0.2:7000';

/**
 * Redis Cluster mode: REDIS_CLUSTER_NODES (host:port,...) or REDIS_URL=redis+cluster://[user:password@]host:port,...
 * (a URL cannot hold several hosts, so that form is parsed here rather than with URL).
 */
function readRedisCluster(env: Env, clusterUrl: boolean): RedisClusterConfig | null {
  const list = env.REDIS_CLUSTER_NODES?.trim();
  if (list) return { nodes: parseNodes('REDIS_CLUSTER_NODES', list, list) };
  if (!clusterUrl) return null;
  const raw = env.REDIS_URL as string;
  const match = /^redis\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#@]*)\/?$/i.exec(raw);
  if (!match) throw new ConfigError('REDIS_URL', `redis+cluster://[user:password@]${NODE_LIST.slice(2)}`, raw);
  const [, user, password, hosts] = match;
  return {
    nodes: parseNodes('REDIS_URL', hosts ?? '', raw),
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
  };
}

function parseNodes(variable: string, list: string, raw: string): { host: string; port: number }[] {
  return list.split(',').map((entry) => {
    const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(entry.trim());
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) throw new ConfigError(variable, NODE_LIST, raw);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
}
