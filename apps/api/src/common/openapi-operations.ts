/**
 * What each operation answers, keyed by `METHOD /openapi/path`: the success status, the wire type of its body (a
 * component of libs/contracts/schemas/wire-schemas.json, `X[]` for an array, null for no body) and the errors its
 * rules can produce beyond the ones every operation gets from its shape (see openapi.ts). An operation missing here
 * is documented without a response schema, which the contract test refuses.
 */
export interface OperationContract {
  status: 200 | 201 | 204;
  schema: string | null;
  /** Errors of the operation's own rules: 403 (not owner, not member), 404, 409, 422, 503. */
  errors?: number[];
  /** A typical success body; operations without one still carry their error examples. */
  example?: unknown;
  /** A cached read (@CacheRoute): ETag, Cache-Control, If-None-Match and 304 (the contract test checks it). */
  conditional?: true;
}

const LEAGUE_EXAMPLE = {
  id: 5,
  name: 'Tech Portfolio',
  description: 'Large caps only',
  owner_id: 1,
  owner_username: 'jane_doe',
  status: 'active',
  starting_cash: 100000,
  member_count: 12,
  created_at: '2026-01-05T09:30:00.000Z',
  updated_at: '2026-01-05T09:30:00.000Z',
  archived_at: null,
};

const USER_EXAMPLE = {
  id: 1,
  username: 'jane_doe',
  email: 'jane@example.com',
  role: 'user',
  created_at: '2026-01-05T09:00:00.000Z',
  last_login_at: '2026-01-06T08:12:44.000Z',
};

const TRADE_EXAMPLE = {
  id: 981,
  league_id: 5,
  user_id: 1,
  username: 'jane_doe',
  symbol: 'AAPL',
  instrument: 'AAPL',
  side: 'buy',
  asset_type: 'stock',
  option_type: null,
  strike: null,
  expiration: null,
  quantity: 10,
  price: 187.42,
  amount: 1874.2,
  realized_pnl: null,
  executed_at: '2026-01-06T14:31:02.000Z',
};

