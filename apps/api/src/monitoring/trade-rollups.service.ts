import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { AlertManager } from './alert-manager.service.js';
import { riskCandidatesQuery } from './risk-rules.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROLLUP_LOCK_KEY = 724_312;
/** A read that finds the last run older than this starts a catch-up run in the background. */
export const FRESH_MS = 2 * 60_000;
/** After a failed catch-up run, readers start the next one no sooner than this (a failing database is not hammered). */
const CATCH_UP_RETRY_MS = 30_000;

/** A league's trades in the last complete hour above both of these raise a `high_trades` alert. */
export const LEAGUE_SPIKE = { minTrades: 50, baselineMultiple: 5 } as const;

export interface LeagueTotals {
  league_id: number;
  trades: number;
  buys: number;
  sells: number;
  shares: number;
  volume: number;
}

export interface SymbolTotals {
  symbol: string;
  side: 'buy' | 'sell';
  trades: number;
  shares: number;
  volume: number;
}

/**
 * How a window [from, to) splits: complete UTC days [dayFrom, dayTo) from the daily league rollup, the other
 * complete hours of [rollFrom, rollTo) from the hourly rollups, and raw trades at both edges.
 */
interface WindowSplit {
  from: Date;
  to: Date;
  rollFrom: Date;
  rollTo: Date;
  dayFrom: Date;
  dayTo: Date;
}

/**
 * Trade rollups: trades per hour per league and per symbol/side, and per UTC day with distinct active users.
 * `rollup()` (the scheduler calls it every minute) recomputes the hours since the last run, the hour before it
 * (trades committed late) and any hour that gained trades with an old timestamp (backfills). Readers combine
 * complete hours from the rollups with raw trades for the partial hours at the edges, so results are exact.
 *
 * Readers never compute a day of raw trades on the request path: when the last run is old (after a restart, with the
 * schedule off, or while the scheduler is behind) they use what the rollups hold and start one catch-up run in the
 * background; the start-up does the same when the rollups job is scheduled.
 */
