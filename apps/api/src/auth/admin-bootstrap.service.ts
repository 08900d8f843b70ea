import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { hashPassword } from './password.js';

/** Creates the `admin` user on first start: password from ADMIN_PASSWORD, else random and printed once. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  /** The generated password, when one was generated on this start (main.ts prints it). */
  generatedPassword: string | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const existing: unknown[] = await this.db.query(`SELECT 1 FROM users WHERE lower(username) = 'admin'`);
    if (existing.length) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO users (username, email, password_hash, role) VALUES ('admin', 'admin@localhost', $1, 'admin')
       ON CONFLICT DO NOTHING RETURNING id`,
      [await hashPassword(password)],
    );
    if (inserted.length && !this.config.adminPassword) {
      this.generatedPassword = password;
      this.logger.log('Created user "admin" with a generated password (printed once at start-up)');
    }
  }
}
