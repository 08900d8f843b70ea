import type { EngagementMetrics } from '@league/contracts';
import { useEngagement } from '../api/monitoring';
import { SeriesChart } from '../charts/SeriesChart';
import { Card } from '../components/Card';
import { useClientTable } from '../components/client-table';
import { DataTable, type Column } from '../components/DataTable';
import { RangePicker } from '../components/RangePicker';
import { useUrlState } from '../settings/url-state';
import { Page } from './Page';

interface Day {
  date: string;
  active: number;
  leagues: number;
  users: number;
}

const DAY_RANGES = [
  { value: '7', label: '7 d' },
  { value: '30', label: '30 d' },
  { value: '90', label: '90 d' },
];

const columns: Array<Column<Day>> = [
  { key: 'date', label: 'Date', value: (d) => d.date },
  { key: 'active', label: 'Active users', value: (d) => d.active, numeric: true },
  { key: 'users', label: 'New users', value: (d) => d.users, numeric: true },
  { key: 'leagues', label: 'Leagues created', value: (d) => d.leagues, numeric: true },
];

function days(e: EngagementMetrics): Day[] {
  const leagues = new Map(e.league_creation_trend.map((d) => [d.date, d.leagues]));
  const users = new Map(e.new_users_trend.map((d) => [d.date, d.users]));
  return e.daily_active_users.map((d) => ({
    date: d.date,
    active: d.active,
    leagues: leagues.get(d.date) ?? 0,
    users: users.get(d.date) ?? 0,
  }));
}

function DaysTable({ rows }: { rows: Day[] }) {
  const table = useClientTable(rows, columns, { prefix: 'days.', sort: { key: 'date', order: 'desc' } });
  return (
    <DataTable
      caption="Engagement per day"
      columns={columns}
      rowKey={(d) => d.date}
      exportName="engagement"
      exportRows={async () => rows}
      empty="No activity in this range."
      {...table}
    />
  );
}

export default function EngagementPage() {
  const [state, setState] = useUrlState({ days: '30' });
  const range = <RangePicker value={state.days} onChange={(v) => setState({ days: v })} choices={DAY_RANGES} />;
  return (
    <Page title="Engagement">
      <Card title="Trends" query={useEngagement(Number(state.days) || 30)} wide actions={range}>
        {(e) => (
          <>
            <div className="charts">
              <SeriesChart data={e.daily_active_users} x="date" y="active" label="daily active users" />
              <SeriesChart data={e.new_users_trend} x="date" y="users" label="new users" />
              <SeriesChart data={e.league_creation_trend} x="date" y="leagues" label="leagues created" />
            </div>
            <DaysTable rows={days(e)} />
          </>
        )}
      </Card>
    </Page>
  );
}