@Injectable()
export class TradeRollups implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TradeRollups');
  private catchingUp: Promise<void> | null = null;
  private failedAt = 0;

  constructor(
    private readonly db: DataSource,
    private readonly alerts: AlertManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if ((this.config.schedules.rollups ?? 'off') !== 'off') this.catchUp();
  }

  /** Waits for a catch-up in progress, so it never outlives the connection pool. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.catchingUp;
  }

  /**
   * Starts one rollup run in the background unless one is running (or the last one failed moments ago); answers
   * the run in progress (for tests and tools). It never rejects: a failure is logged, and a later stale read tries
   * again.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) return this.catchingUp;
    if (Date.now() - this.failedAt < CATCH_UP_RETRY_MS) return Promise.resolve();
    this.catchingUp = this.rollup()
      .then(
        () => undefined,
        (error: Error) => {
          this.failedAt = Date.now();
          this.logger.warn(`Rollup catch-up failed: ${error.message}`);
        },
      )
      .finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  /** Asks for a catch-up when the last run (updatedAt) is missing or older than FRESH_MS. */
  private noteAge(updatedAt: Date | null): void {
    if (updatedAt === null || Date.now() - updatedAt.getTime() > FRESH_MS) void this.catchUp();
  }

  async rollup(now = new Date()): Promise<{ hours: number; days: number; spikes: number }> {
    const result = await this.db.transaction(async (m) => {
      // Several instances run the job; one at a time does the work, the others find nothing new.
      await m.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK_KEY]);
      const state = await this.state(m);
      const hourMark = floorTo(now, HOUR);
      const dayMark = floorTo(now, DAY);
      const [{ max_id }] = await m.query(`SELECT coalesce(max(id), 0)::bigint AS max_id FROM trades`);
      const lastId = state.last_trade_id ?? '0';
      let hourFrom: Date | null = state.hourly ? new Date(state.hourly.getTime() - HOUR) : null;
      let dayFrom: Date | null = state.daily ? new Date(state.daily.getTime() - DAY) : null;
      if (!state.hourly || !state.daily) {
        const [first] = await m.query(
          `SELECT least((SELECT min(executed_at) FROM trades),
                        (SELECT min(created_at) FROM login_attempts WHERE success)) AS first`,
        );
        const start = first.first ? new Date(first.first) : hourMark;
        hourFrom ??= floorTo(start, HOUR);
        dayFrom ??= floorTo(start, DAY);
      }
      // Hours and days before the recompute window that gained trades since the last run.
      const late: Array<{ hour: Date }> = await m.query(
        `SELECT DISTINCT date_trunc('hour', executed_at) AS hour FROM trades
          WHERE id > $1 AND executed_at < $2`,
        [lastId, hourFrom],
      );
      const lateHours = late.map((r) => new Date(r.hour));
      const lateDays = [...new Set(lateHours.map((h) => floorTo(h, DAY).getTime()))]
        .map((t) => new Date(t))
        .filter((d) => d < dayFrom!);
      await this.recomputeHours(m, hourFrom!, hourMark, lateHours);
      await this.recomputeLeagueDays(m, floorTo(hourFrom!, DAY), hourMark, lateHours);
      // The current day too: readers use it while this run is fresh, so they need not scan today's trades.
      await this.recomputeDays(m, dayFrom!, new Date(dayMark.getTime() + DAY), lateDays);
      await m.query(`DELETE FROM monitoring_risk_snapshot`);
      const risk = riskCandidatesQuery(now);
      await m.query(
        `INSERT INTO monitoring_risk_snapshot (user_id, recent_trades, max_per_minute, round_trips) ${risk.sql}`,
        risk.params,
      );
      await m.query(
        `INSERT INTO monitoring_rollup_state (name, hourly_watermark, daily_watermark, last_trade_id, risk_computed_at)
         VALUES ('trades', $1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET hourly_watermark = EXCLUDED.hourly_watermark,
           daily_watermark = EXCLUDED.daily_watermark, last_trade_id = EXCLUDED.last_trade_id,
           risk_computed_at = EXCLUDED.risk_computed_at, updated_at = now()`,
        [hourMark, dayMark, max_id, now],
      );
      const hours = Math.max(0, (hourMark.getTime() - hourFrom!.getTime()) / HOUR) + lateHours.length;
      const days = Math.max(0, (dayMark.getTime() - dayFrom!.getTime()) / DAY) + lateDays.length;
      return { hours, days, hourMark };
    });
    const spikes = await this.checkLeagueSpikes(result.hourMark);
    return { hours: result.hours, days: result.days, spikes };
  }

  /** Deletes hourly and per-league daily rollups older than `days` (a retention step); answers the rows deleted. */
  async applyRetention(days = 400): Promise<number> {
    let deleted = 0;
    for (const [table, column] of [
      ['trade_rollup_league_hourly', 'hour'],
      ['trade_rollup_symbol_hourly', 'hour'],
      ['trade_rollup_league_daily', 'day'],
    ]) {
      const rows: unknown[] = await this.db.query(
        `WITH d AS (DELETE FROM ${table} WHERE ${column} < now() - make_interval(days => $1) RETURNING 1)
         SELECT 1 FROM d`,
        [days],
      );
      deleted += rows.length;
    }
    return deleted;
  }

  /** Per-league totals over [from, to). */
  async leagueTotals(from: Date, to: Date): Promise<LeagueTotals[]> {
    const w = await this.split(from, to);
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT league_id, sum(trades) AS trades, sum(buys) AS buys, sum(sells) AS sells,
              sum(shares) AS shares, sum(volume) AS volume
         FROM (SELECT league_id, trades, buys, sells, shares, volume FROM trade_rollup_league_daily
                WHERE day >= ($5::timestamptz AT TIME ZONE 'UTC')::date AND day < ($6::timestamptz AT TIME ZONE 'UTC')::date
               UNION ALL
               SELECT league_id, trades, buys, sells, shares, volume FROM trade_rollup_league_hourly
                WHERE (hour >= $3 AND hour < $5) OR (hour >= $6 AND hour < $4)
               UNION ALL
               SELECT league_id, 1, (side = 'buy')::int, (side = 'sell')::int, quantity, amount FROM trades
                WHERE (executed_at >= $1 AND executed_at < $3) OR (executed_at >= $4 AND executed_at < $2)) x
        GROUP BY league_id`,
      [w.from, w.to, w.rollFrom, w.rollTo, w.dayFrom, w.dayTo],
    );
    return rows.map((r) => ({
      league_id: Number(r.league_id),
      trades: Number(r.trades),
      buys: Number(r.buys),
      sells: Number(r.sells),
      shares: Number(r.shares),
      volume: Number(r.volume),
    }));
  }

  /** Totals over [from, to) across every league (one row; the symbol rollup has fewer rows per hour). */
  async totals(from: Date, to: Date): Promise<Omit<LeagueTotals, 'league_id'>> {
    const w = await this.split(from, to);
    const [r]: Array<Record<string, string | null>> = await this.db.query(
      `SELECT coalesce(sum(trades), 0) AS trades, coalesce(sum(buys), 0) AS buys, coalesce(sum(sells), 0) AS sells,
              coalesce(sum(shares), 0) AS shares, coalesce(sum(volume), 0) AS volume
         FROM (SELECT trades, CASE WHEN side = 'buy' THEN trades ELSE 0 END AS buys,
                      CASE WHEN side = 'sell' THEN trades ELSE 0 END AS sells, shares, volume
                 FROM trade_rollup_symbol_hourly WHERE hour >= $3 AND hour < $4
               UNION ALL
               SELECT 1, (side = 'buy')::int, (side = 'sell')::int, quantity, amount FROM trades
                WHERE (executed_at >= $1 AND executed_at < $3) OR (executed_at >= $4 AND executed_at < $2)) x`,
      [w.from, w.to, w.rollFrom, w.rollTo],
    );
    return {
      trades: Number(r.trades),
      buys: Number(r.buys),
      sells: Number(r.sells),
      shares: Number(r.shares),
      volume: Number(r.volume),
    };
  }

  async symbolTotals(from: Date, to: Date): Promise<SymbolTotals[]> {
    const w = await this.split(from, to);
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT symbol, side, sum(trades) AS trades, sum(shares) AS shares, sum(volume) AS volume
         FROM (SELECT symbol, side, trades, shares, volume FROM trade_rollup_symbol_hourly
                WHERE hour >= $3 AND hour < $4
               UNION ALL
               SELECT symbol, side, 1, quantity, amount FROM trades
                WHERE (executed_at >= $1 AND executed_at < $3) OR (executed_at >= $4 AND executed_at < $2)) x
        GROUP BY symbol, side`,
      [w.from, w.to, w.rollFrom, w.rollTo],
    );
    return rows.map((r) => ({
      symbol: r.symbol,
      side: r.side as 'buy' | 'sell',
      trades: Number(r.trades),
      shares: Number(r.shares),
      volume: Number(r.volume),
    }));
  }

  /** Trades and volume per hour over [from, to), hours without trades omitted. */
  async hourly(from: Date, to: Date): Promise<Array<{ hour: Date; trades: number; volume: number }>> {
    const w = await this.split(from, to);
    const rows: Array<{ hour: Date; trades: string; volume: string }> = await this.db.query(
      `SELECT hour, sum(trades) AS trades, sum(volume) AS volume
         FROM (SELECT hour, trades, volume FROM trade_rollup_symbol_hourly WHERE hour >= $3 AND hour < $4
               UNION ALL
               SELECT date_trunc('hour', executed_at), 1, amount FROM trades
                WHERE (executed_at >= $1 AND executed_at < $3) OR (executed_at >= $4 AND executed_at < $2)) x
        GROUP BY hour ORDER BY hour`,
      [w.from, w.to, w.rollFrom, w.rollTo],
    );
    return rows.map((r) => ({ hour: new Date(r.hour), trades: Number(r.trades), volume: Number(r.volume) }));
  }

  /**
   * Distinct active users per rolled-up day in [from, to), and up to when they are used: every day up to and
   * including the day of the last run. That day's row is as of the run: when the run is old, a catch-up is on its
   * way, and counting a day of trades live on the request path would cost more than the staleness.
   */
  async dailyActive(from: Date, to: Date): Promise<{ days: Map<string, number>; coveredUntil: Date | null }> {
    const state = await this.state(this.db.manager);
    this.noteAge(state.updatedAt);
    if (!state.daily) return { days: new Map(), coveredUntil: null };
    const coveredUntil = new Date(state.daily.getTime() + DAY);
    const rows: Array<{ day: string; active_users: number }> = await this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, active_users FROM trade_rollup_daily
        WHERE day >= ($1::timestamptz AT TIME ZONE 'UTC')::date AND day < ($2::timestamptz AT TIME ZONE 'UTC')::date`,
      [from, new Date(Math.min(to.getTime(), coveredUntil.getTime()))],
    );
    return { days: new Map(rows.map((r) => [r.day, Number(r.active_users)])), coveredUntil };
  }

  /**
   * The risk candidates of the last run, with the time they were computed, even when that run is old (a catch-up
   * then starts in the background); null only before the first run (the caller computes them live).
   */
  async riskSnapshot(): Promise<{ rows: Array<Record<string, string>>; computedAt: Date } | null> {
    const state = await this.state(this.db.manager);
    this.noteAge(state.riskComputedAt);
    if (!state.riskComputedAt) return null;
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT user_id, recent_trades, max_per_minute, round_trips FROM monitoring_risk_snapshot`,
    );
    return { rows, computedAt: state.riskComputedAt };
  }

  private async split(from: Date, to: Date): Promise<WindowSplit> {
    const [row] = await this.db.query(
      `SELECT hourly_watermark, updated_at FROM monitoring_rollup_state WHERE name = 'trades'`,
    );
    this.noteAge(row ? new Date(row.updated_at) : null);
    const watermark: Date | null = row ? new Date(row.hourly_watermark) : null;
    const rollFrom = new Date(Math.ceil(from.getTime() / HOUR) * HOUR);
    const rollTo = watermark ? new Date(Math.min(floorTo(to, HOUR).getTime(), watermark.getTime())) : rollFrom;
    if (rollTo <= rollFrom) return { from, to, rollFrom: from, rollTo: from, dayFrom: from, dayTo: from };
    // Whole days inside the rolled-up hours; none when the window holds no complete day.
    const dayFrom = new Date(Math.ceil(rollFrom.getTime() / DAY) * DAY);
    const dayTo = floorTo(rollTo, DAY);
    if (dayTo <= dayFrom) return { from, to, rollFrom, rollTo, dayFrom: rollFrom, dayTo: rollFrom };
    return { from, to, rollFrom, rollTo, dayFrom, dayTo };
  }

  private async state(m: EntityManager): Promise<{
    hourly: Date | null;
    daily: Date | null;
    last_trade_id: string | null;
    updatedAt: Date | null;
    riskComputedAt: Date | null;
  }> {
    const [row]: Array<Record<string, any>> = await m.query(
      `SELECT hourly_watermark, daily_watermark, last_trade_id, updated_at, risk_computed_at
         FROM monitoring_rollup_state WHERE name = 'trades'`,
    );
    return {
      hourly: row ? new Date(row.hourly_watermark) : null,
      daily: row ? new Date(row.daily_watermark) : null,
      last_trade_id: row?.last_trade_id ?? null,
      updatedAt: row ? new Date(row.updated_at) : null,
      riskComputedAt: row?.risk_computed_at ? new Date(row.risk_computed_at) : null,
    };
  }

  /** Rebuilds the hourly rollups of [from, to) and of each extra hour (one index range scan each). */
  private async recomputeHours(m: EntityManager, from: Date, to: Date, extra: Date[]): Promise<void> {
    const ranges: Array<[Date, Date]> = [
      [from, to],
      ...extra.map((h): [Date, Date] => [h, new Date(h.getTime() + HOUR)]),
    ];
    for (const [start, end] of ranges) {
      if (end <= start) continue;
      await m.query(`DELETE FROM trade_rollup_league_hourly WHERE hour >= $1 AND hour < $2`, [start, end]);
      await m.query(`DELETE FROM trade_rollup_symbol_hourly WHERE hour >= $1 AND hour < $2`, [start, end]);
      await m.query(
        `INSERT INTO trade_rollup_league_hourly (hour, league_id, trades, buys, sells, shares, volume)
         SELECT date_trunc('hour', executed_at), league_id, count(*), count(*) FILTER (WHERE side = 'buy'),
                count(*) FILTER (WHERE side = 'sell'), sum(quantity), sum(amount)
           FROM trades WHERE executed_at >= $1 AND executed_at < $2 GROUP BY 1, 2`,
        [start, end],
      );
      await m.query(
        `INSERT INTO trade_rollup_symbol_hourly (hour, symbol, side, trades, shares, volume)
         SELECT date_trunc('hour', executed_at), symbol, side, count(*), sum(quantity), sum(amount)
           FROM trades WHERE executed_at >= $1 AND executed_at < $2 GROUP BY 1, 2, 3`,
        [start, end],
      );
    }
  }

  /**
   * Rebuilds the per-league days of [from, to) and the days of the extra hours from the hourly rollups (just
   * rebuilt). Readers use a day only once all its hours are rolled up, so a partial current day does no harm.
   */
  private async recomputeLeagueDays(m: EntityManager, from: Date, to: Date, extraHours: Date[]): Promise<void> {
    const days = [...new Set(extraHours.map((h) => floorTo(h, DAY).getTime()))]
      .filter((t) => t < from.getTime())
      .map((t): [Date, Date] => [new Date(t), new Date(t + DAY)]);
    for (const [start, until] of [[from, to] as [Date, Date], ...days]) {
      if (until <= start) continue;
      const end = new Date(Math.ceil(until.getTime() / DAY) * DAY);
      await m.query(
        `DELETE FROM trade_rollup_league_daily
          WHERE day >= ($1::timestamptz AT TIME ZONE 'UTC')::date AND day < ($2::timestamptz AT TIME ZONE 'UTC')::date`,
        [start, end],
      );
      await m.query(
        `INSERT INTO trade_rollup_league_daily (day, league_id, trades, buys, sells, shares, volume)
         SELECT (hour AT TIME ZONE 'UTC')::date, league_id, sum(trades), sum(buys), sum(sells), sum(shares),
                sum(volume)
           FROM trade_rollup_league_hourly
          WHERE hour >= $1 AND hour < $2
          GROUP BY 1, 2`,
        [start, end],
      );
    }
  }

  /** Rebuilds the daily rollups (UTC days) of [from, to) and of each extra day. */
  private async recomputeDays(m: EntityManager, from: Date, to: Date, extra: Date[]): Promise<void> {
    const ranges: Array<[Date, Date]> = [
      [from, to],
      ...extra.map((d): [Date, Date] => [d, new Date(d.getTime() + DAY)]),
    ];
    for (const [start, end] of ranges) {
      if (end <= start) continue;
      await m.query(
        `DELETE FROM trade_rollup_daily
          WHERE day >= ($1::timestamptz AT TIME ZONE 'UTC')::date AND day < ($2::timestamptz AT TIME ZONE 'UTC')::date`,
        [start, end],
      );
      // Days are UTC whatever the session time zone; a day with no activity still gets its row of zeros.
      await m.query(
        `WITH days AS (
           SELECT d::date AS day FROM generate_series($1::timestamptz AT TIME ZONE 'UTC',
                                                      $2::timestamptz AT TIME ZONE 'UTC' - interval '1 day',
                                                      interval '1 day') d
         ),
         t AS (
           SELECT (executed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS trades, sum(quantity) AS shares,
                  sum(amount) AS volume, count(DISTINCT user_id) AS traders
             FROM trades WHERE executed_at >= $1 AND executed_at < $2 GROUP BY 1
         ),
         active AS (
           SELECT day, count(DISTINCT user_id) AS users FROM (
             SELECT (executed_at AT TIME ZONE 'UTC')::date AS day, user_id FROM trades
              WHERE executed_at >= $1 AND executed_at < $2
             UNION ALL
             SELECT (a.created_at AT TIME ZONE 'UTC')::date, u.id FROM login_attempts a
               JOIN users u ON lower(u.username) = lower(a.username)
              WHERE a.success AND a.created_at >= $1 AND a.created_at < $2
           ) x GROUP BY day
         )
         INSERT INTO trade_rollup_daily (day, trades, shares, volume, active_traders, active_users)
         SELECT days.day, coalesce(t.trades, 0), coalesce(t.shares, 0), coalesce(t.volume, 0),
                coalesce(t.traders, 0), coalesce(active.users, 0)
           FROM days LEFT JOIN t USING (day) LEFT JOIN active USING (day)`,
        [start, end],
      );
    }
  }

  /** Leagues whose last complete hour is far above their 7-day hourly average raise `high_trades` alerts. */
  private async checkLeagueSpikes(hourMark: Date): Promise<number> {
    const rows: Array<{ league_id: number; name: string; trades: number; baseline: string }> = await this.db.query(
      `SELECT r.league_id, l.name, r.trades,
              coalesce((SELECT sum(b.trades) FROM trade_rollup_league_hourly b
                         WHERE b.league_id = r.league_id AND b.hour >= $1::timestamptz - interval '7 days'
                           AND b.hour < $1::timestamptz - interval '1 hour'),
                       0) / (7 * 24 - 1)::numeric AS baseline
         FROM trade_rollup_league_hourly r JOIN leagues l ON l.id = r.league_id
        WHERE r.hour = $1::timestamptz - interval '1 hour' AND r.trades >= $2`,
      [hourMark, LEAGUE_SPIKE.minTrades],
    );
    let spikes = 0;
    for (const row of rows) {
      const baseline = Number(row.baseline);
      if (row.trades < LEAGUE_SPIKE.baselineMultiple * Math.max(baseline, 1)) continue;
      spikes++;
      this.alerts.raise({
        alert_type: 'high_trades',
        severity: 'warning',
        title: `Unusual trading volume in league ${row.name}`,
        message: `${row.trades} trades in the last hour against a 7-day average of ${baseline.toFixed(1)} per hour`,
        data: { league_id: row.league_id, trades_last_hour: row.trades, baseline_per_hour: baseline },
        fingerprint: `high_trades:league:${row.league_id}`,
        source: 'rollup',
      });
    }
    return spikes;
  }
}

function floorTo(date: Date, unit: number): Date {
  return new Date(Math.floor(date.getTime() / unit) * unit);
}
