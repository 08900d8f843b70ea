import type { AssetType, OptionType, Trade, TradeSide } from '@league/contracts';
import { optionInstrument } from '../market/option-contract.js';
import { cents } from './money.js';

export interface TradeRow {
  id: string | number;
  league_id: number;
  user_id: number;
  username: string;
  symbol: string;
  side: TradeSide;
  asset_type: AssetType;
  option_type: OptionType | null;
  strike: string | null;
  /** YYYY-MM-DD (selected as text). */
  expiration: string | null;
  quantity: number;
  price: string;
  amount: string;
  realized_pnl: string | null;
  executed_at: Date;
}

/** Columns of a TradeRow over `trades t` (expiration as text: a date must not shift with the time zone). */
export const TRADE_COLUMNS = `t.id, t.league_id, t.user_id, (SELECT username FROM users WHERE id = t.user_id) AS username,
  t.symbol, t.side, t.asset_type, t.option_type, t.strike, t.expiration::text AS expiration, t.quantity, t.price,
  t.amount, t.realized_pnl, t.executed_at`;

export function toTrade(row: TradeRow): Trade {
  return {
    id: Number(row.id),
    league_id: row.league_id,
    user_id: row.user_id,
    username: row.username,
    symbol: row.symbol,
    instrument:
      row.asset_type === 'option'
        ? optionInstrument(row.symbol, row.option_type!, row.expiration!, row.strike!)
        : row.symbol,
    side: row.side,
    asset_type: row.asset_type,
    option_type: row.option_type,
    strike: row.strike === null ? null : cents(row.strike),
    expiration: row.expiration,
    quantity: row.quantity,
    price: cents(row.price),
    amount: cents(row.amount),
    realized_pnl: row.realized_pnl === null ? null : cents(row.realized_pnl),
    executed_at: row.executed_at.toISOString(),
  };
}
