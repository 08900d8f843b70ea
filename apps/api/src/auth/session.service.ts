import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import type { AuthUser } from './auth-user.js';
import { newSessionToken, sessionIdOf } from './session-token.js';

export interface CreatedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Creates, resolves and revokes sessions. The only code that reads the sessions table. */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const rows: { id: number; username: string; role: AuthUser['role'] }[] = await this.db.query(
      `SELECT u.id, u.username, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [sessionId],
    );
    const row = rows[0];
    return row ? { id: row.id, username: row.username, role: row.role, sessionId } : null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }
}
