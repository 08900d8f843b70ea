import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TradeRollups } from '../../monitoring/trade-rollups.service.js';

/**
 * Which keys are worth warming: the most active leagues, the most traded symbols and the most active users over a
 * recent window. League and symbol activity come from monitoring's trade rollups (complete hours pre-aggregated,
 * raw trades only at the window's edges), so picking them costs a few small reads even on millions of trades.
 */
@Injectable()
export class WarmCandidates {
  constructor(
    private readonly db: DataSource,
    private readonly rollups: TradeRollups,
  ) {}

  /**
   * Ids of up to `limit` active (not archived) leagues, most trades since `since` first; when fewer leagues
   * traded, the rest are those with the latest trade (one index probe each on trades (league_id, executed_at)).
   */
  async activeLeagues(limit: number, since: Date, now = new Date()): Promise<number[]> {
    if (limit <= 0) return [];
    const totals = await this.rollups.leagueTotals(since, now);
    const rows: { id: number }[] = await this.db.query(
      `SELECT l.id FROM leagues l
         LEFT JOIN unnest($1::int[], $2::int[]) AS t(league_id, trades) ON t.league_id = l.id
        WHERE l.status = 'active'
        ORDER BY t.trades DESC NULLS LAST,
                 (SELECT max(executed_at) FROM trades WHERE league_id = l.id) DESC NULLS LAST, l.id
        LIMIT $3`,
      [totals.map((t) => t.league_id), totals.map((t) => t.trades), limit],
    );
    return rows.map((r) => r.id);
  }

  /** Up to `limit` symbols, most trades (buys and sells) since `since` first; symbols nobody traded are left out. */
  async mostTradedSymbols(limit: number, since: Date, now = new Date()): Promise<string[]> {
    if (limit <= 0) return [];
    const trades = new Map<string, number>();
    for (const row of await this.rollups.symbolTotals(since, now)) {
      trades.set(row.symbol, (trades.get(row.symbol) ?? 0) + row.trades);
    }
    return [...trades.entries()]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, limit)
      .map(([symbol]) => symbol);
  }

  /**
   * Up to `limit` user ids: most trades since `since` first (trades (executed_at) index range), then users who
   * logged in since then, latest first.
   */
  async mostActiveUsers(limit: number, since: Date): Promise<number[]> {
    if (limit <= 0) return [];
    const rows: { id: number }[] = await this.db.query(
      `WITH traders AS (
         SELECT user_id, count(*) AS trades FROM trades WHERE executed_at >= $1
          GROUP BY user_id ORDER BY trades DESC, user_id LIMIT $2),
       visitors AS (
         SELECT id, last_login_at FROM users
          WHERE last_login_at >= $1 AND id NOT IN (SELECT user_id FROM traders)
          ORDER BY last_login_at DESC, id LIMIT $2)
       SELECT id FROM (
         SELECT user_id AS id, 0 AS tier, trades, NULL::timestamptz AS seen FROM traders
         UNION ALL
         SELECT id, 1, 0, last_login_at FROM visitors) c
       ORDER BY tier, trades DESC, seen DESC, id
       LIMIT $2`,
      [since, limit],
    );
    return rows.map((r) => r.id);
  }
}
