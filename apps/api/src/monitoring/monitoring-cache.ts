/**
 * Keys and TTLs of the monitoring reads kept in CacheService. TTLs are short: a dashboard polling every few seconds
 * shares one computation per key and instance, and its figures lag the database by seconds at most. Keys sit
 * under `monitoring:`, so a clear of `monitoring:*` drops them all.
 */
export const MonitoringTtl = {
  overview: 10_000,
  database: 30_000,
  activeUsers: 10_000,
  engagement: 60_000,
  tradingActivity: 15_000,
  leagueActivity: 15_000,
  risk: 30_000,
} as const;

/** One cached monitoring read: its key, its computation and how long its result stays fresh. */
export interface MonitoringRead<T> {
  key: string;
  fetch: () => Promise<T>;
  ttlMs: number;
}

type Part = string | number | undefined;
const key = (...parts: Part[]) => ['monitoring', ...parts.map((p) => (p === undefined ? '-' : String(p)))].join(':');

export const MonitoringKey = {
  overview: () => key('overview'),
  database: () => key('database'),
  activeUsers: (page: number, pageSize: number, sort: string, order: string) =>
    key('active_users', sort, order, page, pageSize),
  engagement: (days: number) => key('engagement', days),
  /** `to` only when the caller fixed the window's end; otherwise the window ends at the time of the fetch. */
  tradingActivity: (hours: number, to?: Date) => key('trading_activity', hours, to?.toISOString()),
  leagueActivity: (
    hours: number,
    status: string | undefined,
    page: number,
    pageSize: number,
    sort: string,
    order: string,
  ) => key('league_activity', hours, status, sort, order, page, pageSize),
  risk: (page: number, pageSize: number, sort: string, order: string) => key('risk', sort, order, page, pageSize),
} as const;
