export type ComponentStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface LiveResponse {
  status: 'ok';
  uptime_s: number;
}

export interface ReadyResponse {
  status: 'ready' | 'not_ready';
  overall_status?: ComponentStatus;
}
