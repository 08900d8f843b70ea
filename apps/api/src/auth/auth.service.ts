import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import type { LoginResponse, UserView } from '@league/contracts';
import { DomainEvent, type LoginFailedEvent } from '../events/domain-events.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { RetryLaterException } from '../common/retry-later.exception.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword, waitingHashes } from './password.js';
import { SessionService, type CreatedSession } from './session.service.js';
import { toUserView, USER_COLUMNS, type UserRow } from './user-view.js';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  /** Fires when the client closes its connection before the answer: its password is then not hashed. */
  gone?: AbortSignal;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Each hash holds 128 MiB while it runs: beyond a bounded queue, ask the client to come back. */
  private assertHashCapacity(): void {
    if (waitingHashes() >= this.config.passwordHashQueue) {
      throw new RetryLaterException(503, 'The server is busy verifying passwords; try again in a moment', 1);
    }
  }

  async register(username: string, email: string, password: string, gone?: AbortSignal): Promise<UserView> {
    this.assertHashCapacity();
    const passwordHash = await hashPassword(password, gone);
    const rows: UserRow[] = await this.db.query(
      `INSERT INTO users (username, email, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING ${USER_COLUMNS}`,
      [username, email, passwordHash],
    );
    // One answer for a taken username and a taken email, so registration cannot tell who has an account.
    if (!rows[0]) throw new ConflictException('This username or email cannot be used; choose another, or log in');
    return toUserView(rows[0]);
  }

  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<LoginResponse & { session: CreatedSession }> {
    const attempt = await this.throttle.begin(username, client.ip);
    const rows: (UserRow & { password_hash: string })[] = await this.db.query(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE lower(username) = lower($1)`,
      [username],
    );
    const row = rows[0];
    const dummy = await DUMMY_HASH_PROMISE;
    this.assertHashCapacity();
    // Verify against a dummy hash for unknown users so both failures take the same time.
    const ok = await verifyPassword(password, row?.password_hash ?? dummy, client.gone);
    if (!row || !ok) {
      await this.throttle.record(username, client.ip, false);
      this.events.emit(DomainEvent.LoginFailed, { username, ip: client.ip, at: new Date() } satisfies LoginFailedEvent);
      throw new UnauthorizedException('Invalid username or password');
    }
    await Promise.all([this.throttle.record(username, client.ip, true), this.throttle.succeeded(attempt)]);
    // TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount].
    const [[updated]]: [UserRow[], number] = await this.db.query(
      `UPDATE users SET last_login_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [row.id],
    );
    const session = await this.sessions.create(row.id, client.ip, client.userAgent);
    return { token: session.token, expires_at: session.expiresAt.toISOString(), user: toUserView(updated), session };
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
  }

  async me(userId: number): Promise<UserView> {
    const rows: UserRow[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [userId]);
    if (!rows[0]) throw new UnauthorizedException('Session user no longer exists');
    return toUserView(rows[0]);
  }
}
