import type {
  ActiveUser,
  AlertList,
  CacheStatusView,
  DatabaseStats,
  EngagementMetrics,
  HealthReport,
  JobRunView,
  JobsResponse,
  LeagueActivity,
  Page,
  PerformanceMetrics,
  RealtimeStats,
  RiskAssessment,
  SystemOverview,
  TradingActivity,
  UserView,
} from '@league/contracts';
import type { Answer, PathOf } from '../api/client';

export const adminUser: UserView = {
  id: 1,
  username: 'admin',
  email: 'admin@example.com',
  role: 'admin',
  created_at: '2025-12-01T00:00:00.000Z',
  last_login_at: '2025-12-25T14:30:00.000Z',
};

export const overview: SystemOverview = {
  users: { total: 150, active_7days: 45, active_percentage: 30, new_7days: 4 },
  leagues: { active: 12, archived: 3, total: 15 },
  trading: { trades_24h: 342, shares_traded_24h: 10_000, volume_24h: 425_000.5 },
  alerts: { total_active: 1, critical: 0 },
  generated_at: '2025-12-25T14:35:00.000Z',
};

export const health: HealthReport = {
  timestamp: '2025-12-25T14:35:00.000Z',
  database: { status: 'healthy', message: 'Database reachable', latency_ms: 2, since: '2025-12-25T10:00:00.000Z' },
  cache: { status: 'degraded', message: 'Redis slow', latency_ms: 40, since: '2025-12-25T14:00:00.000Z' },
  overall_status: 'degraded',
};

export const alerts: AlertList = {
  items: [
    {
      id: 7,
      alert_type: 'high_load',
      severity: 'warning',
      title: 'High system load detected',
      message: 'CPU usage above 80%',
      data: { cpu_usage: 85.5 },
      fingerprint: 'high_load:cpu',
      source: 'test',
      occurrences: 3,
      first_seen: '2025-12-25T14:00:00.000Z',
      last_seen: '2025-12-25T14:30:00.000Z',
      created_at: '2025-12-25T14:00:00.000Z',
      resolved_at: null,
      resolved_by: null,
      resolution: null,
    },
  ],
  page: 1,
  page_size: 5,
  total: 1,
  stats: { total_active: 1, by_severity: { info: 0, warning: 1, error: 0, critical: 0 }, by_type: {}, buffered: 0 },
};

// Below: one answer "with data" and one "empty" (a fresh install: no users active, no trades, no alerts, no runs)
// for each monitoring endpoint the dashboard calls, typed by the API's wire types.

export const emptyOverview: SystemOverview = {
  users: { total: 0, active_7days: 0, active_percentage: 0, new_7days: 0 },
  leagues: { active: 0, archived: 0, total: 0 },
  trading: { trades_24h: 0, shares_traded_24h: 0, volume_24h: 0 },
  alerts: { total_active: 0, critical: 0 },
  generated_at: '2025-12-25T14:35:00.000Z',
};

/** Health has no empty form: a component with nothing to measure reports no latency. */
export const unmeasuredHealth: HealthReport = {
  timestamp: '2025-12-25T14:35:00.000Z',
  database: { status: 'healthy', message: 'Database reachable', latency_ms: 1, since: '2025-12-25T14:00:00.000Z' },
  cache: { status: 'unhealthy', message: 'Redis disabled', latency_ms: null, since: '2025-12-25T14:00:00.000Z' },
  overall_status: 'unhealthy',
};

export const emptyAlerts: AlertList = {
  items: [],
  page: 1,
  page_size: 5,
  total: 0,
  stats: { total_active: 0, by_severity: { info: 0, warning: 0, error: 0, critical: 0 }, by_type: {}, buffered: 0 },
};

export const alertHistory: AlertList = {
  ...alerts,
  items: [
    {
      ...alerts.items[0],
      id: 3,
      alert_type: 'security',
      severity: 'critical',
      title: 'Burst of failed logins',
      resolved_at: '2025-12-24T09:15:00.000Z',
      resolved_by: 1,
      resolution: 'manual',
    },
  ],
};

