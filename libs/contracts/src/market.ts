/** Market data: quotes and options chains. Money and prices are numbers rounded to cents. */

export interface Quote {
  symbol: string;
  name: string;
  price: number;
  prev_close: number;
  change: number;
  change_pct: number;
  updated_at: string;
}

export type OptionType = 'call' | 'put';

/** One side (call or put) of one strike, priced by Black-Scholes on the current quote. */
export interface OptionQuote {
  /** OCC-style contract id: `AAPL 2026-01-16 C 150.00`. */
  instrument: string;
  bid: number;
  ask: number;
  mid: number;
  implied_volatility: number;
  delta: number;
  gamma: number;
  /** Per calendar day. */
  theta: number;
  /** Per 1 volatility point (0.01). */
  vega: number;
}

export interface OptionStrike {
  strike: number;
  call: OptionQuote;
  put: OptionQuote;
}

export interface OptionsChain {
  symbol: string;
  underlying_price: number;
  expiration: string;
  /** Every expiration on offer (third Fridays), nearest first. */
  expirations: string[];
  days_to_expiration: number;
  risk_free_rate: number;
  /** Shares per contract. */
  multiplier: number;
  strikes: OptionStrike[];
  as_of: string;
}
