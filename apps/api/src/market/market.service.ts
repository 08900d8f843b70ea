import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { CacheInvalidator } from '../cache/cache-invalidator.js';
import { DomainEvent, type QuoteChangedEvent } from '../events/domain-events.js';
import { isMarketOpen } from './market-hours.js';
import { QUOTE_PROVIDER, type QuoteProvider, type QuoteSnapshot } from './quote-provider.js';

export interface TickResult {
  /** False outside market hours: nothing moved. */
  open: boolean;
  changed: number;
  at: Date;
}

/**
 * Keeps `quotes` current from the QuoteProvider. It loads missing instruments at start so trading works at
 * once; `tick()` is called by the scheduler (one instance at a time, under a lease), never scheduled here.
 */
@Injectable()
export class MarketService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MarketService.name);

  constructor(
    private readonly db: DataSource,
    private readonly events: EventEmitter2,
    @Inject(QUOTE_PROVIDER) private readonly provider: QuoteProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invalidator: CacheInvalidator,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const inserted = await this.ensureQuotes();
    if (inserted) this.logger.log(`Loaded ${inserted} quotes`);
  }

  /** Inserts the provider's instruments that `quotes` lacks (several instances may race: ON CONFLICT). */
  async ensureQuotes(at = new Date()): Promise<number> {
    const u = this.provider.universe();
    const rows: unknown[] = await this.db.query(
      `WITH added AS (
         INSERT INTO quotes (symbol, name, price, prev_close, volatility, updated_at)
         SELECT s, n, p, p, v, $5 FROM unnest($1::text[], $2::text[], $3::numeric[], $4::numeric[]) AS x(s, n, p, v)
         ON CONFLICT (symbol) DO NOTHING RETURNING symbol, price, updated_at)
       INSERT INTO quote_history (symbol, recorded_at, price) SELECT symbol, updated_at, price FROM added
       ON CONFLICT DO NOTHING RETURNING symbol`,
      [u.map((q) => q.symbol), u.map((q) => q.name), u.map((q) => q.price), u.map((q) => q.volatility), at],
    );
    return rows.length;
  }

  /**
   * Moves every price one step, inside market hours only: updates `quotes` (rolling prev_close over at the
   * first tick of a new UTC day), appends `quote_history` (with each move's draw), commits, drops the cached quotes and options chains
   * of the changed symbols, then emits QuoteChanged per changed quote.
   */
  async tick(at = new Date()): Promise<TickResult> {
    if (!isMarketOpen(this.config.market.hours, at)) return { open: false, changed: 0, at };
    const current: QuoteSnapshot[] = await this.db.query(
      `SELECT symbol, name, price::text AS price, volatility::text AS volatility FROM quotes`,
    );
    const before = new Map(current.map((q) => [q.symbol, q.price]));
    const moved = this.provider.next(current, at).filter((q) => before.get(q.symbol) !== q.price);
    if (!moved.length) return { open: true, changed: 0, at };
    await this.db.transaction(async (m) => {
      await m.query(
        `UPDATE quotes q SET
           prev_close = CASE WHEN q.updated_at < date_trunc('day', $3::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                             THEN q.price ELSE q.prev_close END,
           price = x.p, updated_at = $3
         FROM unnest($1::text[], $2::numeric[]) AS x(s, p) WHERE q.symbol = x.s`,
        [moved.map((q) => q.symbol), moved.map((q) => q.price), at],
      );
      await m.query(
        `INSERT INTO quote_history (symbol, recorded_at, price, draw)
         SELECT s, $3, p, d FROM unnest($1::text[], $2::numeric[], $4::float8[]) AS x(s, p, d) ON CONFLICT DO NOTHING`,
        [moved.map((q) => q.symbol), moved.map((q) => q.price), at, moved.map((q) => q.draw ?? null)],
      );
    });
    // Committed: every moved quote and its options chains, in one batch, before the tick reports done.
    await this.invalidator.invalidateStocks(moved.map((q) => q.symbol));
    for (const q of moved) {
      await this.events.emitAsync(DomainEvent.QuoteChanged, {
        symbol: q.symbol,
        price: q.price,
        previousPrice: before.get(q.symbol)!,
        at,
      } satisfies QuoteChangedEvent);
    }
    return { open: true, changed: moved.length, at };
  }
}