export const realtime: RealtimeStats = {
  timestamp: '2025-12-25T14:35:00.000Z',
  trades_last_minute: 17,
  trades_last_hour: 1_204,
  logins_last_15m: 38,
  active_alerts: 1,
  requests_per_minute: 2_345,
  error_rate_percent: 0.4,
  event_loop_lag_ms: 3.2,
  memory_rss_mb: 182,
  cache_hit_rate_percent: 93.5,
};

export const emptyRealtime: RealtimeStats = {
  timestamp: '2025-12-25T14:35:00.000Z',
  trades_last_minute: 0,
  trades_last_hour: 0,
  logins_last_15m: 0,
  active_alerts: 0,
  requests_per_minute: 0,
  error_rate_percent: 0,
  event_loop_lag_ms: 0,
  memory_rss_mb: 95,
  cache_hit_rate_percent: null,
};

export const tradingActivity: TradingActivity = {
  hours: 24,
  from: '2025-12-24T15:00:00.000Z',
  to: '2025-12-25T15:00:00.000Z',
  total_trades: 1_342,
  shares_traded: 52_000,
  volume: 1_234_567.89,
  by_type: { buy: 800, sell: 542 },
  top_symbols: [
    { symbol: 'AAPL', count: 612, avg_qty: 40, volume: 734_000.5 },
    { symbol: 'TSLA', count: 301, avg_qty: 12, volume: 250_100 },
  ],
  hourly: [
    { hour: '2025-12-25T12:00:00.000Z', trades: 120, volume: 100_000 },
    { hour: '2025-12-25T13:00:00.000Z', trades: 480, volume: 512_000 },
    { hour: '2025-12-25T14:00:00.000Z', trades: 742, volume: 622_567.89 },
  ],
};

export const emptyTradingActivity: TradingActivity = {
  ...tradingActivity,
  total_trades: 0,
  shares_traded: 0,
  volume: 0,
  by_type: { buy: 0, sell: 0 },
  top_symbols: [],
  hourly: [],
};

export const activeUsers: Page<ActiveUser> = {
  items: [
    { id: 11, username: 'ada', last_login: '2025-12-25T14:20:00.000Z', league_count: 3, trades_today: 27 },
    { id: 12, username: 'grace', last_login: '2025-12-25T13:05:00.000Z', league_count: 1, trades_today: 4 },
  ],
  page: 1,
  page_size: 5,
  total: 1_234,
};

export const emptyPage = <T>(): Page<T> => ({ items: [], page: 1, page_size: 5, total: 0 });

export const leagueActivity: Page<LeagueActivity> = {
  items: [
    {
      id: 5,
      name: 'Wall Street Wolves',
      status: 'active',
      member_count: 48,
      trade_count: 2_310,
      volume: 987_654.32,
      created_at: '2025-11-02T10:00:00.000Z',
    },
    {
      id: 9,
      name: 'Penny Pinchers',
      status: 'archived',
      member_count: 7,
      trade_count: 12,
      volume: 1_500,
      created_at: '2025-10-01T10:00:00.000Z',
    },
  ],
  page: 1,
  page_size: 5,
  total: 2,
};

export const risk: Page<RiskAssessment> = {
  items: [
    {
      id: 42,
      username: 'speedy',
      trades_count: 900,
      recent_trades: 610,
      baseline_daily: 48,
      max_trades_per_minute: 35,
      round_trips: 120,
      account_age_days: 2,
      score: 87,
      reasons: ['burst', 'new_account'],
      reason: 'Burst trading from a 2-day-old account',
    },
  ],
  page: 1,
  page_size: 5,
  total: 1,
};

/** Active alerts with the risk rules' types, for the risk card's summary. */
export const riskAlerts: AlertList = {
  ...alerts,
  stats: {
    total_active: 5,
    by_severity: { info: 0, warning: 2, error: 1, critical: 2 },
    by_type: { security: 3, high_trades: 2 },
    buffered: 0,
  },
};

