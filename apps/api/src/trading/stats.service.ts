import { Injectable, NotFoundException } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import type { AssetType, LeagueStats, OptionType, UserStats } from '@league/contracts';
import { RISK_FREE_RATE } from '../market/black-scholes.js';
import { optionInstrument } from '../market/option-contract.js';
import { cents, percent } from './money.js';
import { multiplierSql, positionPriceSql } from './position-valuation.js';

const TOP_SYMBOLS = 5;

/** League and user statistics, one query each (aggregates read from covering indexes, see docs/queries.md). */
@Injectable()
export class StatsService {
  constructor(private readonly db: DataSource) {}

  async league(leagueId: number, now = new Date()): Promise<LeagueStats> {
    const rows: {
      starting_cash: string;
      members: string;
      avg_value: string | null;
      symbols: { symbol: string; trades: number; volume: string }[];
      last_trade_at: Date | null;
    }[] = await this.db.query(
      `WITH by_symbol AS (
         SELECT symbol, count(*) AS trades, sum(amount) AS volume FROM trades WHERE league_id = $1 GROUP BY symbol),
       pv AS (
         SELECT p.user_id, sum(p.quantity * ${multiplierSql('p')} * ${positionPriceSql('p', 'q', '$2', '$3')}) AS value
         FROM positions p JOIN quotes q ON q.symbol = p.symbol WHERE p.league_id = $1 GROUP BY p.user_id),
       vals AS (
         SELECT count(*) AS members, avg(m.cash + coalesce(pv.value, 0)) AS avg_value
         FROM league_members m LEFT JOIN pv ON pv.user_id = m.user_id WHERE m.league_id = $1)
       SELECT l.starting_cash, vals.members, vals.avg_value,
              coalesce((SELECT json_agg(json_build_object('symbol', symbol, 'trades', trades, 'volume', volume::text)
                                        ORDER BY trades DESC, volume DESC, symbol) FROM by_symbol), '[]') AS symbols,
              (SELECT executed_at FROM trades WHERE league_id = $1 ORDER BY executed_at DESC LIMIT 1) AS last_trade_at
       FROM leagues l CROSS JOIN vals WHERE l.id = $1`,
      [leagueId, RISK_FREE_RATE, now],
    );
    const row = rows[0];
    if (!row) throw new NotFoundException(`League ${leagueId} not found`);
    const start = new Decimal(row.starting_cash);
    let trades = 0;
    let volume = new Decimal(0);
    for (const s of row.symbols) {
      trades += Number(s.trades);
      volume = volume.plus(s.volume);
    }
    return {
      league_id: leagueId,
      members: Number(row.members),
      trades,
      volume: cents(volume),
      top_symbols: row.symbols.slice(0, TOP_SYMBOLS).map((s) => ({
        symbol: s.symbol,
        trades: Number(s.trades),
        volume: cents(s.volume),
      })),
      average_return_pct: row.avg_value === null ? 0 : percent(new Decimal(row.avg_value).minus(start), start),
      last_trade_at: row.last_trade_at ? new Date(row.last_trade_at).toISOString() : null,
    };
  }

  async user(userId: number, now = new Date()): Promise<UserStats> {
    const rows: {
      username: string;
      trades: string;
      closes: string;
      wins: string;
      leagues: string;
      start: string | null;
      value: string | null;
      best_id: string | null;
      best_league_id: number;
      best_symbol: string;
      best_asset_type: AssetType;
      best_option_type: OptionType | null;
      best_strike: string | null;
      best_expiration: string | null;
      best_pnl: string;
      best_at: Date;
    }[] = await this.db.query(
      `WITH t AS (
         SELECT count(*) AS trades, count(realized_pnl) AS closes, count(*) FILTER (WHERE realized_pnl > 0) AS wins
         FROM trades WHERE user_id = $1),
       best AS (
         SELECT id, league_id, symbol, asset_type, option_type, strike, expiration::text AS expiration, realized_pnl,
                executed_at
         FROM trades WHERE user_id = $1 AND realized_pnl IS NOT NULL ORDER BY realized_pnl DESC, id LIMIT 1),
       pv AS (
         SELECT p.league_id, sum(p.quantity * ${multiplierSql('p')} * ${positionPriceSql('p', 'q', '$2', '$3')}) AS value
         FROM positions p JOIN quotes q ON q.symbol = p.symbol WHERE p.user_id = $1 GROUP BY p.league_id),
       lv AS (
         SELECT count(*) AS leagues, sum(l.starting_cash) AS start, sum(m.cash + coalesce(pv.value, 0)) AS value
         FROM league_members m JOIN leagues l ON l.id = m.league_id LEFT JOIN pv ON pv.league_id = m.league_id
         WHERE m.user_id = $1)
       SELECT u.username, t.*, lv.*, best.id AS best_id, best.league_id AS best_league_id, best.symbol AS best_symbol,
              best.asset_type AS best_asset_type, best.option_type AS best_option_type, best.strike AS best_strike,
              best.expiration AS best_expiration, best.realized_pnl AS best_pnl, best.executed_at AS best_at
       FROM users u CROSS JOIN t CROSS JOIN lv LEFT JOIN best ON true WHERE u.id = $1`,
      [userId, RISK_FREE_RATE, now],
    );
    const r = rows[0];
    if (!r) throw new NotFoundException(`User ${userId} not found`);
    const start = new Decimal(r.start ?? 0);
    const value = new Decimal(r.value ?? 0);
    const closes = Number(r.closes);
    return {
      user_id: userId,
      username: r.username,
      trades: Number(r.trades),
      win_rate_pct: closes ? percent(Number(r.wins), closes) : null,
      best_trade:
        r.best_id === null
          ? null
          : {
              trade_id: Number(r.best_id),
              league_id: r.best_league_id,
              symbol: r.best_symbol,
              instrument:
                r.best_asset_type === 'option'
                  ? optionInstrument(r.best_symbol, r.best_option_type!, r.best_expiration!, r.best_strike!)
                  : r.best_symbol,
              realized_pnl: cents(r.best_pnl),
              executed_at: new Date(r.best_at).toISOString(),
            },
      leagues: Number(r.leagues),
      total_return_pct: percent(value.minus(start), start),
      total_value: cents(value),
    };
  }
}
