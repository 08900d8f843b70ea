import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1764300000000 implements MigrationInterface {
  name = 'Auth1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username      text NOT NULL,
        email         text NOT NULL,
        password_hash text NOT NULL,
        role          text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
        created_at    timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_last_login_at_idx ON users (last_login_at)`);
    await q.query(`CREATE INDEX users_created_at_idx ON users (created_at)`);
    await q.query(`
      CREATE TABLE sessions (
        id         text PRIMARY KEY,
        user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip         text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE login_attempts (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username   text NOT NULL,
        ip         text NOT NULL,
        success    boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX login_attempts_username_idx ON login_attempts (lower(username), created_at) WHERE NOT success`,
    );
    await q.query(`CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, created_at) WHERE NOT success`);
    await q.query(`CREATE INDEX login_attempts_created_at_idx ON login_attempts (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
  }
}
