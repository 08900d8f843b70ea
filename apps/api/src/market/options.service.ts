import { Injectable, NotFoundException } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import type { OptionQuote, OptionsChain } from '@league/contracts';
import { cents, round4, toCentsDecimal } from '../trading/money.js';
import { blackScholes, RISK_FREE_RATE } from './black-scholes.js';
import {
  CONTRACT_MULTIPLIER,
  optionInstrument,
  strikesAround,
  upcomingExpirations,
  yearsToExpiration,
} from './option-contract.js';
import { QuoteService } from './quote.service.js';
import type { QuoteRow } from './quote-row.js';

/** Half the bid-ask spread: 1 % of the mid, at least half a cent. */
const HALF_SPREAD_PCT = 0.01;

/** Options chains priced by Black-Scholes on the current quote, with the quote's volatility as implied vol. */
@Injectable()
export class OptionsService {
  constructor(private readonly quotes: QuoteService) {}

  /** The chain of `symbol` for `expiration` (default: the nearest one). */
  async chain(symbol: string, expiration?: string, now = new Date()): Promise<OptionsChain> {
    const quote = await this.quotes.row(symbol);
    const expirations = upcomingExpirations(now);
    const chosen = expiration ?? expirations[0];
    if (!expirations.includes(chosen)) {
      throw new NotFoundException(
        `No ${quote.symbol} options expire on ${chosen}; expirations: ${expirations.join(', ')}`,
      );
    }
    const spot = Number(quote.price);
    const years = yearsToExpiration(chosen, now);
    return {
      symbol: quote.symbol,
      underlying_price: cents(quote.price),
      expiration: chosen,
      expirations,
      days_to_expiration: Math.round(years * 365 * 100) / 100,
      risk_free_rate: RISK_FREE_RATE,
      multiplier: CONTRACT_MULTIPLIER,
      strikes: strikesAround(spot).map((strike) => ({
        strike: strike.toNumber(),
        call: this.price(quote, 'call', strike, chosen, years),
        put: this.price(quote, 'put', strike, chosen, years),
      })),
      as_of: now.toISOString(),
    };
  }

  private price(
    quote: QuoteRow,
    type: 'call' | 'put',
    strike: Decimal,
    expiration: string,
    years: number,
  ): OptionQuote {
    const volatility = Number(quote.volatility);
    const g = blackScholes({
      type,
      spot: Number(quote.price),
      strike: strike.toNumber(),
      years,
      rate: RISK_FREE_RATE,
      volatility,
    });
    const mid = toCentsDecimal(g.price);
    const half = Decimal.max(mid.times(HALF_SPREAD_PCT), '0.005');
    return {
      instrument: optionInstrument(quote.symbol, type, expiration, strike),
      bid: cents(Decimal.max(mid.minus(half), 0)),
      ask: cents(mid.plus(half)),
      mid: cents(mid),
      implied_volatility: round4(volatility),
      delta: round4(g.delta),
      gamma: round4(g.gamma),
      theta: round4(g.theta),
      vega: round4(g.vega),
    };
  }
}

/** Black-Scholes mid of one share of the contract, rounded to cents. */
export function midPrice(
  quote: QuoteRow,
  type: 'call' | 'put',
  strike: Decimal,
  expiration: string,
  now: Date,
): Decimal {
  const g = blackScholes({
    type,
    spot: Number(quote.price),
    strike: strike.toNumber(),
    years: yearsToExpiration(expiration, now),
    rate: RISK_FREE_RATE,
    volatility: Number(quote.volatility),
  });
  return toCentsDecimal(g.price);
}
