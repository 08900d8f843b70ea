import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { CacheKey } from '../cache/cache-key.js';
import { CacheService } from '../cache/cache.service.js';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';
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

/** Thrown inside a cache fetch for an unknown token: nothing is cached (random tokens must not fill the cache). */
const NO_SESSION = Symbol('no session');

/** Sessions whose cached copies may be out of date, remembered at most this many at once. */
const RECHECK_MAX = 100_000;

/** A resolved session as cached: the user and when the session ends. */
interface CachedSession {
  user: Omit<AuthUser, 'sessionId'>;
  expiresAt: number;
}

/**
 * Creates, resolves and revokes sessions. The only code that reads the sessions table. Resolved sessions are
 * cached (CacheKey.session, minutes, never past the session's own expiry), so an authenticated request costs no
 * query. Unknown tokens are not cached.
 *
 * Revocation fails closed. A session revoked, deleted, or whose user changed (PostgreSQL notifies every instance,
 * see SessionChangeListener) is resolved from PostgreSQL, bypassing every cache tier, for as long as any cached
 * copy of it could live; so a logout during a Redis outage, or a role change an instance's cache never heard
 * of, still applies at once everywhere. While the notifications cannot be received, the cache is not trusted.
 */
@Injectable()
export class SessionService {
  private readonly recheck: LRUCache<string, true>;
  /** The cache may answer from this time on (listening to notifications, and older copies expired). */
  private cacheTrustedFrom = Number.POSITIVE_INFINITY;
  private everListened = false;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: CacheService,
  ) {
    this.recheck = new LRUCache({ max: RECHECK_MAX, ttl: this.cachedCopyLifetime(), ttlAutopurge: false });
  }

  /** The longest a cached copy made now can be served: the TTL with its jitter, plus a margin. */
  private cachedCopyLifetime(): number {
    return Math.ceil(this.cache.ttlOfType('session') * 1.1) + 5_000;
  }

  /** The session changed in PostgreSQL: drop cached copies and resolve it from PostgreSQL until they are gone. */
  changed(sessionId: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(sessionId)) return Promise.resolve();
    this.recheck.set(sessionId, true);
    return this.cache.delete(CacheKey.session(sessionId)).catch(() => undefined);
  }

  /** Whether PostgreSQL's session notifications reach this instance. */
  listening(up: boolean): void {
    if (!up) {
      this.cacheTrustedFrom = Number.POSITIVE_INFINITY;
      return;
    }
    // After an outage, copies cached before it may have missed a change: trust the cache once they expired.
    this.cacheTrustedFrom = this.everListened ? Date.now() + this.cachedCopyLifetime() : 0;
    this.everListened = true;
  }

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
    const found =
      this.recheck.has(sessionId) || Date.now() < this.cacheTrustedFrom
        ? await this.loadOrCached(sessionId)
        : await this.fromCache(sessionId);
    if (!found || found.expiresAt <= Date.now()) return null;
    return { ...found.user, sessionId };
  }

  /**
   * From PostgreSQL; while PostgreSQL is unreachable, the cached copy. No session can be revoked meanwhile (a
   * logout or a role change writes to PostgreSQL first), and one another instance revoked before the outage was
   * dropped from the cache by it; a session this instance heard had changed is never taken from the cache.
   */
  private async loadOrCached(sessionId: string): Promise<CachedSession | null> {
    try {
      return await this.load(sessionId);
    } catch (error) {
      if (!isDatabaseUnavailable(error) || this.recheck.has(sessionId)) throw error;
      const cached = await this.cache.get<CachedSession>(CacheKey.session(sessionId)).catch(() => undefined);
      if (!cached) throw error;
      return cached;
    }
  }

  private async fromCache(sessionId: string): Promise<CachedSession | null> {
    const ttl = this.cache.ttlOfType('session');
    try {
      return await this.cache.getOrFetch<CachedSession>(
        CacheKey.session(sessionId),
        async () => {
          const loaded = await this.load(sessionId);
          if (!loaded) throw NO_SESSION;
          return loaded;
        },
        (found) => Math.min(ttl, found.expiresAt - Date.now()),
      );
    } catch (error) {
      if (error === NO_SESSION) return null;
      throw error;
    }
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
    // After the commit: here at once; other instances hear it from PostgreSQL and from the cache bus. The logout is
    // answered once the cached copy is gone from Redis and the bus has the message (bounded by the cache layer), so
    // the next request on another instance does not race the notification.
    await this.changed(sessionId);
    await this.cache.settleInvalidations();
  }

  /** A user's role or name changed: their live sessions are resolved afresh. */
  @OnEvent(DomainEvent.UserChanged, { promisify: true })
  async onUserChanged(event: UserChangedEvent): Promise<void> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [event.userId],
    );
    for (const row of rows) void this.changed(row.id);
  }
}
