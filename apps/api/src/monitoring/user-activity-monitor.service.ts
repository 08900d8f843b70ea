import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ActiveUser,
  ActiveUserSort,
  EngagementMetrics,
  LeagueActivity,
  LeagueActivitySort,
  Page,
  RiskAssessment,
  RiskSort,
  SortOrder,
  TradingActivity,
} from '@league/contracts';
import { CacheService } from '../cache/cache.service.js';
import { iso } from './alert-row.js';
import { MonitoringKey, MonitoringTtl, type MonitoringRead } from './monitoring-cache.js';
import { assessRisk, riskCandidatesQuery } from './risk-rules.js';
import { TradeRollups } from './trade-rollups.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOP_SYMBOLS = 10;

/** SQL direction of a whitelisted order. */
const direction = (order: SortOrder) => (order === 'asc' ? 'ASC' : 'DESC');

/**
 * Who is active, what they trade, which leagues are busy, and who trades suspiciously. Every read goes through
 * CacheService with a short TTL (monitoring-cache.ts).
 */
@Injectable()
export class UserActivityMonitor {
  constructor(
    private readonly db: DataSource,
    private readonly rollups: TradeRollups,
    private readonly cache: CacheService,
  ) {}

  /** Users whose last login is today (UTC), latest first by default, with their league count and trades today. */
  getActiveUsersToday(...args: Parameters<UserActivityMonitor['activeUsersTodayRead']>): Promise<Page<ActiveUser>> {
    const read = this.activeUsersTodayRead(...args);
    return this.cache.getOrFetch(read.key, read.fetch, read.ttlMs);
  }

  activeUsersTodayRead(
    page = 1,
    pageSize = 50,
    sort: ActiveUserSort = 'last_login',
    order: SortOrder = 'desc',
  ): MonitoringRead<Page<ActiveUser>> {
    return {
      key: MonitoringKey.activeUsers(page, pageSize, sort, order),
      fetch: () => this.activeUsersToday(page, pageSize, sort, order),
      ttlMs: MonitoringTtl.activeUsers,
    };
  }

