import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent orders, replayable prices and option settlement:
 * - `trade_idempotency_keys`: one row per (user, Idempotency-Key), written in the order's own transaction, so a
 *   retry finds either the committed answer or waits on the first attempt's row lock.
 * - `quote_history.draw`: the standard normal draw that moved the price, so a path from a cryptographic source
 *   can still be replayed exactly.
 * - a partial index on option positions by expiration, for the daily settlement.
 */
export class TradingIntegrity1796084143988 implements MigrationInterface {
  name = 'TradingIntegrity1796084143988';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trade_idempotency_keys (
        user_id      integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key          text NOT NULL,
        request_hash text NOT NULL,
        trade_id     bigint,
        response     jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX trade_idempotency_keys_created_at_idx ON trade_idempotency_keys (created_at)`);
    await q.query(`ALTER TABLE quote_history ADD COLUMN draw double precision`);
    await q.query(`CREATE INDEX positions_option_expiration_idx ON positions (expiration) WHERE asset_type = 'option'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX positions_option_expiration_idx`);
    await q.query(`ALTER TABLE quote_history DROP COLUMN draw`);
    await q.query(`DROP TABLE trade_idempotency_keys`);
  }
}
