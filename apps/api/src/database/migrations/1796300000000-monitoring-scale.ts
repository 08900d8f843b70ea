import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitoring at scale:
 * - `trade_rollup_league_daily` holds complete UTC days per league, summed from the hourly rollups, so a 30-day
 *   league ranking reads about 30 rows per league instead of 720. Filled here from the hourly rows already present.
 * - indexes behind the server-side sort orders of alerts (last seen, created) and job runs (duration, outcome).
 */
export class MonitoringScale1796300000000 implements MigrationInterface {
  name = 'MonitoringScale1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trade_rollup_league_daily (
        day       date NOT NULL,
        league_id integer NOT NULL,
        trades    integer NOT NULL,
        buys      integer NOT NULL,
        sells     integer NOT NULL,
        shares    bigint NOT NULL,
        volume    numeric(24, 2) NOT NULL,
        PRIMARY KEY (day, league_id)
      )`);
    await q.query(`
      INSERT INTO trade_rollup_league_daily (day, league_id, trades, buys, sells, shares, volume)
      SELECT (hour AT TIME ZONE 'UTC')::date, league_id, sum(trades), sum(buys), sum(sells), sum(shares), sum(volume)
        FROM trade_rollup_league_hourly GROUP BY 1, 2`);
    await q.query(`CREATE INDEX system_alerts_last_seen_idx ON system_alerts (last_seen, id)`);
    await q.query(`CREATE INDEX system_alerts_created_at_idx ON system_alerts (created_at, id)`);
    await q.query(`CREATE INDEX job_runs_duration_idx ON job_runs (duration_ms, id)`);
    await q.query(`CREATE INDEX job_runs_outcome_started_idx ON job_runs (outcome, started_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX job_runs_outcome_started_idx, job_runs_duration_idx`);
    await q.query(`DROP INDEX system_alerts_created_at_idx, system_alerts_last_seen_idx`);
    await q.query(`DROP TABLE trade_rollup_league_daily`);
  }
}