  private async activeUsersToday(
    page: number,
    pageSize: number,
    sort: ActiveUserSort,
    order: SortOrder,
  ): Promise<Page<ActiveUser>> {
    const today = startOfUtcDay(new Date());
    const dir = direction(order);
    const counts = `(SELECT count(*) FROM league_members m WHERE m.user_id = u.id) AS league_count,
                    (SELECT count(*) FROM trades t WHERE t.user_id = u.id AND t.executed_at >= $1) AS trades_today`;
    // Orders on users' own columns page first (last_login along its index) and count for the page only; orders on
    // the counts count for every user of the day (thousands, each an index range), then page.
    const sql =
      sort === 'last_login' || sort === 'username'
        ? `SELECT u.id, u.username, u.last_login_at, ${counts}
             FROM users u WHERE u.last_login_at >= $1
            ORDER BY ${sort === 'last_login' ? 'u.last_login_at' : 'lower(u.username)'} ${dir}, u.id ${dir}
            LIMIT $2 OFFSET $3`
        : `SELECT * FROM (SELECT u.id, u.username, u.last_login_at, ${counts}
                            FROM users u WHERE u.last_login_at >= $1) c
            ORDER BY ${sort} ${dir}, id ${dir} LIMIT $2 OFFSET $3`;
    const [rows, [count]] = await Promise.all([
      this.db.query(sql, [today, pageSize, (page - 1) * pageSize]),
      this.db.query(`SELECT count(*) AS n FROM users WHERE last_login_at >= $1`, [today]),
    ]);
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        id: Number(r.id),
        username: String(r.username),
        last_login: iso(r.last_login_at as Date),
        league_count: Number(r.league_count),
        trades_today: Number(r.trades_today),
      })),
      page,
      page_size: pageSize,
      total: Number(count.n),
    };
  }

  /** Trades over [to - hours, to) (`to` defaults to now): totals, buy/sell split, top symbols, an hourly series. */
  getTradingActivity(...args: Parameters<UserActivityMonitor['tradingActivityRead']>): Promise<TradingActivity> {
    const read = this.tradingActivityRead(...args);
    return this.cache.getOrFetch(read.key, read.fetch, read.ttlMs);
  }

  tradingActivityRead(hours = 24, to?: Date): MonitoringRead<TradingActivity> {
    return {
      key: MonitoringKey.tradingActivity(hours, to),
      fetch: () => this.tradingActivity(hours, to ?? new Date()),
      ttlMs: MonitoringTtl.tradingActivity,
    };
  }

  private async tradingActivity(hours: number, to: Date): Promise<TradingActivity> {
    const from = new Date(to.getTime() - hours * HOUR);
    const [symbols, hourly] = await Promise.all([this.rollups.symbolTotals(from, to), this.rollups.hourly(from, to)]);
    const bySymbol = new Map<string, { count: number; shares: number; volume: number }>();
    const byType = { buy: 0, sell: 0 };
    let shares = 0;
    let volume = 0;
    for (const s of symbols) {
      byType[s.side] += s.trades;
      shares += s.shares;
      volume += s.volume;
      const agg = bySymbol.get(s.symbol) ?? { count: 0, shares: 0, volume: 0 };
      agg.count += s.trades;
      agg.shares += s.shares;
      agg.volume += s.volume;
      bySymbol.set(s.symbol, agg);
    }
    const top_symbols = [...bySymbol.entries()]
      .map(([symbol, a]) => ({
        symbol,
        count: a.count,
        avg_qty: Math.round((a.shares / a.count) * 100) / 100,
        volume: money(a.volume),
      }))
      .sort((a, b) => b.count - a.count || a.symbol.localeCompare(b.symbol))
      .slice(0, TOP_SYMBOLS);
    const perHour = new Map(hourly.map((h) => [h.hour.getTime(), h]));
    const series = [];
    for (let t = Math.floor(from.getTime() / HOUR) * HOUR; t < to.getTime(); t += HOUR) {
      const h = perHour.get(t);
      series.push({ hour: new Date(t).toISOString(), trades: h?.trades ?? 0, volume: money(h?.volume ?? 0) });
    }
    return {
      hours,
      from: from.toISOString(),
      to: to.toISOString(),
      total_trades: byType.buy + byType.sell,
      shares_traded: shares,
      volume: money(volume),
      by_type: byType,
      top_symbols,
      hourly: series,
    };
  }

  /** Leagues by trades over the last `hours` (busiest first by default), with member counts. */
  getLeagueActivity(...args: Parameters<UserActivityMonitor['leagueActivityRead']>): Promise<Page<LeagueActivity>> {
    const read = this.leagueActivityRead(...args);
    return this.cache.getOrFetch(read.key, read.fetch, read.ttlMs);
  }

  leagueActivityRead(options: LeagueActivityOptions = {}): MonitoringRead<Page<LeagueActivity>> {
    const { hours = 24, page = 1, pageSize = 50, status, sort = 'trade_count', order = 'desc' } = options;
    return {
      key: MonitoringKey.leagueActivity(hours, status, page, pageSize, sort, order),
      fetch: () => this.leagueActivity({ hours, page, pageSize, status, sort, order }),
      ttlMs: MonitoringTtl.leagueActivity,
    };
  }

  private async leagueActivity(
    options: Required<Omit<LeagueActivityOptions, 'status'>> & Pick<LeagueActivityOptions, 'status'>,
  ): Promise<Page<LeagueActivity>> {
    const { hours, page, pageSize, status, sort, order } = options;
    const dir = direction(order);
    // Output names of the ranking; members are counted for every league only when they are the order.
    const rank = sort === 'member_count' ? 'members' : sort;
    const to = new Date();
    const totals = await this.rollups.leagueTotals(new Date(to.getTime() - hours * HOUR), to);
    const params: unknown[] = [
      JSON.stringify(totals.map((t) => ({ id: t.league_id, trades: t.trades, volume: t.volume }))),
      pageSize,
      (page - 1) * pageSize,
    ];
    const filter = status ? `WHERE l.status = $${params.push(status)}` : '';
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `WITH t AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id integer, trades integer, volume numeric)),
       ranked AS (
         SELECT l.id, l.name, l.status, l.created_at, coalesce(t.trades, 0) AS trade_count,
                coalesce(t.volume, 0) AS volume, count(*) OVER () AS total,
                ${sort === 'member_count' ? '(SELECT count(*) FROM league_members m WHERE m.league_id = l.id)' : 'NULL::bigint'} AS members
           FROM leagues l LEFT JOIN t ON t.id = l.id ${filter}
          ORDER BY ${rank} ${dir}, id ${dir} LIMIT $2 OFFSET $3)
       SELECT ranked.*,
              coalesce(members, (SELECT count(*) FROM league_members m WHERE m.league_id = ranked.id)) AS member_count
         FROM ranked ORDER BY ${sort} ${dir}, id ${dir}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && page > 1) {
      const [c] = await this.db.query(
        `SELECT count(*) AS n FROM leagues l ${status ? 'WHERE l.status = $1' : ''}`,
        status ? [status] : [],
      );
      total = Number(c.n);
    }
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        name: String(r.name),
        status: r.status as 'active' | 'archived',
        member_count: Number(r.member_count),
        trade_count: Number(r.trade_count),
        volume: money(Number(r.volume)),
        created_at: iso(r.created_at as Date),
      })),
      page,
      page_size: pageSize,
      total,
    };
  }

  /** Daily active users (logged in or traded), leagues and users created per day, over the last `days` (UTC). */
  getEngagementMetrics(...args: Parameters<UserActivityMonitor['engagementMetricsRead']>): Promise<EngagementMetrics> {
    const read = this.engagementMetricsRead(...args);
    return this.cache.getOrFetch(read.key, read.fetch, read.ttlMs);
  }

  engagementMetricsRead(days = 30): MonitoringRead<EngagementMetrics> {
    return {
      key: MonitoringKey.engagement(days),
      fetch: () => this.engagementMetrics(days),
      ttlMs: MonitoringTtl.engagement,
    };
  }

  private async engagementMetrics(days: number): Promise<EngagementMetrics> {
    const today = startOfUtcDay(new Date());
    const from = new Date(today.getTime() - (days - 1) * DAY);
    const end = new Date(today.getTime() + DAY);
    const rolled = await this.rollups.dailyActive(from, end);
    // Days the rollups do not cover (today, unless the last run is fresh) are counted live.
    const liveFrom = new Date(Math.max(from.getTime(), rolled.coveredUntil?.getTime() ?? from.getTime()));
    const [live, leagues, users] = await Promise.all([
      this.db.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(DISTINCT user_id) AS active FROM (
           SELECT (executed_at AT TIME ZONE 'UTC')::date AS day, user_id FROM trades WHERE executed_at >= $1
           UNION ALL
           SELECT (a.created_at AT TIME ZONE 'UTC')::date, u.id FROM login_attempts a
             JOIN users u ON lower(u.username) = lower(a.username)
            WHERE a.success AND a.created_at >= $1
         ) x GROUP BY day`,
        [liveFrom],
      ),
      this.db.query(
        `SELECT to_char((created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*) AS n
           FROM leagues WHERE created_at >= $1 GROUP BY 1`,
        [from],
      ),
      this.db.query(
        `SELECT to_char((created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*) AS n
           FROM users WHERE created_at >= $1 GROUP BY 1`,
        [from],
      ),
    ]);
    const active = new Map(rolled.days);
    for (const r of live as Array<{ day: string; active: string }>) active.set(r.day, Number(r.active));
    const leagueMap = new Map((leagues as Array<{ day: string; n: string }>).map((r) => [r.day, Number(r.n)]));
    const userMap = new Map((users as Array<{ day: string; n: string }>).map((r) => [r.day, Number(r.n)]));
    const result: EngagementMetrics = { days, daily_active_users: [], league_creation_trend: [], new_users_trend: [] };
    for (let t = from.getTime(); t <= today.getTime(); t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      result.daily_active_users.push({ date, active: active.get(date) ?? 0 });
      result.league_creation_trend.push({ date, leagues: leagueMap.get(date) ?? 0 });
      result.new_users_trend.push({ date, users: userMap.get(date) ?? 0 });
    }
    return result;
  }

  /**
   * Users whose last 24 hours look suspicious: high volume against their own 7-day baseline, bursts, same-symbol
   * round trips, new accounts trading heavily. Highest score first by default.
   */
  getUserRiskAssessment(
    ...args: Parameters<UserActivityMonitor['userRiskAssessmentRead']>
  ): Promise<Page<RiskAssessment>> {
    const read = this.userRiskAssessmentRead(...args);
    return this.cache.getOrFetch(read.key, read.fetch, read.ttlMs);
  }

  userRiskAssessmentRead(
    page = 1,
    pageSize = 50,
    sort: RiskSort = 'score',
    order: SortOrder = 'desc',
  ): MonitoringRead<Page<RiskAssessment>> {
    return {
      key: MonitoringKey.risk(page, pageSize, sort, order),
      fetch: () => this.riskAssessment(page, pageSize, sort, order),
      ttlMs: MonitoringTtl.risk,
    };
  }

  private async riskAssessment(
    page: number,
    pageSize: number,
    sort: RiskSort,
    order: SortOrder,
  ): Promise<Page<RiskAssessment>> {
    // The last rollup's snapshot (one small table, as of its run), else, before any run, the same query live.
    const snapshot = await this.rollups.riskSnapshot();
    const now = snapshot?.computedAt ?? new Date();
    const since = new Date(now.getTime() - DAY);
    let candidates = snapshot?.rows;
    if (!candidates) {
      const live = riskCandidatesQuery(now);
      candidates = (await this.db.query(live.sql, live.params)) as Array<Record<string, string>>;
    }
    if (!candidates.length) return { items: [], page, page_size: pageSize, total: 0 };
    const ids = candidates.map((c) => Number(c.user_id));
    const [baselines, users]: [
      Array<{ user_id: number; n: string }>,
      Array<{ id: number; username: string; created_at: Date }>,
    ] = await Promise.all([
      this.db.query(
        `SELECT user_id, count(*) AS n FROM trades
            WHERE user_id = ANY($1::int[]) AND executed_at >= $2 AND executed_at < $3 GROUP BY user_id`,
        [ids, new Date(now.getTime() - 7 * DAY), since],
      ),
      this.db.query(`SELECT id, username, created_at FROM users WHERE id = ANY($1::int[])`, [ids]),
    ]);
    const baselineOf = new Map(baselines.map((b) => [Number(b.user_id), Number(b.n)]));
    const userOf = new Map(users.map((u) => [Number(u.id), u]));
    const assessed: RiskAssessment[] = [];
    for (const c of candidates) {
      const id = Number(c.user_id);
      const user = userOf.get(id);
      if (!user) continue;
      const before = baselineOf.get(id) ?? 0;
      const recent = Number(c.recent_trades);
      const facts = {
        recentTrades: recent,
        baselineDaily: Math.round((before / 6) * 100) / 100,
        maxPerMinute: Number(c.max_per_minute),
        roundTrips: Number(c.round_trips),
        accountAgeDays: Math.floor((now.getTime() - new Date(user.created_at).getTime()) / DAY),
      };
      const verdict = assessRisk(facts);
      if (!verdict.reasons.length) continue;
      assessed.push({
        id,
        username: user.username,
        trades_count: before + recent,
        recent_trades: recent,
        baseline_daily: facts.baselineDaily,
        max_trades_per_minute: facts.maxPerMinute,
        round_trips: facts.roundTrips,
        account_age_days: facts.accountAgeDays,
        ...verdict,
      });
    }
    const factor = order === 'asc' ? 1 : -1;
    const by = (a: RiskAssessment, b: RiskAssessment): number =>
      sort === 'username' ? a.username.localeCompare(b.username) : a[sort] - b[sort];
    // Ties: the usual ranking (score, then recent trades), then id.
    assessed.sort(
      (a, b) => factor * by(a, b) || b.score - a.score || b.recent_trades - a.recent_trades || factor * (a.id - b.id),
    );
    return {
      items: assessed.slice((page - 1) * pageSize, page * pageSize),
      page,
      page_size: pageSize,
      total: assessed.length,
    };
  }
}

export interface LeagueActivityOptions {
  hours?: number;
  page?: number;
  pageSize?: number;
  status?: 'active' | 'archived';
  sort?: LeagueActivitySort;
  order?: SortOrder;
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY) * DAY);
}

function money(n: number): number {
  return Math.round(n * 100) / 100;
}
