import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trading core additions: each quote's volatility (the GBM volatility and the options' implied volatility),
 * realized P&L of closing trades (user stats: win rate, best trade), SQL functions that mark option positions
 * to Black-Scholes so a leaderboard stays one query, and the indexes of the trading read paths.
 */
export class TradingValuation1795851830028 implements MigrationInterface {
  name = 'TradingValuation1795851830028';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quotes ADD COLUMN volatility numeric(6, 4) NOT NULL DEFAULT 0.3 CHECK (volatility > 0)`);
    await q.query(`ALTER TABLE trades ADD COLUMN realized_pnl numeric(20, 2)`);

    // Standard normal CDF, Abramowitz & Stegun 7.1.26: the same formula as market/black-scholes.ts.
    // |x| is capped so exp() never underflows (PostgreSQL raises on float underflow).
    await q.query(`
      CREATE FUNCTION norm_cdf(x double precision) RETURNS double precision
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN x >= 0 THEN 0.5 * (1 + e) ELSE 0.5 * (1 - e) END
        FROM (
          SELECT 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                 * t * exp(-z * z)) AS e
          FROM (SELECT 1 / (1 + 0.3275911 * z) AS t, z FROM (SELECT least(abs(x) / sqrt(2), 10) AS z) a) b
        ) c
      $$`);

    // Black-Scholes value of one share of an option at time "as_of"; intrinsic value once expired.
    await q.query(`
      CREATE FUNCTION option_mark(option_type text, spot double precision, strike double precision,
                                  expires_at timestamptz, vol double precision, rate double precision,
                                  as_of timestamptz) RETURNS double precision
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        t  double precision := greatest(extract(epoch FROM (expires_at - as_of)), 0) / (365.0 * 86400);
        d1 double precision;
        d2 double precision;
      BEGIN
        IF t <= 0 OR vol <= 0 THEN
          RETURN CASE WHEN option_type = 'call' THEN greatest(spot - strike, 0) ELSE greatest(strike - spot, 0) END;
        END IF;
        d1 := (ln(spot / strike) + (rate + vol * vol / 2) * t) / (vol * sqrt(t));
        d2 := d1 - vol * sqrt(t);
        IF option_type = 'call' THEN
          RETURN spot * norm_cdf(d1) - strike * exp(-rate * t) * norm_cdf(d2);
        END IF;
        RETURN strike * exp(-rate * t) * norm_cdf(-d2) - spot * norm_cdf(-d1);
      END $$`);

    // A member's trades in one league, newest first (GET /trades?user_id=).
    await q.query(
      `CREATE INDEX trades_league_user_executed_idx ON trades (league_id, user_id, executed_at DESC, id DESC)`,
    );
    // League stats (volume, top symbols) from the index alone.
    await q.query(`CREATE INDEX trades_league_symbol_idx ON trades (league_id, symbol) INCLUDE (amount)`);
    // User stats (win rate, best trade) from the index alone.
    await q.query(`CREATE INDEX trades_user_pnl_idx ON trades (user_id) INCLUDE (realized_pnl, side)`);
    // A user's positions across leagues (user stats).
    await q.query(`CREATE INDEX positions_user_id_idx ON positions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX positions_user_id_idx`);
    await q.query(`DROP INDEX trades_user_pnl_idx`);
    await q.query(`DROP INDEX trades_league_symbol_idx`);
    await q.query(`DROP INDEX trades_league_user_executed_idx`);
    await q.query(`DROP FUNCTION option_mark`);
    await q.query(`DROP FUNCTION norm_cdf`);
    await q.query(`ALTER TABLE trades DROP COLUMN realized_pnl`);
    await q.query(`ALTER TABLE quotes DROP COLUMN volatility`);
  }
}
