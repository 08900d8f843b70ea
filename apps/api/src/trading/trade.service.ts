import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page, Trade, TradeResult } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CacheInvalidator } from '../cache/cache-invalidator.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { DomainEvent, type TradeExecutedEvent } from '../events/domain-events.js';
import {
  CONTRACT_MULTIPLIER,
  expiresAt,
  optionInstrument,
  strikesAround,
  upcomingExpirations,
} from '../market/option-contract.js';
import { midPrice } from '../market/options.service.js';
import { normalizeSymbol, QUOTE_COLUMNS, type QuoteRow } from '../market/quote-row.js';
import type { TradeDto } from './dto/trade.dto.js';
import { cents, toCentsDecimal } from './money.js';
import { finishWithin } from './post-commit.js';
import { TradeIdempotency } from './trade-idempotency.js';
import { TRADE_COLUMNS, toTrade, type TradeRow } from './trade-row.js';

interface Priced {
  instrument: string;
  /** Per share, in cents: the price the wire shows is the price charged. */
  price: Decimal;
  multiplier: number;
}

/** An order's answer, and whether it is the stored answer of an earlier attempt with the same Idempotency-Key. */
export interface PlacedOrder {
  result: TradeResult;
  replayed: boolean;
}

/**
 * Order execution. One transaction per order; the member row is locked FOR UPDATE first, so a member's
 * concurrent orders run one after the other and each sees the cash and positions the previous one left.
 */
/** Longest a committed trade waits for its cache invalidation: a guard against a hang, above the cache's own bounds. */
const INVALIDATION_GUARD_MS = 2_000;

@Injectable()
export class TradeService {
  private readonly logger = new Logger(TradeService.name);