export const engagement: EngagementMetrics = {
  days: 30,
  daily_active_users: [
    { date: '2025-12-23', active: 410 },
    { date: '2025-12-24', active: 512 },
    { date: '2025-12-25', active: 388 },
  ],
  league_creation_trend: [{ date: '2025-12-24', leagues: 6 }],
  new_users_trend: [
    { date: '2025-12-23', users: 14 },
    { date: '2025-12-25', users: 21 },
  ],
};

export const emptyEngagement: EngagementMetrics = {
  days: 30,
  daily_active_users: [],
  league_creation_trend: [],
  new_users_trend: [],
};

export const performance: PerformanceMetrics = {
  from: '2025-12-25T14:20:00.000Z',
  to: '2025-12-25T14:35:00.000Z',
  scope: 'cluster',
  routes: [
    {
      method: 'GET',
      route: '/leagues/:id/leaderboard',
      requests: 9_120,
      requests_per_minute: 608,
      errors: 3,
      error_rate_percent: 0.03,
      p50_ms: 4,
      p95_ms: 21,
      p99_ms: 48,
      mean_ms: 6.5,
    },
  ],
  series: [
    { minute: '2025-12-25T14:33:00.000Z', requests: 600, errors: 1, p95_ms: 19 },
    { minute: '2025-12-25T14:34:00.000Z', requests: 640, errors: 2, p95_ms: 27 },
  ],
  database: {
    count: 48_200,
    total_ms: 96_400.4,
    slowest: [{ statement: 'SELECT * FROM trades WHERE user_id = $1', calls: 310, mean_ms: 12.5, max_ms: 230 }],
  },
  process: {
    event_loop_lag_ms: { mean: 1.2, p99: 14, max: 40 },
    memory: { rss_mb: 182, heap_used_mb: 96, heap_total_mb: 128 },
    cpu_percent: 37.5,
    uptime_s: 7_260,
  },
  cache: {
    available: true,
    hit_rate_percent: 91,
    breaker_state: 'closed',
    series: [
      { at: '2025-12-25T14:33:00.000Z', hit_rate_percent: 90 },
      { at: '2025-12-25T14:34:00.000Z', hit_rate_percent: 92.5 },
    ],
  },
};

export const emptyPerformance: PerformanceMetrics = {
  ...performance,
  scope: 'instance',
  routes: [],
  series: [],
  database: { count: 0, total_ms: 0, slowest: [] },
  process: { ...performance.process, cpu_percent: 0, uptime_s: 4 },
  cache: { available: false, hit_rate_percent: null, breaker_state: null, series: [] },
};

export const cacheStatus: CacheStatusView = {
  stats: {
    hits: 9_000,
    misses: 1_000,
    sets: 1_100,
    deletes: 40,
    total_requests: 10_000,
    hit_rate_percent: 90,
    l1_hits: 6_500,
    l2_hits: 2_500,
    stale_serves: 12,
    coalesced_waits: 30,
    errors: 2,
    breaker_state: 'closed',
    backend: 'redis',
    by_type: { leaderboard: { hits: 4_000, misses: 200, sets: 210, deletes: 10, hit_rate_percent: 95.2 } },
  },
  backend: 'redis',
  prefix: 'league',
  redis: { enabled: true, connected: true, reachable: true, latency_ms: 1.5, message: 'ok' },
  breaker_state: 'closed',
  l1: { entries: 3_200, bytes: 5_242_880, max_entries: 10_000, max_bytes: 67_108_864 },
  keys: { by_type: { leaderboard: 120, quote: 30 }, total: 150, truncated: false, source: 'redis' },
  ttl_seconds: { leaderboard: 300, quote: 60 },
};

export const emptyCacheStatus: CacheStatusView = {
  stats: {
    hits: 0,
    misses: 0,
    sets: 0,
    deletes: 0,
    total_requests: 0,
    hit_rate_percent: 0,
    l1_hits: 0,
    l2_hits: 0,
    stale_serves: 0,
    coalesced_waits: 0,
    errors: 0,
    breaker_state: 'closed',
    backend: 'memory',
    by_type: {},
  },
  backend: 'memory',
  prefix: 'league',
  redis: { enabled: false, connected: false, reachable: false, latency_ms: null, message: 'Redis disabled' },
  breaker_state: 'closed',
  l1: { entries: 0, bytes: 0, max_entries: 10_000, max_bytes: 67_108_864 },
  keys: { by_type: {}, total: 0, truncated: false, source: 'l1' },
  ttl_seconds: {},
};

