import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fixed-window counters of the login throttle and rate limits, used while Redis is unreachable. */
export class RateCounters1795851900000 implements MigrationInterface {
  name = 'RateCounters1795851900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_counters (
        key       text PRIMARY KEY,
        count     integer NOT NULL,
        resets_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_counters_resets_at_idx ON rate_counters (resets_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_counters`);
  }
}
