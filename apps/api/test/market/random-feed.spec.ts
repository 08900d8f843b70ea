import { loadConfig } from '../../src/config/config.js';
import { MarketService } from '../../src/market/market.service.js';
import { QUOTE_PROVIDER } from '../../src/market/quote-provider.js';
import { SimulatedQuoteProvider } from '../../src/market/simulated-quote-provider.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('quote feed randomness', () => {
  it('is seeded only when MARKET_SEED is set explicitly', () => {
    expect(loadConfig({}).market.seed).toBeNull();
    expect(loadConfig({ MARKET_SEED: '42' }).market.seed).toBe(42);
    expect(loadConfig({ MARKET_SEED: '0' }).market.seed).toBe(0);
    expect(() => loadConfig({ MARKET_SEED: 'x' })).toThrow('MARKET_SEED');
  });

  it('without a seed, draws differently for the same tick each time, and each move replays from its draw', () => {
    const at = new Date('2026-01-05T15:00:00Z');
    const a = new SimulatedQuoteProvider(null, 5000);
    const universe = a.universe();
    const first = a.next(universe, at);
    const second = new SimulatedQuoteProvider(null, 5000).next(universe, at);
    expect(second.map((q) => q.price)).not.toEqual(first.map((q) => q.price));
    const draws = first.map((q) => q.draw!);
    expect(draws.every((d) => Number.isFinite(d))).toBe(true);
    // Standard normal: mean near 0, spread near 1 over the universe's 104 draws.
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.5);
    const byOpening = new Map(universe.map((q) => [q.symbol, q]));
    for (const q of first) {
      const start = byOpening.get(q.symbol)!;
      expect(a.step(start.price, start.volatility, q.draw!)).toBe(q.price);
    }
  });

  describe('in the application, without MARKET_SEED', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    }, 60_000);
    afterAll(() => t.close());

    it('stores every tick draw in quote_history, from which the stored path replays exactly', async () => {
      expect(t.config.market.seed).toBeNull();
      const market = t.app.get(MarketService);
      const base = Date.now() + 60_000;
      for (let i = 0; i < 3; i++) await market.tick(new Date(base + i * 5000));
      const rows = await t.db.query<{ symbol: string; price: string; draw: number | null; volatility: string }>(
        `SELECT h.symbol, h.price::text AS price, h.draw, q.volatility::text AS volatility
         FROM quote_history h JOIN quotes q USING (symbol) ORDER BY h.symbol, h.recorded_at`,
      );
      const provider = t.app.get<SimulatedQuoteProvider>(QUOTE_PROVIDER);
      let replayed = 0;
      for (let i = 1; i < rows.length; i++) {
        const [prev, row] = [rows[i - 1], rows[i]];
        if (prev.symbol !== row.symbol) {
          expect(row.draw).toBeNull(); // the opening price: no draw
          continue;
        }
        expect(row.draw).not.toBeNull();
        expect(provider.step(prev.price, row.volatility, row.draw!)).toBe(row.price);
        replayed++;
      }
      expect(replayed).toBeGreaterThan(200);
    });
  });
});
