import { Injectable, Logger } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { CacheInvalidator } from '../cache/cache-invalidator.js';
import { CONTRACT_MULTIPLIER } from '../market/option-contract.js';
import { cents } from './money.js';

export interface SettlementResult {
  /** Expired positions closed. */
  settled: number;
  /** Cash paid out, in total. */
  paid: number;
}

interface ExpiredPosition {
  league_id: number;
  user_id: number;
  instrument: string;
}

interface Closed {
  symbol: string;
  option_type: 'call' | 'put';
  strike: string;
  expiration: string;
  quantity: number;
  avg_cost: string;
  username: string;
  /** The underlying's price at expiration (21:00 UTC), in cents: the last one recorded by then. */
  underlying: string;
}

/**
 * Settles expired option positions at intrinsic value, as an exchange would after expiration: the position goes,
 * the member's cash receives quantity x 100 x intrinsic value (0 out of the money), and the ledger gets a closing
 * `sell` trade (so cash still adds up from the trades) and an `option_expired` activity. One transaction per
 * position, locking the member row as an order does, so it never races a member's own orders.
 */
@Injectable()
export class OptionSettlement {
  private readonly logger = new Logger(OptionSettlement.name);

  constructor(
    private readonly db: DataSource,
    private readonly invalidator: CacheInvalidator,
  ) {}

  async settleExpired(now = new Date(), signal?: AbortSignal): Promise<SettlementResult> {
    const expired: ExpiredPosition[] = await this.db.query(
      `SELECT league_id, user_id, instrument FROM positions
       WHERE asset_type = 'option' AND (expiration + time '21:00') AT TIME ZONE 'UTC' <= $1
       ORDER BY league_id, user_id, instrument`,
      [now],
    );
    let settled = 0;
    let paid = new Decimal(0);
    const touched = new Map<string, ExpiredPosition>();
    for (const position of expired) {
      signal?.throwIfAborted();
      const amount = await this.settle(position, now);
      if (amount === null) continue;
      settled++;
      paid = paid.plus(amount);
      touched.set(`${position.league_id}:${position.user_id}`, position);
    }
    // Committed: each settled member's portfolio, stats and the league's boards.
    for (const { user_id, league_id } of touched.values()) {
      await this.invalidator.invalidateTradeImpact(user_id, league_id);
    }
    if (settled) this.logger.log(`Settled ${settled} expired option positions, paid ${paid.toFixed(2)}`);
    return { settled, paid: cents(paid) };
  }

  /** Closes one position; null when another run already did. */
  private settle(position: ExpiredPosition, now: Date): Promise<Decimal | null> {
    const { league_id: leagueId, user_id: userId, instrument } = position;
    return this.db.transaction(async (m) => {
      await m.query(`SELECT 1 FROM league_members WHERE league_id = $1 AND user_id = $2 FOR UPDATE`, [
        leagueId,
        userId,
      ]);
      const [closed]: Closed[] = await m.query(
        `WITH gone AS (
           DELETE FROM positions WHERE league_id = $1 AND user_id = $2 AND instrument = $3 AND asset_type = 'option'
           RETURNING symbol, option_type, strike, expiration, quantity, avg_cost)
         SELECT g.symbol, g.option_type, g.strike::text AS strike, g.expiration::text AS expiration, g.quantity,
                g.avg_cost::text AS avg_cost, (SELECT username FROM users WHERE id = $2) AS username,
                round(coalesce(
                  (SELECT h.price FROM quote_history h WHERE h.symbol = g.symbol
                     AND h.recorded_at <= (g.expiration + time '21:00') AT TIME ZONE 'UTC'
                   ORDER BY h.recorded_at DESC LIMIT 1),
                  (SELECT q.price FROM quotes q WHERE q.symbol = g.symbol)), 2)::text AS underlying
         FROM gone g`,
        [leagueId, userId, instrument],
      );
      if (!closed) return null;
      const underlying = new Decimal(closed.underlying);
      const strike = new Decimal(closed.strike);
      const intrinsic = Decimal.max(
        closed.option_type === 'call' ? underlying.minus(strike) : strike.minus(underlying),
        0,
      );
      const shares = closed.quantity * CONTRACT_MULTIPLIER;
      const amount = intrinsic.times(shares);
      const realized = intrinsic.minus(closed.avg_cost).times(shares).toDecimalPlaces(2);
      await m.query(`UPDATE league_members SET cash = cash + $3 WHERE league_id = $1 AND user_id = $2`, [
        leagueId,
        userId,
        amount.toFixed(2),
      ]);
      const [trade]: { id: string }[] = await m.query(
        `INSERT INTO trades (league_id, user_id, symbol, side, asset_type, option_type, strike, expiration, quantity,
                             price, amount, realized_pnl, executed_at)
         VALUES ($1, $2, $3, 'sell', 'option', $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          leagueId,
          userId,
          closed.symbol,
          closed.option_type,
          closed.strike,
          closed.expiration,
          closed.quantity,
          intrinsic.toFixed(2),
          amount.toFixed(2),
          realized.toFixed(2),
          now,
        ],
      );
      await m.query(
        `INSERT INTO activities (league_id, user_id, type, payload, created_at)
         VALUES ($1, $2, 'option_expired', $3, $4)`,
        [
          leagueId,
          userId,
          JSON.stringify({
            trade_id: Number(trade.id),
            username: closed.username,
            symbol: closed.symbol,
            instrument,
            quantity: closed.quantity,
            underlying_price: cents(underlying),
            price: cents(intrinsic),
            amount: cents(amount),
            realized_pnl: cents(realized),
          }),
          now,
        ],
      );
      return amount;
    });
  }
}
