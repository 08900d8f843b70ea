/** The dashboard's pages: path under /admin/monitoring/ (the server serves its HTML for each) and nav label. */
export const PAGES = [
  { path: 'active-users', label: 'Active users' },
  { path: 'engagement', label: 'Engagement' },
  { path: 'trading-activity', label: 'Trading' },
  { path: 'league-activity', label: 'Leagues' },
  { path: 'risk-assessment', label: 'Risk' },
  { path: 'alerts', label: 'Alerts' },
  { path: 'performance', label: 'Performance' },
  { path: 'cache', label: 'Cache' },
  { path: 'jobs', label: 'Jobs' },
  { path: 'database', label: 'Database' },
] as const;

export type PagePath = (typeof PAGES)[number]['path'];
