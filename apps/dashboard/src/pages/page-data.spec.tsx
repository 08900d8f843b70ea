import type { ComponentType } from 'react';
import { riskAlerts } from '../test/fixtures';
import { axeViolations, renderDashboard } from '../test/render';
import { expectShown, fakeMonitoringApi, type Shown } from '../test/rendered';
import ActiveUsersPage from './ActiveUsersPage';
import AlertsPage from './AlertsPage';
import CachePage from './CachePage';
import { DashboardPage } from './DashboardPage';
import DatabasePage from './DatabasePage';
import EngagementPage from './EngagementPage';
import JobsPage from './JobsPage';
import LeagueActivityPage from './LeagueActivityPage';
import PerformancePage from './PerformancePage';
import RiskPage from './RiskPage';
import TradingActivityPage from './TradingActivityPage';

const anyTime = expect.any(String) as string; // a local time: its text depends on the machine's time zone
const noData = (...labels: string[]) => labels.map((l) => new RegExp(`^${l} ${l}: no data in this range\\.$`));

/** Each page: what it shows with the fixtures' data, and with their empty answers (cards are in cards.spec). */
const PAGES: Array<{
  name: string;
  Page: ComponentType;
  path: string;
  overrides?: Record<string, unknown>;
  data: Shown;
  empty: Shown;
}> = [
  {
    name: 'Overview',
    Page: DashboardPage,
    path: '/',
    data: { stats: { users: '150', 'trades last hour': '1,204', 'L1 / L2 hits': '6,500 / 2,500', size: '2.0 GB' } },
    empty: { stats: { users: '0', 'cache hit rate': '–' }, text: ['No active alerts.', 'Nobody logged in today.'] },
  },
  {
    name: 'Active users',
    Page: ActiveUsersPage,
    path: '/active-users',
    data: {
      rows: {
        'Users logged in today': [
          ['ada', anyTime, '3', '27'],
          ['grace', anyTime, '1', '4'],
        ],
      },
      text: ['Page 1 of 50 · 1,234 rows'],
    },
    empty: { rows: { 'Users logged in today': [['Nobody logged in today.']] }, text: ['Page 1 of 1 · 0 rows'] },
  },
  {
    name: 'Engagement',
    Page: EngagementPage,
    path: '/engagement',
    data: {
      charts: [
        /daily active users: 3 points from Dec 23 to Dec 25, latest 388, peak 512 at Dec 24\./,
        /new users: 2 points from Dec 23 to Dec 25, latest 21, peak 21 at Dec 25\./,
        /leagues created: 1 point from Dec 24 to Dec 24, latest 6, peak 6/,
      ],
      rows: {
        'Engagement per day': [
          ['2025-12-25', '388', '21', '0'],
          ['2025-12-24', '512', '0', '6'],
          ['2025-12-23', '410', '14', '0'],
        ],
      },
    },
    empty: {
      charts: noData('daily active users', 'new users', 'leagues created'),
      rows: { 'Engagement per day': [['No activity in this range.']] },
    },
  },
  {
    name: 'Trading activity',
    Page: TradingActivityPage,
    path: '/trading-activity',
    data: {
      stats: { trades: '1,342', buy: '800', sell: '542', shares: '52,000', volume: '$1,234,567.89' },
      charts: [/volume per hour: 3 points .+ latest \$622\.6K/, /trades per hour: 3 points .+ peak 742/],
      rows: {
        'Top symbols': [
          ['AAPL', '612', '40', '$734,000.50'],
          ['TSLA', '301', '12', '$250,100.00'],
        ],
      },
    },
    empty: {
      stats: { trades: '0', volume: '$0.00' },
      charts: noData('volume per hour', 'trades per hour'),
      rows: { 'Top symbols': [['No trades in this range.']] },
    },
  },
  {
    name: 'League activity',
    Page: LeagueActivityPage,
    path: '/league-activity',
    data: {
      rows: {
        'Leagues by trades in the range': [
          ['Wall Street Wolves', 'active', '48', '2,310', '$987,654.32'],
          ['Penny Pinchers', 'archived', '7', '12', '$1,500.00'],
        ],
      },
    },
    empty: { rows: { 'Leagues by trades in the range': [['No leagues.']] } },
  },
  {
    name: 'Risk assessment',
    Page: RiskPage,
    path: '/risk-assessment',
    overrides: { '/admin/monitoring/alerts/json': riskAlerts },
    data: {
      text: ['Active alerts: 3 security · 2 high trading · 2 critical overall'],
      rows: {
        'Suspicious traders': [['speedy', '87', '610', '900', '35', '2', 'Burst trading from a 2-day-old account']],
      },
    },
    empty: { rows: { 'Suspicious traders': [['No suspicious trading in the last 24 hours.']] } },
  },
  {
    name: 'Alerts',
    Page: AlertsPage,
    path: '/alerts',
    data: {
      text: ['1 active · critical 0 · error 0 · warning 1 · info 0', '(manual)'],
      rows: {
        'Active alerts': [['warning', 'high_load', 'High system load detected', '3', anyTime, 'Resolve']],
        'Alert history': [['critical', 'security', 'Burst of failed logins', '3']],
      },
    },
    empty: { rows: { 'Active alerts': [['No active alerts.']], 'Alert history': [['No resolved alerts.']] } },
  },
  {
    name: 'Performance',
    Page: PerformancePage,
    path: '/performance',
    data: {
      text: ['All instances'],
      stats: {
        CPU: '37.5%',
        'heap used': '96 MB',
        'event-loop mean / p99 / max': '1.2 / 14 / 40 ms',
        uptime: '121 min',
      },
      charts: [
        /requests per minute: 2 points .+ latest 640/,
        /p95 latency \(ms\): 2 points .+ latest 27/,
        /errors per minute: 2 points .+ latest 2/,
        /cache hit rate \(%\): 2 points .+ latest 92\.5/,
      ],
      rows: {
        'Latency per route': [['GET /leagues/:id/leaderboard', '9120', '608', '4', '21', '48', '0.03']],
        'Slowest queries': [['SELECT * FROM trades WHERE user_id = $1', '310', '12.5', '230']],
      },
    },
    empty: {
      text: ['This instance only'],
      stats: { CPU: '0%', uptime: '0 min' },
      charts: noData('requests per minute', 'p95 latency \\(ms\\)', 'errors per minute', 'cache hit rate \\(%\\)'),
      rows: { 'Latency per route': [['No requests in this range.']], 'Slowest queries': [['No queries timed yet.']] },
    },
  },
  {
    name: 'Cache',
    Page: CachePage,
    path: '/cache',
    data: {
      stats: {
        'hit rate': '90%',
        'hits / misses': '9,000 / 1,000',
        'L1 entries': '3,200 of 10,000',
        'L1 bytes': '5.0 MB of 64.0 MB',
        keys: '150',
        Redis: '1.5 ms',
      },
      charts: [/cache hit rate \(%\): 2 points .+ latest 92\.5, peak 92\.5/],
      rows: {
        'Keys and hit rate per type': [
          ['leaderboard', '120', '4000', '200', '95.2%', '300'],
          ['quote', '30', '0', '0', '–', '60'],
        ],
      },
    },
    empty: {
      stats: { 'hit rate': '0%', keys: '0', Redis: 'Redis disabled', backend: 'memory · breaker closed' },
      charts: noData('cache hit rate \\(%\\)'),
      rows: { 'Keys and hit rate per type': [['No keys cached.']] },
    },
  },
  {
    name: 'Jobs',
    Page: JobsPage,
    path: '/jobs',
    data: {
      text: ['This instance: api-1 · lock: redis', 'Page 1 of 1 · 2 rows'],
      rows: {
        Jobs: [['warm_leaderboards', '0 */5 * * * *', 'ok 1250 ms', anyTime]],
        'Job runs': [
          ['warm_leaderboards', 'schedule', anyTime, '1250', 'ok', '96', '12', 'api-1', ''],
          ['warm_leaderboards', 'schedule', anyTime, '80', 'failed', '96', '12', 'api-1', 'Redis unreachable'],
        ],
      },
    },
    empty: {
      text: ['lock: postgres', 'Page 1 of 1 · 0 rows'],
      rows: { Jobs: [['No jobs scheduled.']], 'Job runs': [['No runs match.']] },
    },
  },
  {
    name: 'Database',
    Page: DatabasePage,
    path: '/database',
    data: {
      stats: { 'records (estimated)': '5,101,000', size: '2.0 GB', 'connections active / idle / max': '3 / 7 / 20' },
      text: ['48,200 queries timed by this instance, 96,400 ms in all'],
      rows: {
        'Rows per table': [
          ['trades', '5,000,000'],
          ['users', '100,000'],
          ['leagues', '1,000'],
        ],
        'Slowest queries': [['SELECT count(*) FROM trades', '4', '310.2', '512']],
      },
    },
    empty: {
      stats: { 'records (estimated)': '0', size: '0 B' },
      text: ['0 queries timed by this instance, 0 ms in all'],
      rows: { 'Rows per table': [['No table statistics yet.']], 'Slowest queries': [['No queries timed yet.']] },
    },
  },
];

describe.each(PAGES)('the $name page', ({ Page, path, overrides, data, empty }) => {
  it('shows its data, without accessibility violations', async () => {
    fakeMonitoringApi('data', overrides);
    const { container } = renderDashboard(<Page />, path);
    await expectShown(container, data);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says so when there is nothing to show, without accessibility violations', async () => {
    fakeMonitoringApi('empty');
    const { container } = renderDashboard(<Page />, path);
    await expectShown(container, empty);
    expect(await axeViolations(container)).toEqual([]);
  });
});
