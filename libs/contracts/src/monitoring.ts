import type { BreakerState } from './cache.js';
import type { ComponentStatus } from './health.js';
import type { Page } from './pagination.js';

/** Wire types of the admin monitoring API (/admin/monitoring/*, /admin/audit/logs, /admin/archives, /metrics). */

export type AlertType = 'database_error' | 'cache_error' | 'high_load' | 'high_trades' | 'security' | 'performance';
export type AlertSeverity = 'info' | 'warning' | 'error' | 'critical';

/** GET /admin/monitoring/overview */
export interface SystemOverview {
  users: { total: number; active_7days: number; active_percentage: number; new_7days: number };
  leagues: { active: number; archived: number; total: number };
  trading: { trades_24h: number; shares_traded_24h: number; volume_24h: number };
  alerts: { total_active: number; critical: number };
  generated_at: string;
}

/** GET /admin/monitoring/database/json: estimated row counts (pg_class), exact for small tables. */
export interface DatabaseStats {
  tables: Record<string, number>;
  total_records: number;
  size_bytes: number;
  connections: { active: number; idle: number; max: number };
  queries: QueryTimings;
}

export interface QueryTimings {
  /** Queries timed by this instance since it started. */
  count: number;
  total_ms: number;
  slowest: Array<{ statement: string; calls: number; mean_ms: number; max_ms: number }>;
}

/** One component of GET /admin/monitoring/health. */
export interface ComponentHealth {
  status: ComponentStatus;
  message: string;
  latency_ms: number | null;
  /** When the component entered this status (as seen by this instance). */
  since: string;
  details?: Record<string, unknown>;
}

/** GET /admin/monitoring/health */
export interface HealthReport {
  timestamp: string;
  database: ComponentHealth;
  cache: ComponentHealth;
  overall_status: ComponentStatus;
}

/** GET /admin/monitoring/active-users/json: users whose last login is today (UTC). */
export interface ActiveUser {
  id: number;
  username: string;
  last_login: string;
  league_count: number;
  trades_today: number;
}

/** GET /admin/monitoring/trading-activity/json?hours= */
export interface TradingActivity {
  hours: number;
  from: string;
  to: string;
  total_trades: number;
  shares_traded: number;
  volume: number;
  by_type: { buy: number; sell: number };
  top_symbols: Array<{ symbol: string; count: number; avg_qty: number; volume: number }>;
  /** Trades per hour over the window, oldest first (hours with no trades included). */
  hourly: Array<{ hour: string; trades: number; volume: number }>;
}

/** GET /admin/monitoring/league-activity/json */
export interface LeagueActivity {
  id: number;
  name: string;
  status: 'active' | 'archived';
  member_count: number;
  /** Trades within the window (`hours`, default 24). */
  trade_count: number;
  volume: number;
  created_at: string;
}

/** GET /admin/monitoring/engagement/json */
export interface EngagementMetrics {
  days: number;
  daily_active_users: Array<{ date: string; active: number }>;
  league_creation_trend: Array<{ date: string; leagues: number }>;
  new_users_trend: Array<{ date: string; users: number }>;
}

export type RiskReason = 'high_volume' | 'burst' | 'round_trips' | 'new_account';

/** GET /admin/monitoring/risk-assessment/json: one suspicious user, highest score first. */
export interface RiskAssessment {
  id: number;
  username: string;
  /** Trades over the last 7 days. */
  trades_count: number;
  /** Trades over the last 24 hours. */
  recent_trades: number;
  /** Average trades per day over the 6 days before the last 24 hours. */
  baseline_daily: number;
  max_trades_per_minute: number;
  round_trips: number;
  account_age_days: number;
  score: number;
  reasons: RiskReason[];
  reason: string;
}

export interface Alert {
  id: number;
  alert_type: AlertType;
  severity: AlertSeverity;
  title: string;
  message: string;
  data: Record<string, unknown>;
  fingerprint: string;
  source: string;
  occurrences: number;
  first_seen: string;
  last_seen: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: number | null;
  resolution: 'manual' | 'auto' | null;
}

export interface AlertStats {
  total_active: number;
  by_severity: Record<AlertSeverity, number>;
  by_type: Partial<Record<AlertType, number>>;
  /** Alerts raised while the database was unreachable, waiting to be written. */
  buffered: number;
}

/** GET /admin/monitoring/alerts/json?severity= */
export interface AlertList extends Page<Alert> {
  stats: AlertStats;
}

/** POST /admin/monitoring/alerts */
export interface CreateAlertRequest {
  alert_type: AlertType;
  severity: AlertSeverity;
  title: string;
  message?: string;
  data?: Record<string, unknown>;
  /** Same fingerprint while active = same alert (occurrences grows). Default: type + title. */
  fingerprint?: string;
}

export interface CreateAlertResponse {
  id: number | null;
  /** False when an active alert with the same fingerprint absorbed it. */
  created: boolean;
  /** True when the database was unreachable: kept in memory and written when it returns. */
  buffered: boolean;
  occurrences: number;
}

/** GET /admin/monitoring/realtime/stats: cheap, for a short refresh interval. */
export interface RealtimeStats {
  timestamp: string;
  trades_last_minute: number;
  trades_last_hour: number;
  logins_last_15m: number;
  active_alerts: number;
  requests_per_minute: number;
  error_rate_percent: number;
  event_loop_lag_ms: number;
  memory_rss_mb: number;
  cache_hit_rate_percent: number | null;
}

export interface RouteLatency {
  method: string;
  route: string;
  requests: number;
  requests_per_minute: number;
  errors: number;
  error_rate_percent: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
}

/** GET /admin/monitoring/performance/json?from=&to= (default: last 15 minutes) */
export interface PerformanceMetrics {
  from: string;
  to: string;
  /** Whether the per-route figures cover every instance (Redis) or only this one. */
  scope: 'cluster' | 'instance';
  routes: RouteLatency[];
  /** Requests per minute across all routes, oldest first. */
  series: Array<{ minute: string; requests: number; errors: number; p95_ms: number }>;
  database: QueryTimings;
  process: {
    event_loop_lag_ms: { mean: number; p99: number; max: number };
    memory: { rss_mb: number; heap_used_mb: number; heap_total_mb: number };
    cpu_percent: number;
    uptime_s: number;
  };
  cache: {
    available: boolean;
    hit_rate_percent: number | null;
    breaker_state: BreakerState | null;
    series: Array<{ at: string; hit_rate_percent: number }>;
  };
}

export interface AuditLogEntry {
  id: number;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  created_at: string;
}

export interface ArchivedLeague {
  id: number;
  name: string;
  owner_id: number;
  status: 'active' | 'archived';
  member_count: number;
  created_at: string;
  archived_at: string | null;
}
