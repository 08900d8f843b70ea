import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvent, type QuoteChangedEvent } from '../../src/events/domain-events.js';
import { MarketService } from '../../src/market/market.service.js';
import { blackScholes } from '../../src/market/black-scholes.js';
import { upcomingExpirations } from '../../src/market/option-contract.js';
import { TICKERS } from '../../src/market/tickers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('market data API', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await t.signUp()).token;
  }, 60_000);
  afterAll(() => t.close());

  it('loads the whole universe at start so trading works at once', async () => {
    const [row] = await t.db.query<{ n: string; h: string }>(
      `SELECT (SELECT count(*) FROM quotes) AS n, (SELECT count(*) FROM quote_history) AS h`,
    );
    expect(Number(row.n)).toBe(TICKERS.length);
    expect(Number(row.h)).toBe(TICKERS.length);
    // A second start (another instance) inserts nothing twice.
    expect(await t.app.get(MarketService).ensureQuotes()).toBe(0);
  });

  it('answers one quote, several quotes in order, and 404 for unknown symbols', async () => {
    const one = await t.request({ url: '/api/quotes/aapl', token });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ symbol: 'AAPL', name: 'Apple Inc.', price: 228.5, prev_close: 228.5, change: 0 });
    const many = await t.request({ url: '/api/quotes?symbols=MSFT,aapl', token });
    expect(many.body.map((q: { symbol: string }) => q.symbol)).toEqual(['MSFT', 'AAPL']);
    const all = await t.request({ url: '/api/quotes', token });
    expect(all.body).toHaveLength(TICKERS.length);
    const unknown = await t.request({ url: '/api/quotes/ZZZZ', token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Unknown symbol: ZZZZ');
    const partly = await t.request({ url: '/api/quotes?symbols=AAPL,NOPE', token });
    expect(partly.status).toBe(404);
    expect(partly.body.message).toContain('NOPE');
    expect((await t.request({ url: '/api/quotes?symbols=A$PL', token })).status).toBe(400);
    expect((await t.request({ url: '/api/quotes/AAPL' })).status).toBe(401);
  });

  it('ticks: moves prices, appends history, emits QuoteChanged after commit; nothing outside market hours', async () => {
    const events: QuoteChangedEvent[] = [];
    const emitter = t.app.get(EventEmitter2);
    const listener = (e: QuoteChangedEvent) => events.push(e);
    emitter.on(DomainEvent.QuoteChanged, listener);
    const market = t.app.get(MarketService);
    const at = new Date(Date.now() + 60_000);
    const result = await market.tick(at);
    emitter.off(DomainEvent.QuoteChanged, listener);
    expect(result.open).toBe(true);
    expect(result.changed).toBeGreaterThan(TICKERS.length / 2);
    expect(events).toHaveLength(result.changed);
    const aapl = events.find((e) => e.symbol === 'AAPL')!;
    const [stored] = await t.db.query<{ price: string }>(`SELECT price FROM quotes WHERE symbol = 'AAPL'`);
    expect(stored.price).toBe(aapl.price);
    expect(aapl.previousPrice).toBe('228.5000');
    const history = await t.db.query(`SELECT * FROM quote_history WHERE symbol = 'AAPL'`);
    expect(history).toHaveLength(2);

    const closed = t.app.get(MarketService) as unknown as { config: { market: { hours: string } } };
    const hours = closed.config.market.hours;
    closed.config.market.hours = '00:00-00:01';
    try {
      const r = await market.tick(new Date('2026-03-02T12:00:00Z'));
      expect(r).toMatchObject({ open: false, changed: 0 });
      const [again] = await t.db.query<{ price: string }>(`SELECT price FROM quotes WHERE symbol = 'AAPL'`);
      expect(again.price).toBe(stored.price);
    } finally {
      closed.config.market.hours = hours;
    }
  });

  it('serves a deterministic options chain with greeks that satisfies put-call parity', async () => {
    const res = await t.request({ url: '/api/options/MSFT', token });
    expect(res.status).toBe(200);
    const chain = res.body;
    expect(chain.expirations).toEqual(upcomingExpirations(new Date()));
    expect(chain.expiration).toBe(chain.expirations[0]);
    expect(chain.multiplier).toBe(100);
    expect(chain.strikes).toHaveLength(11);
    const years = chain.days_to_expiration / 365;
    for (const { strike, call, put } of chain.strikes) {
      expect(call.bid).toBeLessThanOrEqual(call.mid);
      expect(call.ask).toBeGreaterThanOrEqual(call.mid);
      expect(call.delta).toBeGreaterThan(0);
      expect(put.delta).toBeLessThan(0);
      expect(call.gamma).toBeCloseTo(put.gamma, 4);
      expect(call.implied_volatility).toBe(0.23);
      // Mids are rounded to cents, so parity holds to about a cent.
      const parity = chain.underlying_price - strike * Math.exp(-chain.risk_free_rate * years);
      expect(Math.abs(call.mid - put.mid - parity)).toBeLessThan(0.03);
    }
    // Calls get cheaper as strikes rise, puts dearer.
    const mids = chain.strikes.map((s: { call: { mid: number } }) => s.call.mid);
    expect([...mids].sort((a, b) => b - a)).toEqual(mids);

    const later = await t.request({ url: `/api/options/MSFT?expiration=${chain.expirations[2]}`, token });
    expect(later.body.expiration).toBe(chain.expirations[2]);
    expect(later.body.strikes[5].call.mid).toBeGreaterThan(chain.strikes[5].call.mid);
  });

  it('values options in SQL (option_mark, used by leaderboards and portfolios) as the chains do in TypeScript', async () => {
    const asOf = new Date('2026-01-05T15:00:00Z');
    const cases = [
      { type: 'call' as const, spot: 42, strike: 40, years: 0.5, rate: 0.1, volatility: 0.2 },
      { type: 'put' as const, spot: 42, strike: 40, years: 0.5, rate: 0.1, volatility: 0.2 },
      { type: 'call' as const, spot: 228.5, strike: 250, years: 0.08, rate: 0.045, volatility: 0.25 },
      { type: 'put' as const, spot: 2.6, strike: 3.5, years: 1.2, rate: 0.045, volatility: 0.78 },
      // Expired: intrinsic value.
      { type: 'call' as const, spot: 120, strike: 100, years: -0.01, rate: 0.045, volatility: 0.3 },
      { type: 'put' as const, spot: 120, strike: 100, years: -0.01, rate: 0.045, volatility: 0.3 },
    ];
    for (const c of cases) {
      const expiresAt = new Date(asOf.getTime() + c.years * 365 * 86_400_000);
      const [row] = await t.db.query<{ v: number }>(`SELECT option_mark($1, $2, $3, $4, $5, $6, $7) AS v`, [
        c.type,
        c.spot,
        c.strike,
        expiresAt,
        c.volatility,
        c.rate,
        asOf,
      ]);
      expect(row.v).toBeCloseTo(blackScholes({ ...c, years: Math.max(0, c.years) }).price, 8);
    }
    const [hull] = await t.db.query<{ v: number }>(
      `SELECT round(option_mark('call', 42, 40, now() + interval '182.5 days', 0.2, 0.1, now())::numeric, 2)::float8 AS v`,
    );
    expect(hull.v).toBe(4.76);
  });

  it('rejects a malformed expiration (400), one not on offer (404) and an unknown symbol (404)', async () => {
    const bad = await t.request({ url: '/api/options/MSFT?expiration=soon', token });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('expiration must be a date');
    const none = await t.request({ url: '/api/options/MSFT?expiration=2020-01-17', token });
    expect(none.status).toBe(404);
    expect(none.body.message).toContain('expirations:');
    expect((await t.request({ url: '/api/options/NOPE', token })).status).toBe(404);
  });
});
