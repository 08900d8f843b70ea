import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import type { AssetType, OptionType, Portfolio, Position } from '@league/contracts';
import { RISK_FREE_RATE } from '../market/black-scholes.js';
import { cents, percent } from './money.js';
import { multiplierSql, positionPriceSql } from './position-valuation.js';

interface PortfolioRow {
  starting_cash: string;
  username: string | null;
  cash: string | null;
  instrument: string | null;
  symbol: string;
  asset_type: AssetType;
  option_type: OptionType | null;
  strike: string | null;
  expiration: string | null;
  quantity: number;
  avg_cost: string;
  price: string;
  multiplier: number;
}

/** A member's positions valued at current prices, with totals, in one query. */
@Injectable()
export class PortfolioService {
  constructor(private readonly db: DataSource) {}

  /**
   * `self`: the caller asks for their own portfolio (not a member: 403, as for trading); otherwise another
   * member's (not a member: 404).
   */
  async get(userId: number, leagueId: number, now = new Date(), self = false): Promise<Portfolio> {
    const rows: PortfolioRow[] = await this.db.query(
      `WITH mem AS (
         SELECT m.cash, u.username FROM league_members m JOIN users u ON u.id = m.user_id
         WHERE m.league_id = $1 AND m.user_id = $2),
       pos AS (
         SELECT p.instrument, p.symbol, p.asset_type, p.option_type, p.strike, p.expiration::text AS expiration,
                p.quantity, p.avg_cost, ${positionPriceSql('p', 'q', '$3', '$4')} AS price, ${multiplierSql('p')} AS multiplier
         FROM positions p JOIN quotes q ON q.symbol = p.symbol
         WHERE p.league_id = $1 AND p.user_id = $2)
       SELECT l.starting_cash, mem.username, mem.cash, pos.*
       FROM leagues l LEFT JOIN mem ON true LEFT JOIN pos ON mem.username IS NOT NULL
       WHERE l.id = $1 ORDER BY pos.instrument`,
      [leagueId, userId, RISK_FREE_RATE, now],
    );
    if (!rows[0]) throw new NotFoundException(`League ${leagueId} not found`);
    if (rows[0].username === null) {
      if (self) throw new ForbiddenException('You are not a member of this league; join it to have a portfolio');
      throw new NotFoundException(`User ${userId} is not a member of league ${leagueId}`);
    }
    const start = new Decimal(rows[0].starting_cash);
    const cash = new Decimal(rows[0].cash!);
    let value = new Decimal(0);
    let cost = new Decimal(0);
    const positions: Position[] = rows
      .filter((r) => r.instrument !== null)
      .map((r) => {
        const marketValue = new Decimal(r.price).times(r.quantity).times(r.multiplier);
        const basis = new Decimal(r.avg_cost).times(r.quantity).times(r.multiplier);
        value = value.plus(marketValue);
        cost = cost.plus(basis);
        return {
          instrument: r.instrument!,
          symbol: r.symbol,
          asset_type: r.asset_type,
          option_type: r.option_type,
          strike: r.strike === null ? null : cents(r.strike),
          expiration: r.expiration,
          quantity: r.quantity,
          avg_cost: cents(r.avg_cost),
          price: cents(r.price),
          market_value: cents(marketValue),
          cost_basis: cents(basis),
          unrealized_pnl: cents(marketValue.minus(basis)),
          unrealized_pnl_pct: percent(marketValue.minus(basis), basis),
        };
      });
    const total = cash.plus(value);
    return {
      league_id: leagueId,
      user_id: userId,
      username: rows[0].username,
      cash: cents(cash),
      positions,
      positions_value: cents(value),
      total_value: cents(total),
      starting_cash: cents(start),
      unrealized_pnl: cents(value.minus(cost)),
      return_pct: percent(total.minus(start), start),
    };
  }
}
