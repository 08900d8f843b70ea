import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RetryLaterException } from '../common/retry-later.exception.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { clientBucket } from './client-address.js';
import { RateCounter } from './rate-counter.js';

/** A username may be tried this many times the per-(username, client) limit from all clients together. */
const USER_LIMIT_FACTOR = 5;
/** A client may try this many times the limit over all usernames (it may be a NAT shared by many users). */
const CLIENT_LIMIT_FACTOR = 5;

/** The counters one attempt goes to; released again by a successful login. */
export interface LoginAttempt {
  keys: string[];
}

/**
 * Login throttling that holds under bursts and across instances. Each attempt is counted atomically *before* the
 * password is verified, per (username, client), per username (looser: a stranger elsewhere cannot lock a user out
 * with the strict limit), and per client. Over any limit: 429 with Retry-After, and no hash is computed. A
 * successful login takes its hits back. Attempts are also recorded in login_attempts for monitoring.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly db: DataSource,
    private readonly counter: RateCounter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the attempt; throws 429 when it is over a limit. */
  async begin(username: string, ip: string): Promise<LoginAttempt> {
    const { limit, windowMs } = this.config.loginThrottle;
    const user = username.trim().toLowerCase().slice(0, 100);
    const client = clientBucket(ip);
    const limits: Array<[string, number]> = [
      [`login:user-client:${user}|${client}`, limit],
      [`login:user:${user}`, limit * USER_LIMIT_FACTOR],
      [`login:client:${client}`, limit * CLIENT_LIMIT_FACTOR],
    ];
    const hits = await Promise.all(limits.map(([key]) => this.counter.hit(key, windowMs)));
    const attempt = { keys: limits.map(([key]) => key) };
    const over = hits.filter((hit, i) => hit.count > limits[i][1]);
    if (over.length) {
      const retryAfterMs = Math.max(...over.map((hit) => hit.resetInMs));
      throw new RetryLaterException(
        429,
        `Too many login attempts; try again in ${Math.max(1, Math.ceil(retryAfterMs / 60_000))} minutes`,
        retryAfterMs / 1000,
      );
    }
    return attempt;
  }

  /** A successful login: its hits no longer count. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all(attempt.keys.map((key) => this.counter.refund(key)));
  }

  async record(username: string, ip: string, success: boolean): Promise<void> {
    await this.db.query(`INSERT INTO login_attempts (username, ip, success) VALUES ($1, $2, $3)`, [
      username.slice(0, 100),
      ip,
      success,
    ]);
  }
}
