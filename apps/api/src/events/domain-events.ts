/**
 * Names and payloads of the in-process events that connect features without importing each other
 * (published with @nestjs/event-emitter's EventEmitter2, consumed with @OnEvent).
 */
export const DomainEvent = {
  /** A login failed (wrong user or password). Monitoring raises `security` alerts from these. */
  LoginFailed: 'auth.login_failed',
  /** A quote changed (emitted after MarketService.tick has invalidated the cached quotes and chains). */
  QuoteChanged: 'market.quote_changed',
  /** A trade was committed. */
  TradeExecuted: 'trading.trade_executed',
  /** A league was created, updated, archived or restored, or gained a member. */
  LeagueChanged: 'trading.league_changed',
  /**
   * A user's profile or role changed (or the account was disabled): its sessions are resolved afresh. The writer
   * also calls CacheInvalidator.invalidateUser itself, before answering (the cache does not listen to events).
   */
  UserChanged: 'trading.user_changed',
  /** A cache operation failed; monitoring turns it into a `cache_error` alert. */
  CacheError: 'cache.error',
  /** A health condition was seen (or cleared) by a probe; monitoring raises or resolves its alert. */
  HealthCondition: 'health.condition',
} as const;

export interface LoginFailedEvent {
  username: string;
  ip: string;
  at: Date;
}

export interface QuoteChangedEvent {
  symbol: string;
  price: string;
  previousPrice: string;
  at: Date;
}

export interface TradeExecutedEvent {
  tradeId: number;
  leagueId: number;
  userId: number;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  at: Date;
}

export interface LeagueChangedEvent {
  leagueId: number;
  /** What happened: created, updated, archived, restored, member_joined. */
  change: 'created' | 'updated' | 'archived' | 'restored' | 'member_joined';
  /** The user who joined (member_joined only). */
  userId?: number;
}

export interface UserChangedEvent {
  userId: number;
}

export interface CacheErrorEvent {
  operation: string;
  key?: string;
  message: string;
  at: Date;
}

export interface HealthConditionEvent {
  component: 'database' | 'cache';
  status: 'healthy' | 'degraded' | 'unhealthy';
  message: string;
  at: Date;
}
