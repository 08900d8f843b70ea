import type { ComponentType } from 'react';
import { riskAlerts } from '../test/fixtures';
import { axeViolations, renderDashboard } from '../test/render';
import { expectShown, fakeMonitoringApi, type Shown } from '../test/rendered';
import { ActiveUsersCard } from './ActiveUsersCard';
import { AlertsCard } from './AlertsCard';
import { CacheCard } from './CacheCard';
import { DatabaseCard } from './DatabaseCard';
import { EngagementCard } from './EngagementCard';
import { HealthCard } from './HealthCard';
import { JobsCard } from './JobsCard';
import { LeagueActivityCard } from './LeagueActivityCard';
import { PerformanceCard } from './PerformanceCard';
import { RealtimeCard } from './RealtimeCard';
import { RiskCard } from './RiskCard';
import { SystemOverviewCard } from './SystemOverviewCard';
import { TradingActivityCard } from './TradingActivityCard';

const anyTime = expect.any(String) as string; // a local time: its text depends on the machine's time zone

/** Each card of the overview: what it shows with the fixtures' data, and with their empty answers. */
const CARDS: Array<{
  name: string;
  Card: ComponentType;
  overrides?: Record<string, unknown>;
  data: Shown;
  empty: Shown;
}> = [
  {
    name: 'System overview',
    Card: SystemOverviewCard,
    data: {
      stats: {
        users: '150',
        'active 7 days (30%)': '45',
        'new 7 days': '4',
        'active leagues': '12',
        'archived leagues': '3',
        'trades 24h': '342',
        'shares 24h': '10,000',
        'volume 24h': '$425,000.50',
      },
    },
    empty: { stats: { users: '0', 'active 7 days (0%)': '0', 'trades 24h': '0', 'volume 24h': '$0.00' } },
  },
  {
    name: 'Health',
    Card: HealthCard,
    data: {
      text: ['Overall: degraded', 'Redis slow'],
      rows: {
        'Health of each component': [
          ['Database', 'healthy', '2 ms'],
          ['Cache', 'degraded', '40 ms'],
        ],
      },
    },
    empty: {
      text: ['Overall: unhealthy', 'Redis disabled'],
      rows: {
        'Health of each component': [
          ['Database', 'healthy', '1 ms'],
          ['Cache', 'unhealthy', '–'],
        ],
      },
    },
  },
  {
    name: 'Real time',
    Card: RealtimeCard,
    data: {
      stats: {
        'trades last minute': '17',
        'trades last hour': '1,204',
        'logins 15 min': '38',
        'requests / min': '2,345',
        'error rate': '0.4%',
        'event-loop lag': '3.2 ms',
        memory: '182 MB',
        'cache hit rate': '93.5%',
      },
    },
    empty: { stats: { 'trades last hour': '0', 'requests / min': '0', 'cache hit rate': '–' } },
  },
  {
    name: 'Alerts',
    Card: AlertsCard,
    data: {
      text: ['1 active · critical 0 · error 0 · warning 1 · info 0'],
      rows: { 'Active alerts': [['warning', 'high_load', 'High system load detected', '3', anyTime, 'Resolve']] },
    },
    empty: { text: ['0 active · critical 0'], rows: { 'Active alerts': [['No active alerts.']] } },
  },
  {
    name: 'Trading activity',
    Card: TradingActivityCard,
    data: {
      stats: { trades: '1,342', 'buy / sell': '800 / 542', shares: '52,000', volume: '$1,234,567.89' },
      charts: [
        /volume per hour: 3 points from .+ latest \$622\.6K, peak \$622\.6K/,
        /trades per hour: 3 points from .+ latest 742, peak 742/,
      ],
    },
    empty: {
      stats: { trades: '0', 'buy / sell': '0 / 0', volume: '$0.00' },
      charts: [/volume per hour: no data in this range/, /trades per hour: no data in this range/],
      text: ['No data in this range.'],
    },
  },
  {
    name: 'Active users',
    Card: ActiveUsersCard,
    data: {
      text: ['1,234 users logged in today'],
      rows: {
        'Latest logins today': [
          ['ada', anyTime, '3', '27'],
          ['grace', anyTime, '1', '4'],
        ],
      },
    },
    empty: { text: ['0 users logged in today'], rows: { 'Latest logins today': [['Nobody logged in today.']] } },
  },
  {
    name: 'League activity',
    Card: LeagueActivityCard,
    data: {
      rows: {
        'Busiest leagues, last 24 hours': [
          ['Wall Street Wolves', '48', '2,310', '$987,654.32'],
          ['Penny Pinchers', '7', '12', '$1,500.00'],
        ],
      },
    },
    empty: { rows: { 'Busiest leagues, last 24 hours': [['No leagues yet.']] } },
  },
  {
    name: 'Risk assessment',
    Card: RiskCard,
    overrides: { '/admin/monitoring/alerts/json': riskAlerts },
    data: {
      text: ['Active alerts: 3 security · 2 high trading · 2 critical overall'],
      rows: { 'Most suspicious traders': [['speedy', '87', '610', '900', 'Burst trading from a 2-day-old account']] },
    },
    empty: {
      text: ['No suspicious trading in the last 24 hours.', 'Active alerts: 0 security · 0 high trading · 0 critical'],
    },
  },
  {
    name: 'Engagement',
    Card: EngagementCard,
    data: { charts: [/daily active users: 3 points from Dec 23 to Dec 25, latest 388, peak 512 at Dec 24\./] },
    empty: { charts: [/daily active users: no data in this range/], text: ['No data in this range.'] },
  },
  {
    name: 'Performance',
    Card: PerformanceCard,
    data: {
      stats: { CPU: '37.5%', RSS: '182 MB', 'event-loop p99': '14 ms', 'queries timed': '48,200' },
      charts: [/p95 latency \(ms\), all routes: 2 points from .+ latest 27, peak 27/],
    },
    empty: {
      stats: { CPU: '0%', 'queries timed': '0' },
      charts: [/p95 latency \(ms\), all routes: no data in this range/],
      text: ['No data in this range.'],
    },
  },
  {
    name: 'Cache',
    Card: CacheCard,
    data: {
      stats: {
        'hit rate': '90%',
        requests: '10,000',
        'L1 / L2 hits': '6,500 / 2,500',
        'L1 size': '3,200 · 5.0 MB',
        keys: '150',
        'backend · breaker': 'redis · closed',
      },
    },
    empty: {
      stats: {
        'hit rate': '0%',
        requests: '0',
        'L1 size': '0 · 0 B',
        keys: '0',
        'backend · breaker': 'memory · closed',
      },
    },
  },
  {
    name: 'Scheduled jobs',
    Card: JobsCard,
    data: { rows: { Jobs: [['warm_leaderboards', '0 */5 * * * *', 'ok 1250 ms', anyTime]] } },
    empty: { rows: { Jobs: [['No jobs scheduled.']] } },
  },
  {
    name: 'Database',
    Card: DatabaseCard,
    data: {
      stats: {
        records: '5,101,000',
        size: '2.0 GB',
        'connections active / idle / max': '3 / 7 / 20',
        'queries timed': '48,200',
      },
    },
    empty: {
      stats: { records: '0', size: '0 B', 'connections active / idle / max': '0 / 0 / 20', 'queries timed': '0' },
    },
  },
];

describe.each(CARDS)('the $name card', ({ Card, overrides, data, empty }) => {
  it('shows its data, without accessibility violations', async () => {
    fakeMonitoringApi('data', overrides);
    const { container } = renderDashboard(<Card />);
    await expectShown(container, data);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says so when there is nothing to show, without accessibility violations', async () => {
    fakeMonitoringApi('empty');
    const { container } = renderDashboard(<Card />);
    await expectShown(container, empty);
    expect(await axeViolations(container)).toEqual([]);
  });
});
