import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, PerformanceMetrics } from '@league/contracts';
import { useRefresh } from '../settings/refresh';
import { call, type Answer, type PathOf } from './client';
import { initialAnswer, initialAnswersAt, initialStaleTime } from './initial-answers';
import { queryKeys } from './query-keys';

type Params = Record<string, string | number | undefined>;
/** `?sort=&order=` of the lists the API sorts. */
type Sorted = { sort?: string; order?: string };

/** `path?a=1&b=2` without the empty parameters. */
export function withQuery(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The answer the server rendered the page with for `url`, as the query's initial data (none for other URLs). */
function fromServer<T>(url: string | undefined) {
  return {
    initialData: () => (url === undefined ? undefined : (initialAnswer(url) as T | undefined)),
    initialDataUpdatedAt: initialAnswersAt,
    staleTime: initialStaleTime,
  };
}

/** One monitoring endpoint, polled at the dashboard's refresh interval (never while hidden or paused). */
function useMonitoring<P extends PathOf<'get'>>(endpoint: string, path: P, params: Params = {}) {
  const { refetchInterval } = useRefresh();
  return useQuery({
    queryKey: queryKeys.monitoring(endpoint, params),
    queryFn: ({ signal }) => call('get', path, { query: params, signal }),
    ...fromServer<Answer<P, 'get'>>(withQuery(path, params)),
    refetchInterval,
    placeholderData: keepPreviousData,
    // Each answer stays the object received, so its Server-Timing (client.ts) can be found for it.
    structuralSharing: false,
  });
}

/** Every page of a paginated list (for CSV export), at most `limit` rows. */
export async function fetchAllPages<T>(path: PathOf<'get'>, params: Params = {}, limit = 10_000): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; items.length < limit; page++) {
    const result = (await call('get', path, { query: { ...params, page, page_size: 200 } })) as unknown as Page<T>;
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

export const useOverview = () => useMonitoring('overview', '/admin/monitoring/overview');
export const useHealth = () => useMonitoring('health', '/admin/monitoring/health');
export const useRealtime = () => useMonitoring('realtime', '/admin/monitoring/realtime/stats');
export const useDatabase = () => useMonitoring('database', '/admin/monitoring/database/json');
export const useActiveUsers = (params: { page?: number; page_size?: number } & Sorted) =>
  useMonitoring('active-users', PATHS.activeUsers, params);
export const useTradingActivity = (hours: number) =>
  useMonitoring('trading-activity', '/admin/monitoring/trading-activity/json', { hours });
export const useLeagueActivity = (
  params: { hours?: number; page?: number; page_size?: number; status?: string } & Sorted,
) => useMonitoring('league-activity', PATHS.leagueActivity, params);
export const useEngagement = (days: number) =>
  useMonitoring('engagement', '/admin/monitoring/engagement/json', { days });
export const useRisk = (params: { page?: number; page_size?: number } & Sorted) =>
  useMonitoring('risk', PATHS.risk, params);
export const useAlerts = (
  params: { severity?: string; alert_type?: string; page?: number; page_size?: number } & Sorted,
) => useMonitoring('alerts', PATHS.alerts, params);
export const useAlertHistory = (
  params: { severity?: string; alert_type?: string; page?: number; page_size?: number } & Sorted,
) => useMonitoring('alert-history', PATHS.alertHistory, params);
/** The window the API reports when asked without `from`: the last 15 minutes. */
const SERVER_DEFAULT_MINUTES = 15;

export const usePerformance = (minutes: number) => {
  // The window ends now at each poll: `from` is computed in the query function, the key holds the span only. The
  // server's default window is asked without `from`, so that request is always the same URL (the overview's HTML
  // preloads it).
  const { refetchInterval } = useRefresh();
  return useQuery({
    queryKey: queryKeys.monitoring('performance', { minutes }),
    queryFn: ({ signal }): Promise<PerformanceMetrics> =>
      call('get', '/admin/monitoring/performance/json', {
        query:
          minutes === SERVER_DEFAULT_MINUTES ? {} : { from: new Date(Date.now() - minutes * 60_000).toISOString() },
        signal,
      }),
    ...fromServer<PerformanceMetrics>(
      minutes === SERVER_DEFAULT_MINUTES ? '/admin/monitoring/performance/json' : undefined,
    ),
    refetchInterval,
    placeholderData: keepPreviousData,
    structuralSharing: false,
  });
};
export const useCacheStatus = () => useMonitoring('cache', '/admin/monitoring/cache/json');
export const useJobs = (params: { job?: string; outcome?: string; page?: number; page_size?: number } & Sorted) =>
  useMonitoring('jobs', PATHS.jobs, params);

/** Admin actions: each refreshes the cards it changes. */
function useAdminAction<TBody, TResult>(send: (body: TBody) => Promise<TResult>, refresh: string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all(refresh.map((e) => client.invalidateQueries({ queryKey: ['monitoring', e] }))),
  });
}

export const useResolveAlert = () =>
  useAdminAction(
    (id: number) => call('post', '/admin/monitoring/alerts/{id}/resolve', { path: { id } }),
    ['alerts', 'alert-history', 'overview', 'realtime'],
  );
/** Clears keys matching `pattern`; `null` clears the whole namespace (a separate, explicit action). */
export const useClearCache = () =>
  useAdminAction(
    (pattern: string | null) =>
      call('post', '/admin/monitoring/cache/clear', { body: pattern === null ? {} : { pattern } }),
    ['cache', 'realtime'],
  );
export const useWarmCache = () =>
  useAdminAction(
    (target: string) => call('post', '/admin/monitoring/cache/warm', { body: { target } }),
    ['cache', 'jobs'],
  );
