import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { CacheKey } from '../cache/cache-key.js';
import { CacheService } from '../cache/cache.service.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { DomainEvent, type UserChangedEvent } from '../events/domain-events.js';
import type { AuthUser } from './auth-user.js';
import { newSessionToken, sessionIdOf } from './session-token.js';

export interface CreatedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** A resolved session as cached: the user and when the session ends. */
interface CachedSession {
  user: Omit<AuthUser, 'sessionId'>;
  expiresAt: number;
}

/**
 * Creates, resolves and revokes sessions. The only code that reads the sessions table. Resolved sessions are
 * cached (CacheKey.session, 24 h but never past the session's own expiry), so an authenticated request costs
 * no query; revoking deletes the entry on every instance at once.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: CacheService,
  ) {}

  async create(userId: number, ip: string | null, userAgent: string | null): Promise<CreatedSession> {
    const token = newSessionToken();
    const sessionId = sessionIdOf(token);
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    await this.db.query(`INSERT INTO sessions (id, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)`, [
      sessionId,
      userId,
      expiresAt,
      ip,
      userAgent?.slice(0, 300) ?? null,
    ]);
    return { token, sessionId, expiresAt };
  }

  /** The user of a live (unexpired, unrevoked) session, or null. */
  async resolve(sessionId: string): Promise<AuthUser | null> {
    const ttl = this.cache.ttlOfType('session');
    const cached = await this.cache.getOrFetch<CachedSession | null>(
      CacheKey.session(sessionId),
      () => this.load(sessionId),
      (found) => (found ? Math.min(ttl, found.expiresAt - Date.now()) : ttl),
    );
    if (!cached || cached.expiresAt <= Date.now()) return null;
    return { ...cached.user, sessionId };
  }

  private async load(sessionId: string): Promise<CachedSession | null> {
    const rows: { id: number; username: string; role: AuthUser['role']; expires_at: Date }[] = await this.db.query(
      `SELECT u.id, u.username, u.role, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [sessionId],
    );
    const row = rows[0];
    return row
      ? { user: { id: row.id, username: row.username, role: row.role }, expiresAt: new Date(row.expires_at).getTime() }
      : null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
    // After the commit: every instance drops the cached session (pub/sub), so the token stops working at once.
    await this.cache.delete(CacheKey.session(sessionId));
  }

  /** A user's role or name changed: their live sessions are resolved afresh. */
  @OnEvent(DomainEvent.UserChanged, { promisify: true })
  async onUserChanged(event: UserChangedEvent): Promise<void> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [event.userId],
    );
    if (rows.length) await this.cache.delete(rows.map((r) => CacheKey.session(r.id)));
  }
}
