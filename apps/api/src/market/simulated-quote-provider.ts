import { getRandomValues } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { QuoteMove, QuoteProvider, QuoteSnapshot } from './quote-provider.js';
import { TICKERS } from './tickers.js';

/** Seconds of trading in a year (252 sessions of 6.5 h): the time unit of the volatilities. */
const TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600;
/** Annual drift of the simulated market. */
const DRIFT = 0.07;

/**
 * Geometric Brownian motion over the TICKERS universe. Without a seed, each tick's draws come from the
 * operating system's cryptographic source, so no player can compute tomorrow's prices from the code; every
 * draw is returned with its move (MarketService stores it in quote_history) and `step` replays it exactly.
 * With a seed (tests, demos), the draws come from a generator seeded with (seed, tick number), where the tick
 * number is the wall-clock time divided by the tick interval: the same path on every instance and after a restart.
 */
export class SimulatedQuoteProvider implements QuoteProvider {
  constructor(
    private readonly seed: number | null,
    private readonly tickMs: number,
  ) {}

  universe(): QuoteSnapshot[] {
    return TICKERS.map((t) => ({
      symbol: t.symbol,
      name: t.name,
      price: new Decimal(t.price).toFixed(4),
      volatility: new Decimal(t.volatility).toFixed(4),
    }));
  }

  next(current: QuoteSnapshot[], at: Date): QuoteMove[] {
    const uniform = this.seed === null ? cryptoUniform : this.seededUniform(at);
    // Sorted so that each symbol draws the same numbers whatever order the caller passes.
    const sorted = [...current].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    return sorted.map((q) => {
      const draw = gaussian(uniform);
      return { ...q, price: this.step(q.price, q.volatility, draw), draw };
    });
  }

  /** The price one tick after `price`, moved by the standard normal `draw` (replays a stored draw exactly). */
  step(price: string, volatility: string, draw: number): string {
    const dt = this.tickMs / 1000 / TRADING_SECONDS_PER_YEAR;
    const sigma = Number(volatility);
    // The exponent is a float (a random shock); the price itself stays a 4-decimal exact value.
    const factor = Math.exp((DRIFT - (sigma * sigma) / 2) * dt + sigma * Math.sqrt(dt) * draw);
    return Decimal.max(new Decimal(price).times(factor), '0.01').toDecimalPlaces(4).toFixed(4);
  }

  private seededUniform(at: Date): () => number {
    const rng = xoroshiro128plus(mix(this.seed!, Math.floor(at.getTime() / this.tickMs)));
    return () => uniformFloat64(rng);
  }
}

/** A uniform draw in [0, 1) with 53 random bits from the cryptographic source. */
function cryptoUniform(): number {
  const [high, low] = getRandomValues(new Uint32Array(2));
  return ((high >>> 5) * 2 ** 26 + (low >>> 6)) / 2 ** 53;
}

/** A standard normal draw (Box-Muller). */
export function gaussian(uniform: () => number): number {
  const u1 = Math.max(uniform(), Number.EPSILON);
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A 32-bit seed from (seed, n), so neighbouring ticks get unrelated streams. */
function mix(seed: number, n: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (n & 0xffffffff), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ Math.floor(n / 2 ** 32), 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h | 0;
}
