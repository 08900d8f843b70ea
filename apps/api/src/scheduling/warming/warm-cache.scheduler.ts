import { Inject, Injectable, Logger } from '@nestjs/common';
import { CacheService } from '../../cache/cache.service.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.token.js';
import { upcomingExpirations } from '../../market/option-contract.js';
import { DashboardReads } from '../../monitoring/dashboard-reads.js';
import type { MonitoringRead } from '../../monitoring/monitoring-cache.js';
import { CachedReads, type CachedRead } from '../../trading/cached-reads.js';
import { WarmCandidates } from './warm-candidates.js';
import { forEachLimited, WarmLimiter } from './warm-limiter.js';

export interface WarmOptions {
  /** The job's signal (lease lost, shutdown): the warmer stops taking keys and rejects with its reason. */
  signal?: AbortSignal;
  /**
   * Rewrite keys that stop being fresh within this many ms, even with more than the refresh-ahead share of their
   * TTL left. The jobs pass the time until their next tick, so a warmed key cannot expire between two runs.
   */
  horizonMs?: number;
  /** Filled with what the warmer did, for the run's details. */
  tally?: WarmTally;
}

/** What one or more warmers did with their candidate keys. */
export interface WarmTally {
  /** Keys considered. */
  candidates: number;
  /** Keys rewritten (missing, stale, of an older generation, or close to expiry). */
  written: number;
  /** Keys left alone: fresh for longer than the refresh-ahead threshold. */
  fresh: number;
  /** Keys whose fetch failed (the others are still written). */
  failed: number;
  firstError: string | null;
}

const FRESHNESS_BATCH = 500;

/** A key a warmer keeps cached: its TTL and how to rewrite it. */
interface WarmItem {
  key: string;
  ttlMs: number;
  rewrite: () => Promise<unknown>;
}

export const emptyTally = (): WarmTally => ({ candidates: 0, written: 0, fresh: 0, failed: 0, firstError: null });

/**
 * Pre-loads what is read most (the spec's WarmCacheScheduler): the most active leagues' first leaderboard page,
 * quotes and nearest options chains of the most traded symbols, and the most active users' stats. Every key is
 * written through CachedReads, so it holds exactly the body its HTTP route would have cached.
 *
 * - Refresh-ahead: a key is rewritten only when it is missing or little of its TTL is left (config
 *   warming.refreshAhead, or the job's horizon), so a hot key is replaced before it expires and steady readers
 *   never meet a miss; keys far from expiry cost one GETRANGE per batch and nothing else.
 * - Bounded: at most config.warming.concurrency fetches at once across all warmers of the instance.
 * - Without Redis the keys land in this instance's L1 only (other instances fill their own on first read).
 */
