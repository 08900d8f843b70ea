import type { QueryTimings, RouteLatency } from '@league/contracts';
import { usePerformance } from '../api/monitoring';
import { SeriesChart } from '../charts/SeriesChart';
import { Card, formatNumber, Stat } from '../components/Card';
import { useClientTable } from '../components/client-table';
import { DataTable, type Column } from '../components/DataTable';
import { RangePicker } from '../components/RangePicker';
import { useUrlState } from '../settings/url-state';
import { Page } from './Page';

// Per-minute figures are kept 3 hours.
const MINUTE_RANGES = [
  { value: '15', label: '15 min' },
  { value: '60', label: '1 h' },
  { value: '180', label: '3 h' },
];

const routeColumns: Array<Column<RouteLatency>> = [
  { key: 'route', label: 'Route', value: (r) => `${r.method} ${r.route}` },
  { key: 'requests', label: 'Requests', value: (r) => r.requests, numeric: true },
  { key: 'requests_per_minute', label: 'req/min', value: (r) => r.requests_per_minute, numeric: true },
  { key: 'p50_ms', label: 'p50 ms', value: (r) => r.p50_ms, numeric: true },
  { key: 'p95_ms', label: 'p95 ms', value: (r) => r.p95_ms, numeric: true },
  { key: 'p99_ms', label: 'p99 ms', value: (r) => r.p99_ms, numeric: true },
  { key: 'error_rate_percent', label: 'Errors %', value: (r) => r.error_rate_percent, numeric: true },
];

type Statement = QueryTimings['slowest'][number];
export const statementColumns: Array<Column<Statement>> = [
  { key: 'statement', label: 'Statement', value: (s) => s.statement, render: (s) => <code>{s.statement}</code> },
  { key: 'calls', label: 'Calls', value: (s) => s.calls, numeric: true },
  { key: 'mean_ms', label: 'Mean ms', value: (s) => s.mean_ms, numeric: true },
  { key: 'max_ms', label: 'Max ms', value: (s) => s.max_ms, numeric: true },
];

export function StatementsTable({ rows, prefix }: { rows: Statement[]; prefix: string }) {
  const table = useClientTable(rows, statementColumns, { prefix, sort: { key: 'max_ms', order: 'desc' } });
  return (
    <DataTable
      caption="Slowest queries"
      columns={statementColumns}
      rowKey={(s) => s.statement}
      exportName="slowest-queries"
      exportRows={async () => rows}
      empty="No queries timed yet."
      {...table}
    />
  );
}

function RoutesTable({ rows }: { rows: RouteLatency[] }) {
  const table = useClientTable(rows, routeColumns, { prefix: 'routes.', sort: { key: 'p95_ms', order: 'desc' } });
  return (
    <DataTable
      caption="Latency per route"
      columns={routeColumns}
      rowKey={(r) => `${r.method} ${r.route}`}
      exportName="route-latency"
      exportRows={async () => rows}
      empty="No requests in this range."
      {...table}
    />
  );
}

export default function PerformancePage() {
  const [state, setState] = useUrlState({ minutes: '60' });
  const minutes = Number(state.minutes) || 60;
  const query = usePerformance(minutes);
  const range = (
    <RangePicker value={String(minutes)} onChange={(v) => setState({ minutes: v })} choices={MINUTE_RANGES} />
  );
  return (
    <Page title="Performance">
      <Card title="Requests" query={query} wide actions={range}>
        {(p) => (
          <>
            <p className="muted">
              {p.scope === 'cluster' ? 'All instances' : 'This instance only'} · {new Date(p.from).toLocaleTimeString()}{' '}
              to {new Date(p.to).toLocaleTimeString()}
            </p>
            <div className="charts">
              <SeriesChart data={p.series} x="minute" y="requests" label="requests per minute" />
              <SeriesChart data={p.series} x="minute" y="p95_ms" label="p95 latency (ms)" />
              <SeriesChart data={p.series} x="minute" y="errors" label="errors per minute" />
              <SeriesChart data={p.cache.series} x="at" y="hit_rate_percent" label="cache hit rate (%)" />
            </div>
            <RoutesTable rows={p.routes} />
          </>
        )}
      </Card>
      <Card title="Process" query={query}>
        {(p) => (
          <div className="stats">
            <Stat label="CPU" value={`${p.process.cpu_percent}%`} />
            <Stat label="RSS" value={`${p.process.memory.rss_mb} MB`} />
            <Stat label="heap used" value={`${p.process.memory.heap_used_mb} MB`} />
            <Stat
              label="event-loop mean / p99 / max"
              value={`${p.process.event_loop_lag_ms.mean} / ${p.process.event_loop_lag_ms.p99} / ${p.process.event_loop_lag_ms.max} ms`}
            />
            <Stat label="uptime" value={`${formatNumber(Math.round(p.process.uptime_s / 60))} min`} />
          </div>
        )}
      </Card>
      <Card title="Slowest queries" query={query} wide>
        {(p) => <StatementsTable rows={p.database.slowest} prefix="queries." />}
      </Card>
    </Page>
  );
}
