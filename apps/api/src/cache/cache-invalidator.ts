import { Injectable } from '@nestjs/common';
import { CacheGroup, CacheKey } from './cache-key.js';
import { CacheService } from './cache.service.js';

/**
 * What to drop when something changes. Call it AFTER the transaction commits (never before: a read between
 * the invalidation and the commit would cache the old state again). Group invalidations (every page of a
 * league's leaderboard or activity feed, every portfolio of a user, every expiration of an options chain) bump
 * a generation number: O(1) whatever the number of pages.
 */
@Injectable()
export class CacheInvalidator {
  constructor(private readonly cache: CacheService) {}

  /** A trade: the trader's portfolio and stats, the league's leaderboard pages, stats and activity pages. */
  async invalidateTradeImpact(userId: number, leagueId: number, symbol?: string): Promise<void> {
    void symbol; // a trade does not move the quote of its symbol (quotes come from the feed)
    await Promise.all([
      this.cache.delete([
        CacheKey.portfolio(userId, leagueId),
        CacheKey.userStats(userId),
        CacheKey.leagueStats(leagueId),
      ]),
      this.cache.invalidateGroups([
        CacheGroup.leaderboard(leagueId),
        CacheGroup.activity(leagueId),
        CacheGroup.user(userId),
      ]),
    ]);
  }

  /** A league's settings or membership: the league, its members, stats, leaderboard and activity pages. */
  async invalidateLeague(leagueId: number): Promise<void> {
    await Promise.all([
      this.cache.delete([CacheKey.league(leagueId), CacheKey.leagueMembers(leagueId), CacheKey.leagueStats(leagueId)]),
      this.cache.invalidateGroups([CacheGroup.leaderboard(leagueId), CacheGroup.activity(leagueId)]),
    ]);
  }

  /** A user's profile: their stats, every portfolio (all leagues) and per-user HTTP entries. */
  async invalidateUser(userId: number): Promise<void> {
    await Promise.all([
      this.cache.delete(CacheKey.userStats(userId)),
      this.cache.invalidateGroups([CacheGroup.user(userId)]),
    ]);
  }

  /** A price change: the quote and every options chain of the symbol (their prices derive from it). */
  async invalidateStock(symbol: string): Promise<void> {
    const key = CacheKey.stockQuote(symbol);
    await Promise.all([
      this.cache.delete(key),
      this.cache.invalidateGroups([CacheGroup.optionsChain(key.slice('quote:'.length))]),
    ]);
  }

  /** Every expiration of a symbol's options chain. */
  async invalidateOptionsChain(symbol: string): Promise<void> {
    const key = CacheKey.stockQuote(symbol);
    await this.cache.invalidateGroups([CacheGroup.optionsChain(key.slice('quote:'.length))]);
  }
}
