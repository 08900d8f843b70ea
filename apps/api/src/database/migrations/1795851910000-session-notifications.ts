import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL tells every instance when a session stops being what caches hold: revoked or deleted (directly, or
 * with its user), or its user's role or name changed. Each instance LISTENs on `session_changed` (the payload
 * is the session id) and drops its cached copy; this works whether or not Redis is reachable.
 */
export class SessionNotifications1795851910000 implements MigrationInterface {
  name = 'SessionNotifications1795851910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Sessions already over (the retention job deletes those) are in no cache worth telling about.
        IF OLD.revoked_at IS NOT NULL OR OLD.expires_at <= now() THEN
          RETURN NULL;
        END IF;
        PERFORM pg_notify('session_changed', OLD.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sessions_changed AFTER UPDATE OF revoked_at, expires_at, user_id OR DELETE ON sessions
      FOR EACH ROW EXECUTE FUNCTION notify_session_changed()`);
    await q.query(`
      CREATE FUNCTION notify_user_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.role IS DISTINCT FROM OLD.role OR NEW.username IS DISTINCT FROM OLD.username THEN
          PERFORM pg_notify('session_changed', s.id)
             FROM sessions s
            WHERE s.user_id = NEW.id AND s.revoked_at IS NULL AND s.expires_at > now();
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_sessions_changed AFTER UPDATE OF role, username ON users
      FOR EACH ROW EXECUTE FUNCTION notify_user_sessions_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_sessions_changed ON users`);
    await q.query(`DROP FUNCTION notify_user_sessions_changed()`);
    await q.query(`DROP TRIGGER sessions_changed ON sessions`);
    await q.query(`DROP FUNCTION notify_session_changed()`);
  }
}
