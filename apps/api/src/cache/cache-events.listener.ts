import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  DomainEvent,
  type LeagueChangedEvent,
  type QuoteChangedEvent,
  type TradeExecutedEvent,
  type UserChangedEvent,
} from '../events/domain-events.js';
import { CacheInvalidator } from './cache-invalidator.js';

/**
 * Invalidates on the domain events the trading and market services emit after their transactions commit.
 * Emitters use `emitAsync` and await it, so the cache is clean before their response leaves (read-your-writes).
 */
@Injectable()
export class CacheEventsListener {
  private readonly logger = new Logger('CacheInvalidation');

  constructor(private readonly invalidator: CacheInvalidator) {}

  @OnEvent(DomainEvent.TradeExecuted, { promisify: true })
  onTrade(event: TradeExecutedEvent): Promise<void> {
    return this.guard('trade', () =>
      this.invalidator.invalidateTradeImpact(event.userId, event.leagueId, event.symbol),
    );
  }

  @OnEvent(DomainEvent.LeagueChanged, { promisify: true })
  onLeague(event: LeagueChangedEvent): Promise<void> {
    return this.guard('league', async () => {
      await this.invalidator.invalidateLeague(event.leagueId);
      // A member joining changes their own portfolios and stats too.
      if (event.userId !== undefined) await this.invalidator.invalidateUser(event.userId);
    });
  }

  @OnEvent(DomainEvent.UserChanged, { promisify: true })
  onUser(event: UserChangedEvent): Promise<void> {
    return this.guard('user', () => this.invalidator.invalidateUser(event.userId));
  }

  @OnEvent(DomainEvent.QuoteChanged, { promisify: true })
  onQuote(event: QuoteChangedEvent): Promise<void> {
    return this.guard('quote', () => this.invalidator.invalidateStock(event.symbol));
  }

  /** The write has committed: a failed invalidation is logged, never turned into the writer's error. */
  private async guard(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.logger.error(`Invalidation after ${what} failed: ${(error as Error).message}`);
    }
  }
}
