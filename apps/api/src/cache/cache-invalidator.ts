import { Injectable, Logger } from '@nestjs/common';
import { CacheGroup, CacheKey } from './cache-key.js';
import { CacheService } from './cache.service.js';

/**
 * What to drop when something changes. The write services call it directly, AFTER their transaction commits
 * (never before: a read between the invalidation and the commit would cache the old state again) and BEFORE
 * they answer, awaiting it, so the writer's next read sees the write (read-your-writes). Domain events are
 * still emitted for other features, but the cache does not listen to them: one mechanism, in plain sight.
 *
 * Group invalidations (every page of a league's leaderboard or activity feed, every portfolio of a user, every
 * expiration of an options chain, every search result) bump a generation number: O(1) whatever the number of
 * pages. The write has committed when these run, so a failure is logged, never turned into the writer's error.
 */
@Injectable()
export class CacheInvalidator {
  private readonly logger = new Logger('CacheInvalidation');

  constructor(private readonly cache: CacheService) {}

  /**
   * A trade: the trader's portfolio and stats, the league's member list (it shows each member's cash), stats,
   * leaderboard and activity pages.
   */
  invalidateTradeImpact(userId: number, leagueId: number, symbol?: string): Promise<void> {
    void symbol; // a trade does not move the quote of its symbol (quotes come from the feed)
    return this.guard('trade', () =>
      Promise.all([
        this.cache.delete([
          CacheKey.portfolio(userId, leagueId),
          CacheKey.userStats(userId),
          CacheKey.leagueMembers(leagueId),
          CacheKey.leagueStats(leagueId),
        ]),
        this.cache.invalidateGroups([
          CacheGroup.leaderboard(leagueId),
          CacheGroup.activity(leagueId),
          CacheGroup.user(userId),
        ]),
      ]),
    );
  }

  /** A league's settings or membership: the league, its members, stats, leaderboard and activity pages. */
  invalidateLeague(leagueId: number): Promise<void> {
    return this.guard('league', () =>
      Promise.all([
        this.cache.delete([
          CacheKey.league(leagueId),
          CacheKey.leagueMembers(leagueId),
          CacheKey.leagueStats(leagueId),
        ]),
        this.cache.invalidateGroups([CacheGroup.leaderboard(leagueId), CacheGroup.activity(leagueId)]),
      ]),
    );
  }

  /** A user's profile or memberships: their stats, every portfolio (all leagues) and per-user HTTP entries. */
  invalidateUser(userId: number): Promise<void> {
    return this.guard('user', () =>
      Promise.all([
        this.cache.delete(CacheKey.userStats(userId)),
        this.cache.invalidateGroups([CacheGroup.user(userId)]),
      ]),
    );
  }

  /** A price change: the quote and every options chain of the symbol (their prices derive from it). */
  invalidateStock(symbol: string): Promise<void> {
    return this.invalidateStocks([symbol]);
  }

  /** A quote tick: every changed symbol's quote and options chains, in one delete and one group bump. */
  invalidateStocks(symbols: string[]): Promise<void> {
    if (!symbols.length) return Promise.resolve();
    return this.guard('quote', () => {
      const keys = symbols.map((s) => CacheKey.stockQuote(s));
      return Promise.all([
        this.cache.delete(keys),
        this.cache.invalidateGroups(keys.map((k) => CacheGroup.optionsChain(k.slice('quote:'.length)))),
      ]);
    });
  }

  /** Every expiration of a symbol's options chain. */
  invalidateOptionsChain(symbol: string): Promise<void> {
    const key = CacheKey.stockQuote(symbol);
    return this.guard('options chain', () =>
      this.cache.invalidateGroups([CacheGroup.optionsChain(key.slice('quote:'.length))]),
    );
  }

  /** Search results (a league or user was created, renamed, archived or restored): every query, O(1). */
  invalidateSearch(): Promise<void> {
    return this.guard('search', () => this.cache.invalidateGroups([CacheGroup.search]));
  }

  private async guard(what: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
      // A part that missed Redis (a timeout) is retried now: the others must hear of the change before the
      // writer answers, or they would serve the old value until the background replay.
      await this.cache.settleInvalidations();
    } catch (error) {
      this.logger.error(`Invalidation after ${what} failed: ${(error as Error).message}`);
    }
  }
}