  constructor(
    private readonly db: DataSource,
    private readonly events: EventEmitter2,
    private readonly invalidator: CacheInvalidator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(user: AuthUser, leagueId: number, order: TradeDto, now = new Date()): Promise<TradeResult> {
    return (await this.place(user, leagueId, order, { now })).result;
  }

  /**
   * Executes `order`, at most once per `idempotencyKey`: a retry with the key answers the first attempt's result
   * (a different order with the key: 422).
   */
  async place(
    user: AuthUser,
    leagueId: number,
    order: TradeDto,
    options: { idempotencyKey?: string; now?: Date } = {},
  ): Promise<PlacedOrder> {
    const { idempotencyKey: key, now = new Date() } = options;
    const limits = this.config.trading;
    const placed = await this.db.transaction(async (m): Promise<PlacedOrder> => {
      if (key !== undefined) {
        const fingerprint = TradeIdempotency.fingerprint(leagueId, order);
        const replay = await TradeIdempotency.claim(m, user.id, key, fingerprint, now, limits.idempotencyKeyTtlMs);
        if (replay) return { result: replay.result, replayed: true };
      }
      // FOR SHARE: an archive (an UPDATE of this row) waits for running orders, and orders wait for it.
      const leagues: { status: string }[] = await m.query(`SELECT status FROM leagues WHERE id = $1 FOR SHARE`, [
        leagueId,
      ]);
      if (!leagues[0]) throw new NotFoundException(`League ${leagueId} not found`);
      const symbol = normalizeSymbol(order.symbol);
      const quotes: QuoteRow[] = await m.query(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE symbol = $1`, [symbol]);
      if (!quotes[0]) throw new NotFoundException(`Unknown symbol: ${symbol}`);
      const members: { cash: string }[] = await m.query(
        `SELECT cash FROM league_members WHERE league_id = $1 AND user_id = $2 FOR UPDATE`,
        [leagueId, user.id],
      );
      if (!members[0]) throw new ForbiddenException('You are not a member of this league; join it to trade');
      if (leagues[0].status === 'archived') throw new ConflictException('This league is archived; trading is closed');
      if (order.quantity > limits.maxOrderQuantity) {
        throw new UnprocessableEntityException(
          `quantity ${order.quantity} is over the limit of ${limits.maxOrderQuantity} per order`,
        );
      }

      const priced = this.price(quotes[0], order, now);
      const positions: { quantity: number; avg_cost: string }[] = await m.query(
        `SELECT quantity, avg_cost FROM positions WHERE league_id = $1 AND user_id = $2 AND instrument = $3`,
        [leagueId, user.id, priced.instrument],
      );
      const held = positions[0]?.quantity ?? 0;
      const avgCost = new Decimal(positions[0]?.avg_cost ?? 0);
      const amount = priced.price.times(order.quantity).times(priced.multiplier).toDecimalPlaces(2);
      let cash = new Decimal(members[0].cash);
      let realized: Decimal | null = null;

      if (order.side === 'buy') {
        if (amount.greaterThan(cash)) {
          throw new UnprocessableEntityException(
            `Not enough cash: this order costs ${amount.toFixed(2)} and you have ${cash.toFixed(2)}`,
          );
        }
        const quantity = held + order.quantity;
        if (quantity > limits.maxPositionQuantity) {
          throw new UnprocessableEntityException(
            `This order would hold ${quantity} of ${priced.instrument}; a position holds at most ${limits.maxPositionQuantity}`,
          );
        }
        cash = cash.minus(amount);
        const avg = avgCost.times(held).plus(priced.price.times(order.quantity)).dividedBy(quantity).toDecimalPlaces(4);
        await this.upsertPosition(m, leagueId, user.id, symbol, priced.instrument, order, quantity, avg);
      } else {
        if (held < order.quantity) {
          throw new UnprocessableEntityException(
            `Not enough ${order.option ? 'contracts' : 'shares'}: you hold ${held} of ${priced.instrument}`,
          );
        }
        if (order.option && expiresAt(order.option.expiration).getTime() <= now.getTime()) {
          throw new UnprocessableEntityException(`${priced.instrument} has expired and can no longer be traded`);
        }
        cash = cash.plus(amount);
        realized = priced.price.minus(avgCost).times(order.quantity).times(priced.multiplier).toDecimalPlaces(2);
        if (held === order.quantity) {
          await m.query(`DELETE FROM positions WHERE league_id = $1 AND user_id = $2 AND instrument = $3`, [
            leagueId,
            user.id,
            priced.instrument,
          ]);
        } else {
          await m.query(
            `UPDATE positions SET quantity = $4, updated_at = now() WHERE league_id = $1 AND user_id = $2 AND instrument = $3`,
            [leagueId, user.id, priced.instrument, held - order.quantity],
          );
        }
      }

      await m.query(`UPDATE league_members SET cash = $3 WHERE league_id = $1 AND user_id = $2`, [
        leagueId,
        user.id,
        cash.toFixed(2),
      ]);
      const [inserted]: { id: string }[] = await m.query(
        `INSERT INTO trades (league_id, user_id, symbol, side, asset_type, option_type, strike, expiration, quantity,
                             price, amount, realized_pnl, executed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          leagueId,
          user.id,
          symbol,
          order.side,
          order.option ? 'option' : 'stock',
          order.option?.type ?? null,
          order.option ? new Decimal(order.option.strike).toFixed(2) : null,
          order.option?.expiration ?? null,
          order.quantity,
          priced.price.toFixed(4),
          amount.toFixed(2),
          realized?.toFixed(2) ?? null,
          now,
        ],
      );
      await m.query(
        `INSERT INTO activities (league_id, user_id, type, payload, created_at) VALUES ($1, $2, 'trade', $3, $4)`,
        [
          leagueId,
          user.id,
          JSON.stringify({
            trade_id: Number(inserted.id),
            username: user.username,
            symbol,
            instrument: priced.instrument,
            side: order.side,
            quantity: order.quantity,
            price: cents(priced.price),
            amount: cents(amount),
          }),
          now,
        ],
      );
      const rows: TradeRow[] = await m.query(`SELECT ${TRADE_COLUMNS} FROM trades t WHERE t.id = $1`, [inserted.id]);
      const result = { trade: toTrade(rows[0]), cash: cents(cash) };
      if (key !== undefined) await TradeIdempotency.record(m, user.id, key, result);
      return { result, replayed: false };
    });
    if (placed.replayed) return placed;
    const { result } = placed;
    // Committed: drop what the trade changed before answering, so that neither the trader nor anyone else reads the
    // old figures through any instance once the trade is answered. The cache layer bounds that wait itself (it
    // gives up at once without a connection to Redis, and retries a timeout or an open breaker for at most a
    // second); INVALIDATION_GUARD_MS only stops a hang. Event handlers get TRADE_POST_COMMIT_TIMEOUT, then finish
    // behind the response.
    await Promise.all([
      finishWithin(
        'Trade invalidation',
        this.invalidator.invalidateTradeImpact(user.id, leagueId, result.trade.symbol),
        INVALIDATION_GUARD_MS,
        this.logger,
      ),
      finishWithin(
        'Trade event handlers',
        this.events.emitAsync(DomainEvent.TradeExecuted, {
          tradeId: result.trade.id,
          leagueId,
          userId: user.id,
          symbol: result.trade.symbol,
          side: order.side,
          quantity: order.quantity,
          at: now,
        } satisfies TradeExecutedEvent),
        limits.postCommitTimeoutMs,
        this.logger,
      ),
    ]);
    return placed;
  }

  /** A league's trades, newest first, optionally one member's. */
  async list(leagueId: number, userId: number | undefined, page: number, pageSize: number): Promise<Page<Trade>> {
    const filter = userId === undefined ? '' : 'AND t.user_id = $4';
    const params: unknown[] = [leagueId, pageSize, (page - 1) * pageSize];
    if (userId !== undefined) params.push(userId);
    const rows: (TradeRow & { total: string })[] = await this.db.query(
      `WITH total AS (SELECT count(*) AS total FROM trades t WHERE t.league_id = $1 ${filter}),
            pg AS (SELECT ${TRADE_COLUMNS} FROM trades t WHERE t.league_id = $1 ${filter}
                   ORDER BY t.executed_at DESC, t.id DESC LIMIT $2 OFFSET $3)
       SELECT total.total, pg.* FROM leagues l CROSS JOIN total LEFT JOIN pg ON true
       WHERE l.id = $1 ORDER BY pg.executed_at DESC, pg.id DESC`,
      params,
    );
    if (!rows[0]) throw new NotFoundException(`League ${leagueId} not found`);
    return {
      items: rows.filter((r) => r.id !== null).map(toTrade),
      page,
      page_size: pageSize,
      total: Number(rows[0].total),
    };
  }

  /** Prices the order at the current quote in cents: stock at the quote, options at the Black-Scholes mid. */
  private price(quote: QuoteRow, order: TradeDto, now: Date): Priced {
    if (!order.option) return { instrument: quote.symbol, price: toCentsDecimal(quote.price), multiplier: 1 };
    const { type, expiration } = order.option;
    const strike = new Decimal(order.option.strike);
    const instrument = optionInstrument(quote.symbol, type, expiration, strike);
    if (order.side === 'buy') {
      // Only contracts on the current chain can be opened; any held contract can be closed.
      const expirations = upcomingExpirations(now);
      if (!expirations.includes(expiration)) {
        throw new UnprocessableEntityException(
          `No ${quote.symbol} options expire on ${expiration}; expirations: ${expirations.join(', ')}`,
        );
      }
      const strikes = strikesAround(Number(quote.price));
      if (!strikes.some((k) => k.equals(strike))) {
        throw new UnprocessableEntityException(
          `Strike ${strike.toFixed(2)} is not on the ${quote.symbol} chain; strikes: ${strikes.map((k) => k.toFixed(2)).join(', ')}`,
        );
      }
    }
    const price = midPrice(quote, type, strike, expiration, now);
    // A contract worth less than a cent would be free: it can be closed, not opened.
    if (order.side === 'buy' && price.isZero()) {
      throw new UnprocessableEntityException(`${instrument} is worth less than a cent (mid 0.00) and cannot be bought`);
    }
    return { instrument, price, multiplier: CONTRACT_MULTIPLIER };
  }

  private async upsertPosition(
    m: EntityManager,
    leagueId: number,
    userId: number,
    symbol: string,
    instrument: string,
    order: TradeDto,
    quantity: number,
    avgCost: Decimal,
  ): Promise<void> {
    await m.query(
      `INSERT INTO positions (league_id, user_id, instrument, symbol, asset_type, option_type, strike, expiration,
                              quantity, avg_cost)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (league_id, user_id, instrument)
       DO UPDATE SET quantity = EXCLUDED.quantity, avg_cost = EXCLUDED.avg_cost, updated_at = now()`,
      [
        leagueId,
        userId,
        instrument,
        symbol,
        order.option ? 'option' : 'stock',
        order.option?.type ?? null,
        order.option ? new Decimal(order.option.strike).toFixed(2) : null,
        order.option?.expiration ?? null,
        quantity,
        avgCost.toFixed(4),
      ],
    );
  }
}
