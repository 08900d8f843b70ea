import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActiveUser,
  AlertList,
  AlertSeverity,
  CacheClearResponse,
  CacheStatusView,
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
import { api } from './client';
import { queryKeys } from './query-keys';

/** Refresh intervals: cheap figures often, heavy ones less; all pause while the tab is hidden. */
const FAST = 5_000;
const NORMAL = 15_000;
const SLOW = 60_000;

function useMonitoring<T>(
  endpoint: string,
  path: string,
  refetchInterval: number,
  params: Record<string, unknown> = {},
) {
  return useQuery({
    queryKey: queryKeys.monitoring(endpoint, params),
    queryFn: () => api<T>(path),
    refetchInterval,
  });
}

export const useOverview = () => useMonitoring<SystemOverview>('overview', '/admin/monitoring/overview', NORMAL);
export const useHealth = () => useMonitoring<HealthReport>('health', '/admin/monitoring/health', NORMAL);
export const useRealtime = () => useMonitoring<RealtimeStats>('realtime', '/admin/monitoring/realtime/stats', FAST);
export const useActiveUsers = () =>
  useMonitoring<Page<ActiveUser>>('active-users', '/admin/monitoring/active-users/json?page_size=10', NORMAL);
export const useTradingActivity = (hours: number) =>
  useMonitoring<TradingActivity>('trading-activity', `/admin/monitoring/trading-activity/json?hours=${hours}`, NORMAL, {
    hours,
  });
export const useLeagueActivity = () =>
  useMonitoring<Page<LeagueActivity>>('league-activity', '/admin/monitoring/league-activity/json?page_size=10', SLOW);
export const useEngagement = () =>
  useMonitoring<EngagementMetrics>('engagement', '/admin/monitoring/engagement/json', SLOW);
export const useRisk = () =>
  useMonitoring<Page<RiskAssessment>>('risk', '/admin/monitoring/risk-assessment/json?page_size=10', SLOW);
export const useAlerts = (severity: AlertSeverity | '') =>
  useMonitoring<AlertList>(
    'alerts',
    `/admin/monitoring/alerts/json${severity ? `?severity=${severity}` : ''}`,
    NORMAL,
    { severity },
  );
export const usePerformance = () =>
  useMonitoring<PerformanceMetrics>('performance', '/admin/monitoring/performance/json', NORMAL);
export const useCacheStatus = () => useMonitoring<CacheStatusView>('cache', '/admin/monitoring/cache/json', NORMAL);
export const useJobs = () => useMonitoring<JobsResponse>('jobs', '/admin/monitoring/jobs/json?page_size=10', NORMAL);

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
    ['alerts', 'overview'],
  );
export const useClearCache = () =>
  useAdminAction<string, CacheClearResponse>(
    () => '/admin/monitoring/cache/clear',
    (pattern) => (pattern ? { pattern } : {}),
    ['cache'],
  );
export const useWarmCache = () =>
  useAdminAction<string, WarmCacheResponse>(
    () => '/admin/monitoring/cache/warm',
    (target) => ({ target }),
    ['cache', 'jobs'],
  );
