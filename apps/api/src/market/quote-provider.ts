/** A price as the market feed sees it: exact decimal strings, as stored in `quotes`. */
export interface QuoteSnapshot {
  symbol: string;
  name: string;
  price: string;
  /** Annualised volatility as a decimal string. */
  volatility: string;
}

/** A price after a tick, with the standard normal draw that moved it when the feed is random (kept for replay). */
export interface QuoteMove extends QuoteSnapshot {
  draw?: number;
}

/**
 * Where prices come from. The simulated feed is the only one today; a real vendor would implement the same
 * two calls, and MarketService would not change.
 */
export interface QuoteProvider {
  /** The instruments on offer with their opening prices (loaded into an empty `quotes` table). */
  universe(): QuoteSnapshot[];
  /** Next prices for `current` at time `at` (a subset when some did not move). */
  next(current: QuoteSnapshot[], at: Date): QuoteMove[];
}

/** Nest injection token of the QuoteProvider. */
export const QUOTE_PROVIDER = Symbol('QUOTE_PROVIDER');
