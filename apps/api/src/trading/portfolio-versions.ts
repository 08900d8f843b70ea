import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { portfolioOf } from '../cache/cache-key.js';
import { CacheService } from '../cache/cache.service.js';

/**
 * Versions cached portfolios by their member row in PostgreSQL. Every change to a portfolio (a trade, an option
 * settled at expiry) updates that row's cash in the same transaction, so the row's `xmin` (the transaction that
 * wrote it) changes with it: a cached portfolio of an older version reads as a miss on every instance, also when
 * the trade went through another instance whose invalidation could not reach Redis. One primary-key lookup per read,
 * against the portfolio query's join over positions and quotes.
 */
@Injectable()
export class PortfolioVersions implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly cache: CacheService,
  ) {}

  onModuleInit(): void {
    this.cache.useVersionSource({
      matches: (key) => portfolioOf(key) !== null,
      version: (key) => this.version(key),
    });
  }

  private async version(key: string): Promise<number | null> {
    const { userId, leagueId } = portfolioOf(key)!;
    const rows: { version: string }[] = await this.db.query(
      'SELECT xmin::text AS version FROM league_members WHERE league_id = $1 AND user_id = $2',
      [leagueId, userId],
    );
    return rows[0] ? Number(rows[0].version) : null;
  }
}
