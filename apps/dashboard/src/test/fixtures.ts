import type { AlertList, HealthReport, SystemOverview, UserView } from '@league/contracts';

export const adminUser: UserView = {
  id: 1,
  username: 'admin',
  email: 'admin@example.com',
  role: 'admin',
  created_at: '2025-12-01T00:00:00.000Z',
  last_login_at: '2025-12-25T14:30:00.000Z',
};

export const overview: SystemOverview = {
  users: { total: 150, active_7days: 45, active_percentage: 30, new_7days: 4 },
  leagues: { active: 12, archived: 3, total: 15 },
  trading: { trades_24h: 342, shares_traded_24h: 10_000, volume_24h: 425_000.5 },
  alerts: { total_active: 1, critical: 0 },
  generated_at: '2025-12-25T14:35:00.000Z',
};

export const health: HealthReport = {
  timestamp: '2025-12-25T14:35:00.000Z',
  database: { status: 'healthy', message: 'Database reachable', latency_ms: 2, since: '2025-12-25T10:00:00.000Z' },
  cache: { status: 'degraded', message: 'Redis slow', latency_ms: 40, since: '2025-12-25T14:00:00.000Z' },
  overall_status: 'degraded',
};

export const alerts: AlertList = {
  items: [
    {
      id: 7,
      alert_type: 'high_load',
      severity: 'warning',
      title: 'High system load detected',
      message: 'CPU usage above 80%',
      data: { cpu_usage: 85.5 },
      fingerprint: 'high_load:cpu',
      source: 'test',
      occurrences: 3,
      first_seen: '2025-12-25T14:00:00.000Z',
      last_seen: '2025-12-25T14:30:00.000Z',
      created_at: '2025-12-25T14:00:00.000Z',
      resolved_at: null,
      resolved_by: null,
      resolution: null,
    },
  ],
  page: 1,
  page_size: 5,
  total: 1,
  stats: { total_active: 1, by_severity: { info: 0, warning: 1, error: 0, critical: 0 }, by_type: {}, buffered: 0 },
};
