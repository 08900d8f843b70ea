import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';

/** An IP may fail this many times the per-username limit (it may be a NAT shared by many users). */
const IP_LIMIT_FACTOR = 5;

/**
 * Login throttling per username and per IP, counted from the login_attempts table so that every
 * instance behind a load balancer enforces the same limits.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 429 when the username or the IP has failed too often within the window. */
  async assertAllowed(username: string, ip: string): Promise<void> {
    const { limit, windowMs } = this.config.loginThrottle;
    const since = new Date(Date.now() - windowMs);
    const [row]: { by_user: number; by_ip: number }[] = await this.db.query(
      `SELECT
         (SELECT count(*)::int FROM login_attempts WHERE lower(username) = lower($1) AND NOT success AND created_at > $3) AS by_user,
         (SELECT count(*)::int FROM login_attempts WHERE ip = $2 AND NOT success AND created_at > $3) AS by_ip`,
      [username, ip, since],
    );
    if (row.by_user >= limit || row.by_ip >= limit * IP_LIMIT_FACTOR) {
      throw new HttpException(
        `Too many failed logins; try again in ${Math.ceil(windowMs / 60_000)} minutes`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  async record(username: string, ip: string, success: boolean): Promise<void> {
    await this.db.query(`INSERT INTO login_attempts (username, ip, success) VALUES ($1, $2, $3)`, [
      username.slice(0, 100),
      ip,
      success,
    ]);
  }
}
