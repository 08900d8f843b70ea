import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  DomainEvent,
  type CacheErrorEvent,
  type LoginFailedEvent,
  type TradeExecutedEvent,
} from '../events/domain-events.js';
import { AlertManager } from './alert-manager.service.js';
import { WindowCounter } from './window-counter.js';

/** Thresholds of the alerts raised from domain events. */
export const TRIGGERS = {
  /** A user's trades within one minute. */
  userTradesPerMinute: 30,
  /** Failed logins for one username, or from one IP, within five minutes. */
  failedLoginsPerUsername: 5,
  failedLoginsPerIp: 20,
  loginWindowMs: 5 * 60_000,
} as const;

/**
 * Turns domain events into alerts: cache failures (`cache_error`), a user trading too fast (`high_trades`),
 * repeated failed logins (`security`). Alerts are queued (AlertManager.raise), so an event storm costs one
 * database write per fingerprint per flush, not one per event.
 */
@Injectable()
export class AlertTriggers {
  constructor(
    private readonly alerts: AlertManager,
    private readonly counter: WindowCounter,
  ) {}

  @OnEvent(DomainEvent.CacheError)
  onCacheError(event: CacheErrorEvent): void {
    this.alerts.raise({
      alert_type: 'cache_error',
      severity: 'error',
      title: `Cache operation failed: ${event.operation}`,
      message: event.message,
      data: { operation: event.operation, key: event.key ?? null },
      fingerprint: `cache_error:${event.operation}`,
      source: 'cache',
    });
  }

  @OnEvent(DomainEvent.TradeExecuted)
  async onTrade(event: TradeExecutedEvent): Promise<void> {
    const at = new Date(event.at).getTime();
    const count = await this.counter.increment(`trades:user:${event.userId}`, 60_000, at);
    if (count < TRIGGERS.userTradesPerMinute) return;
    this.alerts.raise({
      alert_type: 'high_trades',
      severity: 'warning',
      title: `Unusual trading rate by user ${event.userId}`,
      message: `User ${event.userId} made ${count} trades in 1 minute`,
      data: { user_id: event.userId, trade_count: count, league_id: event.leagueId },
      fingerprint: `high_trades:user:${event.userId}`,
      source: 'trading',
    });
  }

  @OnEvent(DomainEvent.LoginFailed)
  async onLoginFailed(event: LoginFailedEvent): Promise<void> {
    const at = new Date(event.at).getTime();
    const username = event.username.toLowerCase();
    const [byUser, byIp] = await Promise.all([
      this.counter.increment(`login:user:${username}`, TRIGGERS.loginWindowMs, at),
      this.counter.increment(`login:ip:${event.ip}`, TRIGGERS.loginWindowMs, at),
    ]);
    if (byUser >= TRIGGERS.failedLoginsPerUsername) {
      this.alerts.raise({
        alert_type: 'security',
        severity: 'warning',
        title: `Repeated failed logins for ${username}`,
        message: `${byUser} failed logins for "${username}" within 5 minutes`,
        data: { username, failed_logins: byUser, ip: event.ip },
        fingerprint: `security:login:user:${username}`,
        source: 'auth',
      });
    }
    if (byIp >= TRIGGERS.failedLoginsPerIp) {
      this.alerts.raise({
        alert_type: 'security',
        severity: 'error',
        title: `Repeated failed logins from ${event.ip}`,
        message: `${byIp} failed logins from ${event.ip} within 5 minutes`,
        data: { ip: event.ip, failed_logins: byIp },
        fingerprint: `security:login:ip:${event.ip}`,
        source: 'auth',
      });
    }
  }
}
