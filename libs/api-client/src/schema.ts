/** Generated from openapi.json by openapi-typescript (npm run generate -w @league/api-client). */
export interface paths {
  '/admin/monitoring/cache/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CacheAdminController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/cache/clear': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CacheAdminController_clear'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AdminUsersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Users, leagues, trades in the last 24 hours, active alerts */
    get: operations['MonitoringController_overview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Database and cache health (healthy / degraded / unhealthy) with latency and since */
    get: operations['MonitoringController_healthReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/database/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Row counts per table, database size, connections, slowest statements */
    get: operations['MonitoringController_database'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/active-users/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Users whose last login is today (UTC), with league count and trades today */
    get: operations['MonitoringController_activeUsers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/engagement/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Daily active users, leagues and users created per day */
    get: operations['MonitoringController_engagement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/trading-activity/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Trades over the last `hours`: totals, buy/sell, top symbols, hourly series */
    get: operations['MonitoringController_tradingActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/league-activity/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Leagues by trades over the last `hours`, busiest first */
    get: operations['MonitoringController_leagueActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/risk-assessment/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Suspicious traders of the last 24 hours with score and reasons */
    get: operations['MonitoringController_riskAssessment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/realtime/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A few cheap live figures for a short refresh interval */
    get: operations['MonitoringController_realtime'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/performance/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Route latency percentiles, request rate, errors, query timings, process, cache */
    get: operations['MonitoringController_performance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/alerts/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Active alerts (most severe first) with statistics; ?severity= filters */
    get: operations['AlertsController_active'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/alerts/history/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every alert, active and resolved (resolved ones are kept 30 days) */
    get: operations['AlertsController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Raise an alert (external tools); same fingerprint while active = same alert */
    post: operations['AlertsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/alerts/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resolve an active alert (audit-logged with who resolved it) */
    post: operations['AlertsController_resolve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/audit/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Audit log, newest first; filter by actor_id, action (or "area." prefix), from, to */
    get: operations['AdminRecordsController_logs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/archives': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Archived leagues, most recently archived first */
    get: operations['AdminRecordsController_archived'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/archives/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archive a league (audit-logged) */
    post: operations['AdminRecordsController_archiveLeague'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/archives/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Restore an archived league (audit-logged) */
    post: operations['AdminRecordsController_restoreLeague'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/jobs/json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['JobsController_jobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/monitoring/cache/warm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CacheWarmController_warm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/quotes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['QuotesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/quotes/{symbol}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['QuotesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/options/{symbol}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['OptionsController_chain'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['LeaguesController_list'];
    put?: never;
    post: operations['LeaguesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['LeaguesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['LeaguesController_update'];
    trace?: never;
  };
  '/api/leagues/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['LeaguesController_archive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['LeaguesController_restore'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/join': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['LeaguesController_join'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['LeaguesController_members'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/trades': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TradesController_list'];
    put?: never;
    post: operations['TradesController_execute'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/leaderboard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['LeaderboardController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/portfolio': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PortfolioController_mine'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/portfolio/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PortfolioController_of'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/activity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ActivityController_page'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leagues/{id}/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StatsController_league'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StatsController_user'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SearchController_find'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    CacheClearDto: {
      /**
       * @description glob over keys of this namespace; omit to clear all
       * @example leaderboard:*
       */
      pattern?: string;
    };
    RegisterDto: {
      /**
       * @description 3-32 letters, digits, "_", "-" or "."
       * @example jane_doe
       */
      username: string;
      /** @example jane@example.com */
      email: string;
      password: string;
    };
    LoginDto: {
      /** @example admin */
      username: string;
      password: string;
    };
    CreateAlertDto: {
      /** @enum {string} */
      alert_type: 'database_error' | 'cache_error' | 'high_load' | 'high_trades' | 'security' | 'performance';
      /** @enum {string} */
      severity: 'info' | 'warning' | 'error' | 'critical';
      title: string;
      message?: string;
      data?: {
        [key: string]: unknown;
      };
      fingerprint?: string;
    };
    WarmCacheDto: {
      /**
       * @description a registered warm target (leaderboards, popular_stocks, ... or all)
       * @example all
       */
      target: string;
    };
    CreateLeagueDto: {
      /** @example Tech Portfolio */
      name: string;
      description?: string;
      /** @default 100000 */
      starting_cash?: number;
    };
    UpdateLeagueDto: {
      name?: string;
      description?: string;
    };
    OptionOrderDto: {
      /** @enum {string} */
      type: 'call' | 'put';
      /** @example 150 */
      strike: number;
      /** @example 2026-01-16 */
      expiration: string;
    };
    TradeDto: {
      /** @example AAPL */
      symbol: string;
      /** @enum {string} */
      side: 'buy' | 'sell';
      /**
       * @description shares, or option contracts (100 shares each)
       * @example 10
       */
      quantity: number;
      /** @description present for an option order */
      option?: components['schemas']['OptionOrderDto'];
    };
    /** @description GET /admin/monitoring/active-users/json: users whose last login is today (UTC). */
    ActiveUser: {
      id: number;
      username: string;
      /** Format: date-time */
      last_login: string;
      league_count: number;
      trades_today: number;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    ActiveUserPage: {
      items: components['schemas']['ActiveUser'][];
      page: number;
      page_size: number;
      total: number;
    };
    /**
     * @description `?sort=` of the lists the monitoring API sorts on the server: the row fields each can be ordered by.
     * @enum {string}
     */
    ActiveUserSort: 'last_login' | 'username' | 'league_count' | 'trades_today';
    Activity: {
      id: number;
      league_id: number;
      user_id: number | null;
      username: string | null;
      type: string;
      payload: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      created_at: string;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    ActivityPage: {
      items: components['schemas']['Activity'][];
      page: number;
      page_size: number;
      total: number;
    };
    Alert: {
      id: number;
      alert_type: components['schemas']['AlertType'];
      severity: components['schemas']['AlertSeverity'];
      title: string;
      message: string;
      data: {
        [key: string]: unknown;
      };
      fingerprint: string;
      source: string;
      occurrences: number;
      /** Format: date-time */
      first_seen: string;
      /** Format: date-time */
      last_seen: string;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      resolved_at: string | null;
      resolved_by: number | null;
      /** @enum {string|null} */
      resolution: 'manual' | 'auto' | null;
    };
    /** @description GET /admin/monitoring/alerts/json?severity= */
    AlertList: {
      items: components['schemas']['Alert'][];
      page: number;
      page_size: number;
      total: number;
      stats: components['schemas']['AlertStats'];
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    AlertPage: {
      items: components['schemas']['Alert'][];
      page: number;
      page_size: number;
      total: number;
    };
    /** @enum {string} */
    AlertSeverity: 'info' | 'warning' | 'error' | 'critical';
    /** @enum {string} */
    AlertSort: 'severity' | 'last_seen' | 'created_at' | 'occurrences';
    AlertStats: {
      total_active: number;
      by_severity: {
        info: number;
        warning: number;
        error: number;
        critical: number;
      };
      by_type: {
        database_error?: number;
        cache_error?: number;
        high_load?: number;
        high_trades?: number;
        security?: number;
        performance?: number;
      };
      /** @description Alerts raised while the database was unreachable, waiting to be written. */
      buffered: number;
    };
    /**
     * @description Wire types of the admin monitoring API (/admin/monitoring/*, /admin/audit/logs, /admin/archives, /metrics).
     * @enum {string}
     */
    AlertType: 'database_error' | 'cache_error' | 'high_load' | 'high_trades' | 'security' | 'performance';
    ArchivedLeague: {
      id: number;
      name: string;
      owner_id: number;
      /** @enum {string} */
      status: 'active' | 'archived';
      member_count: number;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      archived_at: string | null;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    ArchivedLeaguePage: {
      items: components['schemas']['ArchivedLeague'][];
      page: number;
      page_size: number;
      total: number;
    };
    /** @enum {string} */
    AssetType: 'stock' | 'option';
    AuditLogEntry: {
      id: number;
      actor_id: number | null;
      actor_username: string | null;
      action: string;
      target: string | null;
      details: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      created_at: string;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    AuditLogPage: {
      items: components['schemas']['AuditLogEntry'][];
      page: number;
      page_size: number;
      total: number;
    };
    BestTrade: {
      trade_id: number;
      league_id: number;
      symbol: string;
      instrument: string;
      realized_pnl: number;
      /** Format: date-time */
      executed_at: string;
    };
    /** @enum {string} */
    BreakerState: 'closed' | 'open' | 'half_open';
    /** @description `POST /admin/monitoring/cache/clear`: a glob over keys of this namespace (`leaderboard:*`); none: everything. */
    CacheClearRequest: {
      pattern?: string;
    };
    CacheClearResponse: {
      /** @constant */
      cleared: true;
      pattern: string | null;
      /** @description Keys removed from Redis (entries of the in-process cache without Redis). */
      removed: number;
    };
    /** @description `CacheService.getStats()`: the spec's six fields first, aggregated across instances. */
    CacheStats: {
      hits: number;
      misses: number;
      sets: number;
      deletes: number;
      total_requests: number;
      hit_rate_percent: number;
      l1_hits: number;
      l2_hits: number;
      stale_serves: number;
      coalesced_waits: number;
      errors: number;
      breaker_state: components['schemas']['BreakerState'];
      /** @enum {string} */
      backend: 'redis' | 'memory';
      by_type: {
        [key: string]: components['schemas']['CacheTypeStats'];
      };
    };
    /** @description `GET /admin/monitoring/cache/json`: statistics, backend, Redis and breaker state, key counts per type. */
    CacheStatusView: {
      stats: components['schemas']['CacheStats'];
      /** @enum {string} */
      backend: 'redis' | 'memory';
      prefix: string;
      redis: {
        enabled: boolean;
        connected: boolean;
        reachable: boolean;
        latency_ms: number | null;
        message: string;
      };
      breaker_state: components['schemas']['BreakerState'];
      /** @description This instance's in-process tier. */
      l1: {
        entries: number;
        bytes: number;
        max_entries: number;
        max_bytes: number;
      };
      /** @description Keys per type in Redis (`source: 'redis'`), or in this instance's L1 without Redis. */
      keys: {
        by_type: {
          [key: string]: number;
        };
        total: number;
        truncated: boolean;
        /** @enum {string} */
        source: 'redis' | 'l1';
      };
      /** @description Effective TTL of each key type, seconds. */
      ttl_seconds: {
        [key: string]: number;
      };
    };
    /** @description Counters of one key type (leaderboard, quote, ...). */
    CacheTypeStats: {
      hits: number;
      misses: number;
      sets: number;
      deletes: number;
      hit_rate_percent: number;
    };
    /** @description One component of GET /admin/monitoring/health. */
    ComponentHealth: {
      status: components['schemas']['ComponentStatus'];
      message: string;
      latency_ms: number | null;
      /**
       * Format: date-time
       * @description When the component entered this status (as seen by this instance).
       */
      since: string;
      details?: {
        [key: string]: unknown;
      };
    };
    /** @enum {string} */
    ComponentStatus: 'healthy' | 'degraded' | 'unhealthy';
    /** @description POST /admin/monitoring/alerts */
    CreateAlertRequest: {
      alert_type: components['schemas']['AlertType'];
      severity: components['schemas']['AlertSeverity'];
      title: string;
      message?: string;
      data?: {
        [key: string]: unknown;
      };
      /** @description Same fingerprint while active = same alert (occurrences grows). Default: type + title. */
      fingerprint?: string;
    };
    CreateAlertResponse: {
      id: number | null;
      /** @description False when an active alert with the same fingerprint absorbed it. */
      created: boolean;
      /** @description True when the database was unreachable: kept in memory and written when it returns. */
      buffered: boolean;
      occurrences: number;
    };
    CreateLeagueRequest: {
      name: string;
      description?: string;
      /** @description Default 100000. */
      starting_cash?: number;
    };
    /** @description GET /admin/monitoring/database/json: estimated row counts (pg_class), exact for small tables. */
    DatabaseStats: {
      tables: {
        [key: string]: number;
      };
      total_records: number;
      size_bytes: number;
      connections: {
        active: number;
        idle: number;
        max: number;
      };
      queries: components['schemas']['QueryTimings'];
    };
    /** @description GET /admin/monitoring/engagement/json */
    EngagementMetrics: {
      days: number;
      daily_active_users: {
        date: string;
        active: number;
      }[];
      league_creation_trend: {
        date: string;
        leagues: number;
      }[];
      new_users_trend: {
        date: string;
        users: number;
      }[];
    };
    /** @description The one error body every endpoint sends. */
    ErrorBody: {
      statusCode: number;
      error: string;
      message: string;
    };
    /** @description GET /admin/monitoring/health */
    HealthReport: {
      /** Format: date-time */
      timestamp: string;
      database: components['schemas']['ComponentHealth'];
      cache: components['schemas']['ComponentHealth'];
      overall_status: components['schemas']['ComponentStatus'];
    };
    /**
     * @description Which lock kept the run exclusive: the Redis lease, or the PostgreSQL advisory lock when Redis is down.
     * @enum {string}
     */
    JobLockBackend: 'redis' | 'postgres';
    /**
     * @description How a job run ended; `running` while it is in progress.
     * @enum {string}
     */
    JobOutcome: 'running' | 'ok' | 'failed' | 'skipped';
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    JobRunPage: {
      items: components['schemas']['JobRunView'][];
      page: number;
      page_size: number;
      total: number;
    };
    /** @enum {string} */
    JobRunSort: 'started_at' | 'duration_ms' | 'job' | 'outcome';
    /** @description One row of the run history. */
    JobRunView: {
      id: number;
      job: string;
      instance_id: string;
      trigger: components['schemas']['JobTrigger'];
      /**
       * Format: date-time
       * @description The cron tick this run belongs to; null for a manual run.
       */
      scheduled_at: string | null;
      /** Format: date-time */
      started_at: string;
      /** Format: date-time */
      finished_at: string | null;
      duration_ms: number | null;
      outcome: components['schemas']['JobOutcome'];
      lock_backend: components['schemas']['JobLockBackend'];
      /** @description Cache keys written by a warmer; null for other jobs. */
      keys_warmed: number | null;
      /** @description Rows or items the job handled (deleted sessions, ticked quotes ...). */
      items_processed: number | null;
      error: string | null;
      details: {
        [key: string]: unknown;
      };
      actor_id: number | null;
    };
    /** @description A job as this instance knows it: its schedule, next tick and latest run (on any instance). */
    JobStatusView: {
      name: string;
      /** @description Cron expression (seconds first), or `off`. */
      schedule: string;
      /** @description False when the job's code is not available (its module is absent), so it never runs. */
      registered: boolean;
      enabled: boolean;
      /** Format: date-time */
      next_run_at: string | null;
      last_run: components['schemas']['JobRunView'] | null;
      /** Format: date-time */
      last_success_at: string | null;
      /** @description The run in progress, on whichever instance holds the job's lease. */
      running: components['schemas']['JobRunView'] | null;
    };
    /** @enum {string} */
    JobTrigger: 'schedule' | 'manual';
    /** @description `GET /admin/monitoring/jobs/json`: jobs with their state, and the filtered, paginated run history. */
    JobsResponse: {
      instance_id: string;
      lock_backend: components['schemas']['JobLockBackend'];
      jobs: components['schemas']['JobStatusView'][];
      runs: components['schemas']['JobRunPage'];
    };
    Leaderboard: {
      league_id: number;
      page: number;
      page_size: number;
      total: number;
      items: components['schemas']['LeaderboardEntry'][];
    };
    LeaderboardEntry: {
      rank: number;
      user_id: number;
      username: string;
      portfolio_value: number;
      cash: number;
      return_pct: number;
    };
    League: {
      id: number;
      name: string;
      description: string;
      owner_id: number;
      owner_username: string;
      status: components['schemas']['LeagueStatus'];
      starting_cash: number;
      member_count: number;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** Format: date-time */
      archived_at: string | null;
    };
    /** @description GET /admin/monitoring/league-activity/json */
    LeagueActivity: {
      id: number;
      name: string;
      /** @enum {string} */
      status: 'active' | 'archived';
      member_count: number;
      /** @description Trades within the window (`hours`, default 24). */
      trade_count: number;
      volume: number;
      /** Format: date-time */
      created_at: string;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    LeagueActivityPage: {
      items: components['schemas']['LeagueActivity'][];
      page: number;
      page_size: number;
      total: number;
    };
    /** @enum {string} */
    LeagueActivitySort: 'trade_count' | 'volume' | 'member_count' | 'name' | 'created_at';
    LeagueMember: {
      user_id: number;
      username: string;
      cash: number;
      /** Format: date-time */
      joined_at: string;
    };
    LeagueMembers: {
      league_id: number;
      members: components['schemas']['LeagueMember'][];
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    LeaguePage: {
      items: components['schemas']['League'][];
      page: number;
      page_size: number;
      total: number;
    };
    LeagueStats: {
      league_id: number;
      members: number;
      trades: number;
      volume: number;
      top_symbols: components['schemas']['SymbolCount'][];
      average_return_pct: number;
      /** Format: date-time */
      last_trade_at: string | null;
    };
    /** @enum {string} */
    LeagueStatus: 'active' | 'archived';
    LiveResponse: {
      /** @constant */
      status: 'ok';
      uptime_s: number;
    };
    LoginRequest: {
      username: string;
      password: string;
    };
    LoginResponse: {
      token: string;
      /** Format: date-time */
      expires_at: string;
      user: components['schemas']['UserView'];
    };
    OptionOrder: {
      type: components['schemas']['OptionType'];
      strike: number;
      /** @description YYYY-MM-DD, one of the chain's expirations. */
      expiration: string;
    };
    /** @description One side (call or put) of one strike, priced by Black-Scholes on the current quote. */
    OptionQuote: {
      /** @description OCC-style contract id: `AAPL 2026-01-16 C 150.00`. */
      instrument: string;
      bid: number;
      ask: number;
      mid: number;
      implied_volatility: number;
      delta: number;
      gamma: number;
      /** @description Per calendar day. */
      theta: number;
      /** @description Per 1 volatility point (0.01). */
      vega: number;
    };
    OptionStrike: {
      strike: number;
      call: components['schemas']['OptionQuote'];
      put: components['schemas']['OptionQuote'];
    };
    /** @enum {string} */
    OptionType: 'call' | 'put';
    OptionsChain: {
      symbol: string;
      underlying_price: number;
      expiration: string;
      /** @description Every expiration on offer (third Fridays), nearest first. */
      expirations: string[];
      days_to_expiration: number;
      risk_free_rate: number;
      /** @description Shares per contract. */
      multiplier: number;
      strikes: components['schemas']['OptionStrike'][];
      /** Format: date-time */
      as_of: string;
    };
    /** @description GET /admin/monitoring/performance/json?from=&to= (default: last 15 minutes) */
    PerformanceMetrics: {
      from: string;
      to: string;
      /**
       * @description Whether the per-route figures cover every instance (Redis) or only this one.
       * @enum {string}
       */
      scope: 'cluster' | 'instance';
      routes: components['schemas']['RouteLatency'][];
      /** @description Requests per minute across all routes, oldest first. */
      series: {
        minute: string;
        requests: number;
        errors: number;
        p95_ms: number;
      }[];
      database: components['schemas']['QueryTimings'];
      process: {
        event_loop_lag_ms: {
          mean: number;
          p99: number;
          max: number;
        };
        memory: {
          rss_mb: number;
          heap_used_mb: number;
          heap_total_mb: number;
        };
        cpu_percent: number;
        uptime_s: number;
      };
      cache: {
        available: boolean;
        hit_rate_percent: number | null;
        breaker_state: components['schemas']['BreakerState'] | null;
        series: {
          at: string;
          hit_rate_percent: number;
        }[];
      };
    };
    Portfolio: {
      league_id: number;
      user_id: number;
      username: string;
      cash: number;
      positions: components['schemas']['Position'][];
      positions_value: number;
      total_value: number;
      starting_cash: number;
      unrealized_pnl: number;
      return_pct: number;
    };
    Position: {
      instrument: string;
      symbol: string;
      asset_type: components['schemas']['AssetType'];
      option_type: components['schemas']['OptionType'] | null;
      strike: number | null;
      expiration: string | null;
      quantity: number;
      avg_cost: number;
      /** @description Current price per share (options: Black-Scholes mid, or intrinsic value once expired). */
      price: number;
      market_value: number;
      cost_basis: number;
      unrealized_pnl: number;
      unrealized_pnl_pct: number;
    };
    QueryTimings: {
      /** @description Queries timed by this instance since it started. */
      count: number;
      total_ms: number;
      slowest: {
        statement: string;
        calls: number;
        mean_ms: number;
        max_ms: number;
      }[];
    };
    /** @description Market data: quotes and options chains. Money and prices are numbers rounded to cents. */
    Quote: {
      symbol: string;
      name: string;
      price: number;
      prev_close: number;
      change: number;
      change_pct: number;
      /** Format: date-time */
      updated_at: string;
    };
    ReadyResponse: {
      /** @enum {string} */
      status: 'ready' | 'not_ready';
      overall_status?: components['schemas']['ComponentStatus'];
    };
    /** @description GET /admin/monitoring/realtime/stats: cheap, for a short refresh interval. */
    RealtimeStats: {
      /** Format: date-time */
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
    };
    RegisterRequest: {
      username: string;
      email: string;
      password: string;
    };
    /** @description GET /admin/monitoring/risk-assessment/json: one suspicious user, highest score first. */
    RiskAssessment: {
      id: number;
      username: string;
      /** @description Trades over the last 7 days. */
      trades_count: number;
      /** @description Trades over the last 24 hours. */
      recent_trades: number;
      /** @description Average trades per day over the 6 days before the last 24 hours. */
      baseline_daily: number;
      max_trades_per_minute: number;
      round_trips: number;
      account_age_days: number;
      score: number;
      reasons: components['schemas']['RiskReason'][];
      reason: string;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    RiskAssessmentPage: {
      items: components['schemas']['RiskAssessment'][];
      page: number;
      page_size: number;
      total: number;
    };
    /** @enum {string} */
    RiskReason: 'high_volume' | 'burst' | 'round_trips' | 'new_account';
    /** @enum {string} */
    RiskSort: 'score' | 'recent_trades' | 'max_trades_per_minute' | 'round_trips' | 'account_age_days' | 'username';
    RouteLatency: {
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
    };
    /** @enum {string} */
    SearchCategory: 'users' | 'leagues' | 'symbols';
    SearchResult: {
      category: components['schemas']['SearchCategory'];
      /** @description User or league id as a string, or the symbol. */
      id: string;
      title: string;
      subtitle: string;
    };
    SearchResults: {
      query: string;
      category: components['schemas']['SearchCategory'] | 'all';
      page: number;
      page_size: number;
      total: number;
      items: components['schemas']['SearchResult'][];
    };
    /**
     * @description Direction of a server-side sort (`?order=`).
     * @enum {string}
     */
    SortOrder: 'asc' | 'desc';
    SymbolCount: {
      symbol: string;
      trades: number;
      volume: number;
    };
    /** @description GET /admin/monitoring/overview */
    SystemOverview: {
      users: {
        total: number;
        active_7days: number;
        active_percentage: number;
        new_7days: number;
      };
      leagues: {
        active: number;
        archived: number;
        total: number;
      };
      trading: {
        trades_24h: number;
        shares_traded_24h: number;
        volume_24h: number;
      };
      alerts: {
        total_active: number;
        critical: number;
      };
      /** Format: date-time */
      generated_at: string;
    };
    Trade: {
      id: number;
      league_id: number;
      user_id: number;
      username: string;
      symbol: string;
      instrument: string;
      side: components['schemas']['TradeSide'];
      asset_type: components['schemas']['AssetType'];
      option_type: components['schemas']['OptionType'] | null;
      strike: number | null;
      expiration: string | null;
      quantity: number;
      /** @description Per share (options: per share of the contract). */
      price: number;
      /** @description quantity x price x multiplier. */
      amount: number;
      /** @description Sells only: (price - avg cost) x quantity x multiplier. */
      realized_pnl: number | null;
      /** Format: date-time */
      executed_at: string;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    TradePage: {
      items: components['schemas']['Trade'][];
      page: number;
      page_size: number;
      total: number;
    };
    TradeRequest: {
      symbol: string;
      side: components['schemas']['TradeSide'];
      /** @description Shares, or contracts of 100 shares for options. A positive integer. */
      quantity: number;
      option?: components['schemas']['OptionOrder'];
    };
    /** @description What POST /api/leagues/:id/trades answers: the trade and the member's cash after it. */
    TradeResult: {
      trade: components['schemas']['Trade'];
      cash: number;
    };
    /** @enum {string} */
    TradeSide: 'buy' | 'sell';
    /** @description GET /admin/monitoring/trading-activity/json?hours= */
    TradingActivity: {
      hours: number;
      from: string;
      to: string;
      total_trades: number;
      shares_traded: number;
      volume: number;
      by_type: {
        buy: number;
        sell: number;
      };
      top_symbols: {
        symbol: string;
        count: number;
        avg_qty: number;
        volume: number;
      }[];
      /** @description Trades per hour over the window, oldest first (hours with no trades included). */
      hourly: {
        hour: string;
        trades: number;
        volume: number;
      }[];
    };
    UpdateLeagueRequest: {
      name?: string;
      description?: string;
    };
    /** @description Every paginated list: 1-based page, its size, and the total number of items. */
    UserPage: {
      items: components['schemas']['UserView'][];
      page: number;
      page_size: number;
      total: number;
    };
    /** @enum {string} */
    UserRole: 'user' | 'admin';
    UserStats: {
      user_id: number;
      username: string;
      trades: number;
      /** @description Closing (sell) trades that made money, in percent of closing trades; null before the first sell. */
      win_rate_pct: number | null;
      best_trade: components['schemas']['BestTrade'] | null;
      leagues: number;
      /** @description Over every league joined: (portfolio values - starting cash) / starting cash. */
      total_return_pct: number;
      total_value: number;
    };
    UserView: {
      id: number;
      username: string;
      email: string;
      role: components['schemas']['UserRole'];
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      last_login_at: string | null;
    };
    /** @description `POST /admin/monitoring/cache/warm`. */
    WarmCacheRequest: {
      target: string;
    };
    WarmCacheResponse: {
      target: string;
      /** @description One run per job the target stands for (`all` runs every warmer). */
      runs: components['schemas']['JobRunView'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  CacheAdminController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CacheStatusView'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  CacheAdminController_clear: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CacheClearDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CacheClearResponse'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AuthController_register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": 1,
           *       "username": "jane_doe",
           *       "email": "jane@example.com",
           *       "role": "user",
           *       "created_at": "2026-01-05T09:00:00.000Z",
           *       "last_login_at": "2026-01-06T08:12:44.000Z"
           *     }
           */
          'application/json': components['schemas']['UserView'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          /** @description requests allowed in the window */
          'x-ratelimit-limit'?: number;
          /** @description requests left in the window */
          'x-ratelimit-remaining'?: number;
          /** @description seconds until the window resets */
          'x-ratelimit-reset'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many requests from this client; try again in 1 minute"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Service Unavailable */
      503: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "The server is busy verifying passwords; try again in a moment"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "token": "sK3...q9",
           *       "expires_at": "2026-01-07T08:12:44.000Z",
           *       "user": {
           *         "id": 1,
           *         "username": "jane_doe",
           *         "email": "jane@example.com",
           *         "role": "user",
           *         "created_at": "2026-01-05T09:00:00.000Z",
           *         "last_login_at": "2026-01-06T08:12:44.000Z"
           *       }
           *     }
           */
          'application/json': components['schemas']['LoginResponse'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          /** @description requests allowed in the window */
          'x-ratelimit-limit'?: number;
          /** @description requests left in the window */
          'x-ratelimit-remaining'?: number;
          /** @description seconds until the window resets */
          'x-ratelimit-reset'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many requests from this client; try again in 1 minute"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Service Unavailable */
      503: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "The server is busy verifying passwords; try again in a moment"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No Content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": 1,
           *       "username": "jane_doe",
           *       "email": "jane@example.com",
           *       "role": "user",
           *       "created_at": "2026-01-05T09:00:00.000Z",
           *       "last_login_at": "2026-01-06T08:12:44.000Z"
           *     }
           */
          'application/json': components['schemas']['UserView'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AdminUsersController_list: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "uptime_s": 3600
           *     }
           */
          'application/json': components['schemas']['LiveResponse'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          /** @description requests allowed in the window */
          'x-ratelimit-limit'?: number;
          /** @description requests left in the window */
          'x-ratelimit-remaining'?: number;
          /** @description seconds until the window resets */
          'x-ratelimit-reset'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many requests from this client; try again in 1 minute"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ready",
           *       "overall_status": "healthy"
           *     }
           */
          'application/json': components['schemas']['ReadyResponse'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          /** @description requests allowed in the window */
          'x-ratelimit-limit'?: number;
          /** @description requests left in the window */
          'x-ratelimit-remaining'?: number;
          /** @description seconds until the window resets */
          'x-ratelimit-reset'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many requests from this client; try again in 1 minute"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Service Unavailable */
      503: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "The server is busy verifying passwords; try again in a moment"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_overview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SystemOverview'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_healthReport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthReport'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_database: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatabaseStats'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_activeUsers: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        sort?: 'last_login' | 'username' | 'league_count' | 'trades_today';
        order?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ActiveUserPage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_engagement: {
    parameters: {
      query?: {
        days?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EngagementMetrics'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_tradingActivity: {
    parameters: {
      query?: {
        hours?: number;
        /** @description end of the window, ISO 8601 (default: now) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradingActivity'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_leagueActivity: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        hours?: number;
        sort?: 'trade_count' | 'volume' | 'member_count' | 'name' | 'created_at';
        order?: 'asc' | 'desc';
        status?: 'active' | 'archived';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeagueActivityPage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_riskAssessment: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        sort?: 'score' | 'recent_trades' | 'max_trades_per_minute' | 'round_trips' | 'account_age_days' | 'username';
        order?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RiskAssessmentPage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_realtime: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RealtimeStats'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  MonitoringController_performance: {
    parameters: {
      query?: {
        /** @description ISO 8601 */
        from?: string;
        /** @description ISO 8601 */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PerformanceMetrics'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AlertsController_active: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        /** @description ISO 8601 */
        from?: string;
        /** @description ISO 8601 */
        to?: string;
        sort?: 'severity' | 'last_seen' | 'created_at' | 'occurrences';
        order?: 'asc' | 'desc';
        severity?: 'info' | 'warning' | 'error' | 'critical';
        alert_type?: 'database_error' | 'cache_error' | 'high_load' | 'high_trades' | 'security' | 'performance';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertList'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AlertsController_history: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        /** @description ISO 8601 */
        from?: string;
        /** @description ISO 8601 */
        to?: string;
        sort?: 'severity' | 'last_seen' | 'created_at' | 'occurrences';
        order?: 'asc' | 'desc';
        severity?: 'info' | 'warning' | 'error' | 'critical';
        alert_type?: 'database_error' | 'cache_error' | 'high_load' | 'high_trades' | 'security' | 'performance';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertPage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AlertsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAlertDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreateAlertResponse'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AlertsController_resolve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Alert'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AdminRecordsController_logs: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        /** @description ISO 8601 */
        from?: string;
        /** @description ISO 8601 */
        to?: string;
        actor_id?: number;
        /** @description exact action, e.g. alert.resolve, or a prefix ending in ".", e.g. league. */
        action?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLogPage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AdminRecordsController_archived: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ArchivedLeaguePage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AdminRecordsController_archiveLeague: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ArchivedLeague'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  AdminRecordsController_restoreLeague: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ArchivedLeague'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  JobsController_jobs: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        sort?: 'started_at' | 'duration_ms' | 'job' | 'outcome';
        order?: 'asc' | 'desc';
        job?: string;
        outcome?: 'running' | 'ok' | 'failed' | 'skipped';
        /** @description runs started at or after this time (ISO 8601) */
        from?: string;
        /** @description runs started before this time (ISO 8601) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobsResponse'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  CacheWarmController_warm: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WarmCacheDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WarmCacheResponse'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Service Unavailable */
      503: {
        headers: {
          /** @description seconds to wait before trying again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "The server is busy verifying passwords; try again in a moment"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  QuotesController_list: {
    parameters: {
      query?: {
        /** @description comma-separated, at most 50 */
        symbols?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Quote'][];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  QuotesController_get: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        symbol: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "symbol": "AAPL",
           *       "name": "Apple Inc.",
           *       "price": 187.42,
           *       "prev_close": 185.1,
           *       "change": 2.32,
           *       "change_pct": 1.25,
           *       "updated_at": "2026-01-06T14:31:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Quote'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  OptionsController_chain: {
    parameters: {
      query?: {
        /** @description YYYY-MM-DD, one of the chain's expirations; default the nearest */
        expiration?: string;
      };
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        symbol: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OptionsChain'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_list: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        status?: 'active' | 'archived';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": 5,
           *           "name": "Tech Portfolio",
           *           "description": "Large caps only",
           *           "owner_id": 1,
           *           "owner_username": "jane_doe",
           *           "status": "active",
           *           "starting_cash": 100000,
           *           "member_count": 12,
           *           "created_at": "2026-01-05T09:30:00.000Z",
           *           "updated_at": "2026-01-05T09:30:00.000Z",
           *           "archived_at": null
           *         }
           *       ],
           *       "page": 1,
           *       "page_size": 50,
           *       "total": 1
           *     }
           */
          'application/json': components['schemas']['LeaguePage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateLeagueDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": 5,
           *       "name": "Tech Portfolio",
           *       "description": "Large caps only",
           *       "owner_id": 1,
           *       "owner_username": "jane_doe",
           *       "status": "active",
           *       "starting_cash": 100000,
           *       "member_count": 12,
           *       "created_at": "2026-01-05T09:30:00.000Z",
           *       "updated_at": "2026-01-05T09:30:00.000Z",
           *       "archived_at": null
           *     }
           */
          'application/json': components['schemas']['League'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_get: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": 5,
           *       "name": "Tech Portfolio",
           *       "description": "Large caps only",
           *       "owner_id": 1,
           *       "owner_username": "jane_doe",
           *       "status": "active",
           *       "starting_cash": 100000,
           *       "member_count": 12,
           *       "created_at": "2026-01-05T09:30:00.000Z",
           *       "updated_at": "2026-01-05T09:30:00.000Z",
           *       "archived_at": null
           *     }
           */
          'application/json': components['schemas']['League'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateLeagueDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['League'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_archive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['League'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_restore: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['League'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_join: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['League'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaguesController_members: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeagueMembers'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  TradesController_list: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
        /** @description only this member's trades */
        user_id?: number;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": 981,
           *           "league_id": 5,
           *           "user_id": 1,
           *           "username": "jane_doe",
           *           "symbol": "AAPL",
           *           "instrument": "AAPL",
           *           "side": "buy",
           *           "asset_type": "stock",
           *           "option_type": null,
           *           "strike": null,
           *           "expiration": null,
           *           "quantity": 10,
           *           "price": 187.42,
           *           "amount": 1874.2,
           *           "realized_pnl": null,
           *           "executed_at": "2026-01-06T14:31:02.000Z"
           *         }
           *       ],
           *       "page": 1,
           *       "page_size": 50,
           *       "total": 1
           *     }
           */
          'application/json': components['schemas']['TradePage'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  TradesController_execute: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key answers the first result and never trades twice (kept 24 h by default); the same key with a different order: 422 */
        'Idempotency-Key'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TradeDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "trade": {
           *         "id": 981,
           *         "league_id": 5,
           *         "user_id": 1,
           *         "username": "jane_doe",
           *         "symbol": "AAPL",
           *         "instrument": "AAPL",
           *         "side": "buy",
           *         "asset_type": "stock",
           *         "option_type": null,
           *         "strike": null,
           *         "expiration": null,
           *         "quantity": 10,
           *         "price": 187.42,
           *         "amount": 1874.2,
           *         "realized_pnl": null,
           *         "executed_at": "2026-01-06T14:31:02.000Z"
           *       },
           *       "cash": 98125.8
           *     }
           */
          'application/json': components['schemas']['TradeResult'];
        };
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "This league is archived; trading is closed"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unprocessable Entity */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "message": "Not enough cash: 1874.20 needed, 1200.00 available"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  LeaderboardController_get: {
    parameters: {
      query?: {
        page?: number;
      };
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "league_id": 5,
           *       "page": 1,
           *       "page_size": 50,
           *       "total": 1,
           *       "items": [
           *         {
           *           "rank": 1,
           *           "user_id": 1,
           *           "username": "jane_doe",
           *           "portfolio_value": 104210.5,
           *           "cash": 82110.5,
           *           "return_pct": 4.21
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['Leaderboard'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  PortfolioController_mine: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Portfolio'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  PortfolioController_of: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
        userId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Portfolio'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only members of this league can see its portfolios and trades"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  ActivityController_page: {
    parameters: {
      query?: {
        page?: number;
      };
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ActivityPage'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  StatsController_league: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeagueStats'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  StatsController_user: {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserStats'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Not Found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "League 5 not found"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
  SearchController_find: {
    parameters: {
      query: {
        page?: number;
        page_size?: number;
        q: string;
        /** @description absent: all three */
        category?: 'users' | 'leagues' | 'symbols';
      };
      header?: {
        /** @description the ETag of the body held; 304 without a body while it is current */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResults'];
        };
      };
      /** @description Not Modified: the ETag in If-None-Match is current; no body */
      304: {
        headers: {
          /** @description strong entity tag of the body; send it back in If-None-Match */
          ETag?: string;
          /** @description private (public where every reader gets the same body), max-age = remaining TTL, stale-while-revalidate */
          'Cache-Control'?: string;
          /** @description how the cache answered */
          'X-Cache'?: 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad Request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "page_size must be an integer from 1 to 200"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Authentication required"
           *     }
           */
          'application/json': components['schemas']['ErrorBody'];
        };
      };
    };
  };
}
