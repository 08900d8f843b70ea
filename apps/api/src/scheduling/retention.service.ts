import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';

const DAY_MS = 24 * 3600_000;
/** How long rows stay after they stop mattering. */
export const RETENTION = {
  /** Expired or revoked sessions: kept a week for support questions ("why was I logged out?"). */
  sessionsDays: 7,
  /** Login attempts: the throttle looks back minutes, security reviews a month. */
  loginAttemptsDays: 30,
  jobRunsDays: 7,
} as const;
const BATCH = 5_000;

/**
 * Deletes old rows in batches of 5,000, each through an index, so no statement holds locks for long and a big
 * backlog never blocks logins or trades: the auth tables by fixed windows, the tables that grow with trading
 * (quote history, activities, audit logs, idempotency keys) by the configured ones (RETENTION_*).
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sessions that expired, or were revoked, more than `RETENTION.sessionsDays` ago. */
  purgeSessions(now: Date, signal?: AbortSignal): Promise<number> {
    const before = new Date(now.getTime() - RETENTION.sessionsDays * DAY_MS);
    return this.inBatches(
      `DELETE FROM sessions WHERE id IN (
         SELECT id FROM sessions WHERE expires_at < $1 OR revoked_at < $1 LIMIT ${BATCH})`,
      [before],
      signal,
    );
  }

  purgeLoginAttempts(now: Date, signal?: AbortSignal): Promise<number> {
    const before = new Date(now.getTime() - RETENTION.loginAttemptsDays * DAY_MS);
    return this.inBatches(
      `DELETE FROM login_attempts WHERE id IN (
         SELECT id FROM login_attempts WHERE created_at < $1 LIMIT ${BATCH})`,
      [before],
      signal,
    );
  }

  /** Quote prices older than RETENTION_QUOTE_HISTORY, symbol by symbol along the primary key. */
  async purgeQuoteHistory(now: Date, signal?: AbortSignal): Promise<number> {
    const before = new Date(now.getTime() - this.config.retention.quoteHistoryMs);
    const symbols: { symbol: string }[] = await this.db.query(`SELECT symbol FROM quotes ORDER BY symbol`);
    let total = 0;
    for (const { symbol } of symbols) {
      total += await this.inBatches(
        `DELETE FROM quote_history WHERE (symbol, recorded_at) IN (
           SELECT symbol, recorded_at FROM quote_history WHERE symbol = $1 AND recorded_at < $2 LIMIT ${BATCH})`,
        [symbol, before],
        signal,
      );
    }
    return total;
  }

  /** League activity feed entries older than RETENTION_ACTIVITIES (the trades themselves stay). */
  purgeActivities(now: Date, signal?: AbortSignal): Promise<number> {
    const before = new Date(now.getTime() - this.config.retention.activitiesMs);
    return this.inBatches(
      `DELETE FROM activities WHERE id IN (SELECT id FROM activities WHERE created_at < $1 LIMIT ${BATCH})`,
      [before],
      signal,
    );
  }

  /** Audit log entries older than RETENTION_AUDIT_LOGS. */
  purgeAuditLogs(now: Date, signal?: AbortSignal): Promise<number> {
    const before = new Date(now.getTime() - this.config.retention.auditLogsMs);
    return this.inBatches(
      `DELETE FROM audit_logs WHERE id IN (SELECT id FROM audit_logs WHERE created_at < $1 LIMIT ${BATCH})`,
      [before],
      signal,
    );
  }

  /** Idempotency keys past TRADE_IDEMPOTENCY_TTL (an order treats them as unused already). */
  purgeIdempotencyKeys(now: Date, signal?: AbortSignal): Promise<number> {
    const before = new Date(now.getTime() - this.config.trading.idempotencyKeyTtlMs);
    return this.inBatches(
      `DELETE FROM trade_idempotency_keys WHERE (user_id, key) IN (
         SELECT user_id, key FROM trade_idempotency_keys WHERE created_at < $1 LIMIT ${BATCH})`,
      [before],
      signal,
    );
  }

  private async inBatches(sql: string, params: unknown[], signal?: AbortSignal): Promise<number> {
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const [, deleted] = (await this.db.query(sql, params)) as [unknown[], number];
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
