import { Injectable, NotFoundException } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import type { Leaderboard } from '@league/contracts';
import { RISK_FREE_RATE } from '../market/black-scholes.js';
import { cents, percent } from './money.js';
import { multiplierSql, positionPriceSql } from './position-valuation.js';

export const LEADERBOARD_PAGE_SIZE = 50;

/**
 * Members ranked by portfolio value (cash + positions at current prices), in one query. Equal values share a
 * rank (1, 1, 3) and are ordered by user id, so pages never overlap or skip a member.
 */
@Injectable()
export class LeaderboardService {
  constructor(private readonly db: DataSource) {}

  async getPage(leagueId: number, page: number, now = new Date()): Promise<Leaderboard> {
    const rows: {
      starting_cash: string;
      total: string | null;
      rank: string | null;
      user_id: number | null;
      username: string;
      cash: string;
      value: string;
    }[] = await this.db.query(
      `WITH pv AS (
         SELECT p.user_id, sum(p.quantity * ${multiplierSql('p')} * ${positionPriceSql('p', 'q', '$4', '$5')}) AS value
         FROM positions p JOIN quotes q ON q.symbol = p.symbol
         WHERE p.league_id = $1 GROUP BY p.user_id),
       ranked AS (
         SELECT m.user_id, u.username, m.cash, m.cash + coalesce(pv.value, 0) AS value,
                rank() OVER (ORDER BY m.cash + coalesce(pv.value, 0) DESC) AS rank, count(*) OVER () AS total
         FROM league_members m JOIN users u ON u.id = m.user_id LEFT JOIN pv ON pv.user_id = m.user_id
         WHERE m.league_id = $1
         ORDER BY value DESC, m.user_id LIMIT $2 OFFSET $3)
       SELECT l.starting_cash, r.* FROM leagues l LEFT JOIN ranked r ON true WHERE l.id = $1
       ORDER BY r.value DESC, r.user_id`,
      [leagueId, LEADERBOARD_PAGE_SIZE, (page - 1) * LEADERBOARD_PAGE_SIZE, RISK_FREE_RATE, now],
    );
    if (!rows[0]) throw new NotFoundException(`League ${leagueId} not found`);
    const start = new Decimal(rows[0].starting_cash);
    const entries = rows.filter((r) => r.user_id !== null);
    // An empty page past the end still tells the total: count it separately only then.
    const total = entries.length ? Number(entries[0].total) : await this.count(leagueId);
    return {
      league_id: leagueId,
      page,
      page_size: LEADERBOARD_PAGE_SIZE,
      total,
      items: entries.map((r) => ({
        rank: Number(r.rank),
        user_id: r.user_id!,
        username: r.username,
        portfolio_value: cents(r.value),
        cash: cents(r.cash),
        return_pct: percent(new Decimal(r.value).minus(start), start),
      })),
    };
  }

  private async count(leagueId: number): Promise<number> {
    const [row]: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM league_members WHERE league_id = $1`,
      [leagueId],
    );
    return Number(row.n);
  }
}
