import { Decimal } from 'decimal.js';
import type { Quote } from '@league/contracts';
import { cents, percent } from '../trading/money.js';

/** A `quotes` row as pg returns it (numeric as strings). */
export interface QuoteRow {
  symbol: string;
  name: string;
  price: string;
  prev_close: string;
  volatility: string;
  updated_at: Date;
}

export const QUOTE_COLUMNS = 'symbol, name, price, prev_close, volatility, updated_at';

export function toQuote(row: QuoteRow): Quote {
  const change = new Decimal(row.price).minus(row.prev_close);
  return {
    symbol: row.symbol,
    name: row.name,
    price: cents(row.price),
    prev_close: cents(row.prev_close),
    change: cents(change),
    change_pct: percent(change, row.prev_close),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Symbols are stored upper-case; `brk.b` and `BRK.B` are the same instrument. */
export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}