@Injectable()
export class WarmCacheScheduler {
  private readonly logger = new Logger('WarmCache');
  readonly limiter: WarmLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: CacheService,
    private readonly reads: CachedReads,
    private readonly candidates: WarmCandidates,
    private readonly dashboard: DashboardReads,
  ) {
    this.limiter = new WarmLimiter(config.warming.concurrency);
  }

  /** Every warmer at once (sharing the limiter); answers the number of keys written. */
  async warmAll(options: WarmOptions = {}): Promise<number> {
    const counts = await Promise.all([
      this.warmLeaderboards(options),
      this.warmPopularStocks(options),
      this.warmUserStats(undefined, options),
      this.warmMonitoring(options),
    ]);
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Page 1 of the leaderboards of the most active leagues (config.warming.leagues). */
  async warmLeaderboards(options: WarmOptions = {}): Promise<number> {
    const leagues = await this.limiter.run(() =>
      this.candidates.activeLeagues(this.config.warming.leagues, this.since()),
    );
    return this.warm(
      leagues.map((id) => this.trading(this.reads.leaderboardPage(id, 1))),
      options,
    );
  }

  /** Quotes and the nearest options chains (config.warming.optionExpirations) of the most traded symbols. */
  async warmPopularStocks(options: WarmOptions = {}): Promise<number> {
    const symbols = await this.limiter.run(() =>
      this.candidates.mostTradedSymbols(this.config.warming.symbols, this.since()),
    );
    const now = new Date();
    const expirations = upcomingExpirations(now).slice(0, this.config.warming.optionExpirations);
    return this.warm(
      symbols
        .flatMap((symbol) => [
          this.reads.quote(symbol),
          ...expirations.map((expiration) => this.reads.optionsChain(symbol, expiration, now)),
        ])
        .map((read) => this.trading(read)),
      options,
    );
  }

  /** Stats of `userIds`, by default of the most active users (config.warming.users). */
  async warmUserStats(userIds?: readonly number[], options: WarmOptions = {}): Promise<number> {
    const ids =
      userIds ??
      (await this.limiter.run(() => this.candidates.mostActiveUsers(this.config.warming.users, this.since())));
    return this.warm(
      [...new Set(ids)].map((id) => this.trading(this.reads.userStats(id))),
      options,
    );
  }

  /**
   * The monitoring reads the main dashboard opens with (DashboardReads): with them fresh, an admin opening the
   * dashboard, or the first one after a restart, waits for no monitoring query.
   */
  warmMonitoring(options: WarmOptions = {}): Promise<number> {
    return this.warm(
      this.dashboard.list().map((read) => this.monitoring(read)),
      options,
    );
  }

  private trading(read: CachedRead): WarmItem {
    return { key: read.key, ttlMs: this.cache.ttlOfType(read.ttlType), rewrite: () => this.reads.refresh(read) };
  }

  private monitoring(read: MonitoringRead<unknown>): WarmItem {
    return { key: read.key, ttlMs: read.ttlMs, rewrite: () => this.cache.refresh(read.key, read.fetch, read.ttlMs) };
  }

  /** Writes the keys that are due (refresh-ahead), through the limiter; answers how many were written. */
  private async warm(reads: WarmItem[], options: WarmOptions): Promise<number> {
    const { signal, tally = emptyTally() } = options;
    signal?.throwIfAborted();
    const due = await this.due(reads, options.horizonMs ?? 0);
    tally.candidates += reads.length;
    tally.fresh += reads.length - due.length;
    let written = 0;
    let failed = 0;
    let firstError: string | null = null;
    await forEachLimited(due, this.limiter, signal, async (read) => {
      try {
        await read.rewrite();
        written++;
      } catch (error) {
        // One league deleted or one symbol delisted since it was picked must not stop the others.
        failed++;
        firstError ??= `${read.key}: ${(error as Error).message}`;
      }
    });
    tally.written += written;
    tally.failed += failed;
    tally.firstError ??= firstError;
    if (failed) this.logger.warn(`${failed} of ${due.length} warm fetches failed; first: ${firstError}`);
    // Nothing could be fetched at all (the database is down ...): that is the run's failure, not a partial warm.
    if (failed && !written) throw new Error(`every warm fetch failed; first: ${firstError}`);
    return written;
  }

  /**
   * The reads whose key must be (re)written: missing, of an older generation, stale, or fresh for less than
   * max(refresh-ahead share of its TTL, horizon).
   */
  private async due(reads: WarmItem[], horizonMs: number): Promise<WarmItem[]> {
    const left: Array<number | null> = [];
    // Batches keep each GETRANGE pipeline well inside the cache's per-operation timeout.
    for (let i = 0; i < reads.length; i += FRESHNESS_BATCH) {
      left.push(...(await this.cache.freshFor(reads.slice(i, i + FRESHNESS_BATCH).map((r) => r.key))));
    }
    return reads.filter((read, i) => {
      const ms = left[i];
      if (ms === null) return true;
      const threshold = Math.max(this.config.warming.refreshAhead * read.ttlMs, horizonMs);
      return ms < threshold;
    });
  }

  private since(): Date {
    return new Date(Date.now() - this.config.warming.activityWindowMs);
  }
}
