import { Injectable } from '@nestjs/common';
import type { SearchCategory } from '@league/contracts';
import { CacheKey, type CacheKeyType } from '../cache/cache-key.js';
import { CacheService } from '../cache/cache.service.js';
import { upcomingExpirations } from '../market/option-contract.js';
import { OptionsService } from '../market/options.service.js';
import { QuoteService } from '../market/quote.service.js';
import { ActivityService } from './activity.service.js';
import { LeaderboardService } from './leaderboard.service.js';
import { LeagueService } from './league.service.js';
import { PortfolioService } from './portfolio.service.js';
import { SearchService } from './search.service.js';
import { StatsService } from './stats.service.js';

/** Default page size of `GET /api/search` (PageQueryDto's default, capped at 50 by the controller). */
export const SEARCH_PAGE_SIZE = 50;

/**
 * One cached read: its DESIGN.md key, the key type whose TTL applies, and the producer of its body, the JSON
 * text of the wire object exactly as the HTTP route sends it (so a warmed entry and an HTTP-filled one are the
 * same bytes under the same key).
 */
export interface CachedRead {
  key: string;
  ttlType: Exclude<CacheKeyType, 'http' | 'session'>;
  body: () => Promise<string>;
}

const json = async (value: Promise<unknown>): Promise<string> => JSON.stringify(await value);

/**
 * The cached trading reads, for the HTTP routes (their @CacheRoute key builders use the same CacheKey calls)
 * and for the cache warmers, which must fill exactly the keys and bodies the routes read. Key arguments are
 * validated by CacheKey: an invalid one throws InvalidCacheKeyError before anything is fetched.
 */
@Injectable()
export class CachedReads {
  constructor(
    private readonly cache: CacheService,
    private readonly leaderboards: LeaderboardService,
    private readonly portfolios: PortfolioService,
    private readonly leagues: LeagueService,
    private readonly activities: ActivityService,
    private readonly stats: StatsService,
    private readonly searches: SearchService,
    private readonly quotes: QuoteService,
    private readonly options: OptionsService,
  ) {}

  /** `GET /api/leagues/:id/leaderboard?page=` */
  leaderboardPage(leagueId: number, page = 1): CachedRead {
    const key = CacheKey.leaderboard(leagueId, page);
    return { key, ttlType: 'leaderboard', body: () => json(this.leaderboards.getPage(leagueId, page)) };
  }

  /** `GET /api/leagues/:id/portfolio` (the caller's) and `.../portfolio/:userId`: one entry per member. */
  portfolio(userId: number, leagueId: number): CachedRead {
    const key = CacheKey.portfolio(userId, leagueId);
    return { key, ttlType: 'portfolio', body: () => json(this.portfolios.get(userId, leagueId)) };
  }

  /** `GET /api/leagues/:id` */
  league(leagueId: number): CachedRead {
    return { key: CacheKey.league(leagueId), ttlType: 'league', body: () => json(this.leagues.get(leagueId)) };
  }

  /** `GET /api/leagues/:id/members` */
  leagueMembers(leagueId: number): CachedRead {
    const key = CacheKey.leagueMembers(leagueId);
    return { key, ttlType: 'league_members', body: () => json(this.leagues.members(leagueId)) };
  }

  /** `GET /api/quotes/:symbol` (any case: the key and the body use the upper-case symbol). */
  quote(symbol: string): CachedRead {
    return { key: CacheKey.stockQuote(symbol), ttlType: 'quote', body: () => json(this.quotes.get(symbol)) };
  }

  /**
   * `GET /api/options/:symbol?expiration=`; without an expiration the nearest one, the route's default, is
   * keyed explicitly so both spellings share one entry.
   */
  optionsChain(symbol: string, expiration?: string, now = new Date()): CachedRead {
    const chosen = expiration ?? upcomingExpirations(now)[0];
    const key = CacheKey.optionsChain(symbol, chosen);
    return { key, ttlType: 'options_chain', body: () => json(this.options.chain(symbol, chosen)) };
  }

  /** `GET /api/users/:id/stats` */
  userStats(userId: number): CachedRead {
    return { key: CacheKey.userStats(userId), ttlType: 'user_stats', body: () => json(this.stats.user(userId)) };
  }

  /** `GET /api/leagues/:id/stats` */
  leagueStats(leagueId: number): CachedRead {
    const key = CacheKey.leagueStats(leagueId);
    return { key, ttlType: 'league_stats', body: () => json(this.stats.league(leagueId)) };
  }

  /** `GET /api/leagues/:id/activity?page=` */
  activityPage(leagueId: number, page = 1): CachedRead {
    const key = CacheKey.activityFeed(leagueId, page);
    return { key, ttlType: 'activity', body: () => json(this.activities.page(leagueId, page)) };
  }

  /** `GET /api/search?q=&category=&page=&page_size=` (`q` already trimmed, as the DTO does). */
  search(query: string, category?: SearchCategory, page = 1, pageSize = SEARCH_PAGE_SIZE): CachedRead {
    const size = Math.min(pageSize, SEARCH_PAGE_SIZE);
    const key = CacheKey.search(query, category ?? 'all', page, size);
    return { key, ttlType: 'search', body: () => json(this.searches.search(query, category, page, size)) };
  }

  /**
   * Recomputes a read and stores it (a warmer's write). Runs as the key's single flight, so a write that
   * invalidates the key while the body is computed keeps the (possibly older) body out of the cache.
   */
  async refresh(read: CachedRead): Promise<void> {
    await this.cache.refresh(read.key, read.body);
  }

  /** Cache-aside read of `read` (what the HTTP route does), for callers outside HTTP. */
  async get(read: CachedRead): Promise<string> {
    return this.cache.getOrFetch(read.key, read.body);
  }
}
