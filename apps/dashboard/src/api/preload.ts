/**
 * Every request the main dashboard makes when it opens, as sent (path and query). The build lists them in
 * preload.json and the API preloads them from the overview's HTML for an admin, so the data is on its way while
 * the JavaScript loads. DashboardPage.spec keeps this list and the cards in step.
 */
export const MAIN_DASHBOARD_REQUESTS = [
  // The session first (the app's first render needs it), then the live figures, which the server computes on each
  // request, so their queries overlap the cached answers that follow (the browser sends a few at a time).
  '/api/auth/me',
  '/admin/monitoring/health',
  '/admin/monitoring/realtime/stats',
  '/admin/monitoring/alerts/json?page_size=5',
  '/admin/monitoring/cache/json',
  '/admin/monitoring/performance/json',
  '/admin/monitoring/jobs/json?page_size=10',
  '/admin/monitoring/overview',
  '/admin/monitoring/trading-activity/json?hours=24',
  '/admin/monitoring/active-users/json?page_size=5',
  '/admin/monitoring/league-activity/json?page_size=5',
  '/admin/monitoring/risk-assessment/json?page_size=5',
  '/admin/monitoring/engagement/json?days=30',
  '/admin/monitoring/database/json',
];

/** The file the build writes the list to, beside index.html. */
export const PRELOAD_FILE = 'preload.json';
