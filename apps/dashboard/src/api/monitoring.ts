import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActiveUser,
  Alert,
  AlertList,
  CacheClearResponse,
  CacheStatusView,
  DatabaseStats,
  EngagementMetrics,
  HealthReport,
  JobsResponse,
  LeagueActivity,
  Page,
  PerformanceMetrics,
  RealtimeStats,
  RiskAssessment,
  SystemOverview,
  TradingActivity,
  WarmCacheResponse,
} from '@league/contracts';
import { useRefresh } from '../settings/refresh';
import { api } from './client';
import { queryKeys } from './query-keys';

type Params = Record<string, string | number | undefined>;

/** `path?a=1&b=2` without the empty parameters. */
export function withQuery(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** One monitoring endpoint, polled at the dashboard's refresh interval (never while hidden or paused). */
function useMonitoring<T>(endpoint: string, path: string, params: Params = {}) {
  const { refetchInterval } = useRefresh();
  return useQuery({
    queryKey: queryKeys.monitoring(endpoint, params),
    queryFn: ({ signal }) => api<T>(withQuery(path, params), { signal }),
    refetchInterval,
    placeholderData: keepPreviousData,
  });
}

/** Every page of a paginated list (for CSV export), at most `limit` rows. */
export async function fetchAllPages<T>(path: string, params: Params = {}, limit = 10_000): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; items.length < limit; page++) {
    const result = await api<Page<T>>(withQuery(path, { ...params, page, page_size: 200 }));
    items.push(...result.items);
    if (result.items.length === 0 || items.length >= result.total) break;
  }
  return items.slice(0, limit);
}

export const PATHS = {
  activeUsers: '/admin/monitoring/active-users/json',
  leagueActivity: '/admin/monitoring/league-activity/json',
  risk: '/admin/monitoring/risk-assessment/json',
  alerts: '/admin/monitoring/alerts/json',
  alertHistory: '/admin/monitoring/alerts/history/json',
  jobs: '/admin/monitoring/jobs/json',
} as const;

export const useOverview = () => useMonitoring<SystemOverview>('overview', '/admin/monitoring/overview');
export const useHealth = () => useMonitoring<HealthReport>('health', '/admin/monitoring/health');
export const useRealtime = () => useMonitoring<RealtimeStats>('realtime', '/admin/monitoring/realtime/stats');
export const useDatabase = () => useMonitoring<DatabaseStats>('database', '/admin/monitoring/database/json');
export const useActiveUsers = (params: { page?: number; page_size?: number }) =>
  useMonitoring<Page<ActiveUser>>('active-users', PATHS.activeUsers, params);
export const useTradingActivity = (hours: number) =>
  useMonitoring<TradingActivity>('trading-activity', '/admin/monitoring/trading-activity/json', { hours });
export const useLeagueActivity = (params: { hours?: number; page?: number; page_size?: number; status?: string }) =>
  useMonitoring<Page<LeagueActivity>>('league-activity', PATHS.leagueActivity, params);
export const useEngagement = (days: number) =>
  useMonitoring<EngagementMetrics>('engagement', '/admin/monitoring/engagement/json', { days });
export const useRisk = (params: { page?: number; page_size?: number }) =>
  useMonitoring<Page<RiskAssessment>>('risk', PATHS.risk, params);
export const useAlerts = (params: { severity?: string; alert_type?: string; page?: number; page_size?: number }) =>
  useMonitoring<AlertList>('alerts', PATHS.alerts, params);
export const useAlertHistory = (params: {
  severity?: string;
  alert_type?: string;
  page?: number;
  page_size?: number;
}) => useMonitoring<Page<Alert>>('alert-history', PATHS.alertHistory, params);
export const usePerformance = (minutes: number) => {
  // The window ends now at each poll: `from` is computed in the query function, the key holds the span only.
  const { refetchInterval } = useRefresh();
  return useQuery({
    queryKey: queryKeys.monitoring('performance', { minutes }),
    queryFn: ({ signal }) =>
      api<PerformanceMetrics>(
        withQuery('/admin/monitoring/performance/json', {
          from: new Date(Date.now() - minutes * 60_000).toISOString(),
        }),
        { signal },
      ),
    refetchInterval,
    placeholderData: keepPreviousData,
  });
};
export const useCacheStatus = () => useMonitoring<CacheStatusView>('cache', '/admin/monitoring/cache/json');
export const useJobs = (params: { job?: string; outcome?: string; page?: number; page_size?: number }) =>
  useMonitoring<JobsResponse>('jobs', PATHS.jobs, params);

/** Admin actions: each refreshes the cards it changes. */
function useAdminAction<TBody, TResult>(
  path: (body: TBody) => string,
  send: (body: TBody) => unknown,
  refresh: string[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api<TResult>(path(body), { method: 'POST', body: send(body) }),
    onSuccess: () => Promise.all(refresh.map((e) => client.invalidateQueries({ queryKey: ['monitoring', e] }))),
  });
}

export const useResolveAlert = () =>
  useAdminAction<number, unknown>(
    (id) => `/admin/monitoring/alerts/${id}/resolve`,
    () => ({}),
    ['alerts', 'alert-history', 'overview', 'realtime'],
  );
/** Clears keys matching `pattern`; `null` clears the whole namespace (a separate, explicit action). */
export const useClearCache = () =>
  useAdminAction<string | null, CacheClearResponse>(
    () => '/admin/monitoring/cache/clear',
    (pattern) => (pattern === null ? {} : { pattern }),
    ['cache', 'realtime'],
  );
export const useWarmCache = () =>
  useAdminAction<string, WarmCacheResponse>(
    () => '/admin/monitoring/cache/warm',
    (target) => ({ target }),
    ['cache', 'jobs'],
  );