const warmRun: JobRunView = {
  id: 501,
  job: 'warm_leaderboards',
  instance_id: 'api-1',
  trigger: 'schedule',
  scheduled_at: '2025-12-25T14:30:00.000Z',
  started_at: '2025-12-25T14:30:00.000Z',
  finished_at: '2025-12-25T14:30:01.250Z',
  duration_ms: 1_250,
  outcome: 'ok',
  lock_backend: 'redis',
  keys_warmed: 96,
  items_processed: 12,
  error: null,
  details: {},
  actor_id: null,
};

export const jobs: JobsResponse = {
  instance_id: 'api-1',
  lock_backend: 'redis',
  jobs: [
    {
      name: 'warm_leaderboards',
      schedule: '0 */5 * * * *',
      registered: true,
      enabled: true,
      next_run_at: '2025-12-25T14:35:00.000Z',
      last_run: warmRun,
      last_success_at: warmRun.finished_at,
      running: null,
    },
  ],
  runs: {
    items: [warmRun, { ...warmRun, id: 500, outcome: 'failed', duration_ms: 80, error: 'Redis unreachable' }],
    page: 1,
    page_size: 25,
    total: 2,
  },
};

export const emptyJobs: JobsResponse = {
  instance_id: 'api-1',
  lock_backend: 'postgres',
  jobs: [],
  runs: { items: [], page: 1, page_size: 25, total: 0 },
};

export const database: DatabaseStats = {
  tables: { trades: 5_000_000, users: 100_000, leagues: 1_000 },
  total_records: 5_101_000,
  size_bytes: 2_147_483_648,
  connections: { active: 3, idle: 7, max: 20 },
  queries: {
    count: 48_200,
    total_ms: 96_400.4,
    slowest: [{ statement: 'SELECT count(*) FROM trades', calls: 4, mean_ms: 310.2, max_ms: 512 }],
  },
};

export const emptyDatabase: DatabaseStats = {
  tables: {},
  total_records: 0,
  size_bytes: 0,
  connections: { active: 0, idle: 0, max: 20 },
  queries: { count: 0, total_ms: 0, slowest: [] },
};

type MonitoringPath = Extract<PathOf<'get'>, `/admin/monitoring/${string}`>;

/**
 * The answer of each monitoring endpoint the dashboard calls (by path), with data and empty, each of the type the
 * generated client gives that path (a fixture that drifts from the API fails the type check).
 */
export const MONITORING_ANSWERS: Partial<{
  [P in MonitoringPath]: { data: Answer<P, 'get'>; empty: Answer<P, 'get'> };
}> = {
  '/admin/monitoring/overview': { data: overview, empty: emptyOverview },
  '/admin/monitoring/health': { data: health, empty: unmeasuredHealth },
  '/admin/monitoring/realtime/stats': { data: realtime, empty: emptyRealtime },
  '/admin/monitoring/alerts/json': { data: alerts, empty: emptyAlerts },
  '/admin/monitoring/alerts/history/json': { data: alertHistory, empty: emptyAlerts },
  '/admin/monitoring/trading-activity/json': { data: tradingActivity, empty: emptyTradingActivity },
  '/admin/monitoring/active-users/json': { data: activeUsers, empty: emptyPage<ActiveUser>() },
  '/admin/monitoring/league-activity/json': { data: leagueActivity, empty: emptyPage<LeagueActivity>() },
  '/admin/monitoring/risk-assessment/json': { data: risk, empty: emptyPage<RiskAssessment>() },
  '/admin/monitoring/engagement/json': { data: engagement, empty: emptyEngagement },
  '/admin/monitoring/performance/json': { data: performance, empty: emptyPerformance },
  '/admin/monitoring/cache/json': { data: cacheStatus, empty: emptyCacheStatus },
  '/admin/monitoring/jobs/json': { data: jobs, empty: emptyJobs },
  '/admin/monitoring/database/json': { data: database, empty: emptyDatabase },
};