export const OPERATION_CONTRACTS: Record<string, OperationContract> = {
  // Authentication
  'POST /api/auth/register': { status: 201, schema: 'UserView', errors: [409, 503], example: USER_EXAMPLE },
  'POST /api/auth/login': {
    status: 200,
    schema: 'LoginResponse',
    errors: [401, 503],
    example: { token: 'sK3...q9', expires_at: '2026-01-07T08:12:44.000Z', user: USER_EXAMPLE },
  },
  'POST /api/auth/logout': { status: 204, schema: null },
  'GET /api/auth/me': { status: 200, schema: 'UserView', example: USER_EXAMPLE },
  // Health
  'GET /health/live': { status: 200, schema: 'LiveResponse', example: { status: 'ok', uptime_s: 3600 } },
  'GET /health/ready': {
    status: 200,
    schema: 'ReadyResponse',
    errors: [503],
    example: { status: 'ready', overall_status: 'healthy' },
  },
  // Leagues
  'GET /api/leagues': {
    status: 200,
    schema: 'LeaguePage',
    example: { items: [LEAGUE_EXAMPLE], page: 1, page_size: 50, total: 1 },
  },
  'POST /api/leagues': { status: 201, schema: 'League', example: LEAGUE_EXAMPLE },
  'GET /api/leagues/{id}': { conditional: true, status: 200, schema: 'League', errors: [404], example: LEAGUE_EXAMPLE },
  'PATCH /api/leagues/{id}': { status: 200, schema: 'League', errors: [403, 404, 409] },
  'POST /api/leagues/{id}/archive': { status: 200, schema: 'League', errors: [403, 404, 409] },
  'POST /api/leagues/{id}/restore': { status: 200, schema: 'League', errors: [403, 404, 409] },
  'POST /api/leagues/{id}/join': { status: 200, schema: 'League', errors: [404, 409] },
  'GET /api/leagues/{id}/members': { conditional: true, status: 200, schema: 'LeagueMembers', errors: [404] },
  'GET /api/leagues/{id}/leaderboard': {
    conditional: true,
    status: 200,
    schema: 'Leaderboard',
    errors: [404],
    example: {
      league_id: 5,
      page: 1,
      page_size: 50,
      total: 1,
      items: [
        { rank: 1, user_id: 1, username: 'jane_doe', portfolio_value: 104210.5, cash: 82110.5, return_pct: 4.21 },
      ],
    },
  },
  'GET /api/leagues/{id}/activity': { conditional: true, status: 200, schema: 'ActivityPage', errors: [404] },
  'GET /api/leagues/{id}/stats': { conditional: true, status: 200, schema: 'LeagueStats', errors: [404] },
  'GET /api/leagues/{id}/portfolio': { conditional: true, status: 200, schema: 'Portfolio', errors: [403, 404] },
  'GET /api/leagues/{id}/portfolio/{userId}': {
    conditional: true,
    status: 200,
    schema: 'Portfolio',
    errors: [403, 404],
  },
  // Trading
  'POST /api/leagues/{id}/trades': {
    status: 201,
    schema: 'TradeResult',
    errors: [403, 404, 409, 422],
    example: { trade: TRADE_EXAMPLE, cash: 98125.8 },
  },
  'GET /api/leagues/{id}/trades': {
    status: 200,
    schema: 'TradePage',
    errors: [403, 404],
    example: { items: [TRADE_EXAMPLE], page: 1, page_size: 50, total: 1 },
  },
  'GET /api/users/{id}/stats': { conditional: true, status: 200, schema: 'UserStats', errors: [404] },
  'GET /api/search': { conditional: true, status: 200, schema: 'SearchResults' },
  // Market
  'GET /api/quotes': { status: 200, schema: 'Quote[]', errors: [404] },
  'GET /api/quotes/{symbol}': {
    conditional: true,
    status: 200,
    schema: 'Quote',
    errors: [404],
    example: {
      symbol: 'AAPL',
      name: 'Apple Inc.',
      price: 187.42,
      prev_close: 185.1,
      change: 2.32,
      change_pct: 1.25,
      updated_at: '2026-01-06T14:31:00.000Z',
    },
  },
  'GET /api/options/{symbol}': { conditional: true, status: 200, schema: 'OptionsChain', errors: [404] },
  // Admin: users, records, archives
  'GET /admin/users': { status: 200, schema: 'UserPage' },
  'GET /admin/audit/logs': { status: 200, schema: 'AuditLogPage' },
  'GET /admin/archives': { status: 200, schema: 'ArchivedLeaguePage' },
  'POST /admin/archives/{id}/archive': { status: 200, schema: 'ArchivedLeague', errors: [404, 409] },
  'POST /admin/archives/{id}/restore': { status: 200, schema: 'ArchivedLeague', errors: [404, 409] },
  // Admin: monitoring
  'GET /admin/monitoring/overview': { status: 200, schema: 'SystemOverview' },
  'GET /admin/monitoring/health': { status: 200, schema: 'HealthReport' },
  'GET /admin/monitoring/database/json': { status: 200, schema: 'DatabaseStats' },
  'GET /admin/monitoring/active-users/json': { status: 200, schema: 'ActiveUserPage' },
  'GET /admin/monitoring/engagement/json': { status: 200, schema: 'EngagementMetrics' },
  'GET /admin/monitoring/trading-activity/json': { status: 200, schema: 'TradingActivity' },
  'GET /admin/monitoring/league-activity/json': { status: 200, schema: 'LeagueActivityPage' },
  'GET /admin/monitoring/risk-assessment/json': { status: 200, schema: 'RiskAssessmentPage' },
  'GET /admin/monitoring/realtime/stats': { status: 200, schema: 'RealtimeStats' },
  'GET /admin/monitoring/performance/json': { status: 200, schema: 'PerformanceMetrics' },
  'GET /admin/monitoring/alerts/json': { status: 200, schema: 'AlertList' },
  'GET /admin/monitoring/alerts/history/json': { status: 200, schema: 'AlertPage' },
  'POST /admin/monitoring/alerts': { status: 201, schema: 'CreateAlertResponse' },
  'POST /admin/monitoring/alerts/{id}/resolve': { status: 200, schema: 'Alert', errors: [404, 409] },
  'GET /admin/monitoring/cache/json': { status: 200, schema: 'CacheStatusView' },
  'POST /admin/monitoring/cache/clear': { status: 200, schema: 'CacheClearResponse' },
  'POST /admin/monitoring/cache/warm': { status: 200, schema: 'WarmCacheResponse', errors: [409, 503] },
  'GET /admin/monitoring/jobs/json': { status: 200, schema: 'JobsResponse' },
};
