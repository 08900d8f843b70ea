import { blackScholes, normCdf } from '../../src/market/black-scholes.js';
import { isMarketOpen } from '../../src/market/market-hours.js';
import { optionInstrument, strikesAround, thirdFriday, upcomingExpirations } from '../../src/market/option-contract.js';
import { SimulatedQuoteProvider } from '../../src/market/simulated-quote-provider.js';

describe('Black-Scholes', () => {
  // Hull, Options, Futures and Other Derivatives, example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5.
  const hull = { spot: 42, strike: 40, years: 0.5, rate: 0.1, volatility: 0.2 };

  it('prices Hull example 15.6: call 4.76, put 0.81', () => {
    expect(blackScholes({ ...hull, type: 'call' }).price).toBeCloseTo(4.76, 2);
    expect(blackScholes({ ...hull, type: 'put' }).price).toBeCloseTo(0.81, 2);
  });

  it('gives textbook greeks (Hull 19.1-19.4 style values for S=49, K=50, r=5%, sigma=20%, T=0.3846)', () => {
    const g = blackScholes({ type: 'call', spot: 49, strike: 50, years: 0.3846, rate: 0.05, volatility: 0.2 });
    expect(g.price).toBeCloseTo(2.4, 1);
    expect(g.delta).toBeCloseTo(0.522, 3);
    expect(g.gamma).toBeCloseTo(0.066, 3);
    expect(g.vega * 100).toBeCloseTo(12.1, 1); // per 1.00 of volatility
    expect(g.theta * 365).toBeCloseTo(-4.31, 2); // per year
  });

  it('satisfies put-call parity C - P = S - K e^(-rT) across strikes and maturities', () => {
    for (const strike of [20, 40, 42, 60, 100]) {
      for (const years of [0.01, 0.25, 1, 3]) {
        const base = { spot: 42, strike, years, rate: 0.045, volatility: 0.35 };
        const c = blackScholes({ ...base, type: 'call' }).price;
        const p = blackScholes({ ...base, type: 'put' }).price;
        expect(c - p).toBeCloseTo(42 - strike * Math.exp(-0.045 * years), 6);
      }
    }
  });

  it('is worth its intrinsic value at expiration, and N is a CDF', () => {
    expect(blackScholes({ ...hull, years: 0, type: 'call' }).price).toBe(2);
    expect(blackScholes({ ...hull, years: 0, type: 'put' }).price).toBe(0);
    expect(normCdf(0)).toBeCloseTo(0.5, 7);
    expect(normCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normCdf(-1.96) + normCdf(1.96)).toBeCloseTo(1, 12);
  });
});

describe('option contracts', () => {
  it('lists third Fridays that have not expired, nearest first', () => {
    expect(thirdFriday(2026, 0)).toBe('2026-01-16');
    expect(thirdFriday(2025, 11)).toBe('2025-12-19');
    expect(upcomingExpirations(new Date('2025-12-19T20:00:00Z'), 3)).toEqual([
      '2025-12-19',
      '2026-01-16',
      '2026-02-20',
    ]);
    // After the 21:00 UTC close of expiration day, that date is gone.
    expect(upcomingExpirations(new Date('2025-12-19T21:30:00Z'), 2)).toEqual(['2026-01-16', '2026-02-20']);
  });

  it('spaces strikes by price level around the spot and names contracts OCC-style', () => {
    expect(strikesAround(228.5).map(Number)).toEqual([205, 210, 215, 220, 225, 230, 235, 240, 245, 250, 255]);
    expect(strikesAround(2.6, 2).map(Number)).toEqual([1.5, 2, 2.5, 3, 3.5]);
    expect(optionInstrument('AAPL', 'call', '2026-01-16', 150)).toBe('AAPL 2026-01-16 C 150.00');
  });
});

describe('market hours and the simulated feed', () => {
  it('opens inside the UTC range only, including ranges over midnight', () => {
    expect(isMarketOpen('always', new Date('2026-01-01T03:00:00Z'))).toBe(true);
    expect(isMarketOpen('14:30-21:00', new Date('2026-01-05T14:29:00Z'))).toBe(false);
    expect(isMarketOpen('14:30-21:00', new Date('2026-01-05T14:30:00Z'))).toBe(true);
    expect(isMarketOpen('14:30-21:00', new Date('2026-01-05T21:00:00Z'))).toBe(false);
    expect(isMarketOpen('22:00-02:00', new Date('2026-01-05T01:00:00Z'))).toBe(true);
    expect(isMarketOpen('22:00-02:00', new Date('2026-01-05T12:00:00Z'))).toBe(false);
  });

  it('is deterministic for a seed and time, different across seeds, and keeps prices positive', () => {
    const at = new Date('2026-01-05T15:00:00Z');
    const a = new SimulatedQuoteProvider(42, 5000);
    const universe = a.universe();
    expect(universe.length).toBeGreaterThanOrEqual(100);
    const first = a.next(universe, at);
    expect(new SimulatedQuoteProvider(42, 5000).next([...universe].reverse(), at)).toEqual(first);
    expect(new SimulatedQuoteProvider(7, 5000).next(universe, at)).not.toEqual(first);
    expect(
      first.some((q, i) => q.price !== [...universe].sort((x, y) => (x.symbol < y.symbol ? -1 : 1))[i].price),
    ).toBe(true);
    let path = universe;
    for (let i = 0; i < 300; i++) path = a.next(path, new Date(at.getTime() + i * 5000));
    for (const q of path) {
      expect(Number(q.price)).toBeGreaterThan(0);
      expect(q.price).toMatch(/^\d+\.\d{4}$/);
    }
  });
});
