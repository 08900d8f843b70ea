import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
 * Deletes old rows of the auth tables in batches of 5,000, so no statement holds locks for long and a big
 * backlog never blocks logins.
 */
@Injectable()
export class RetentionService {
  constructor(private readonly db: DataSource) {}

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
