import { useDatabase } from '../api/monitoring';
import { Card, formatNumber, Stat } from '../components/Card';
import { useClientTable } from '../components/client-table';
import { DataTable, type Column } from '../components/DataTable';
import { formatBytes } from '../widgets/CacheCard';
import { Page } from './Page';
import { StatementsTable } from './PerformancePage';

interface TableRow {
  table: string;
  rows: number;
}
const columns: Array<Column<TableRow>> = [
  { key: 'table', label: 'Table', value: (t) => t.table },
  { key: 'rows', label: 'Rows', value: (t) => t.rows, render: (t) => formatNumber(t.rows), numeric: true },
];

function TablesTable({ rows }: { rows: TableRow[] }) {
  const table = useClientTable(rows, columns, {
    prefix: 'tables.',
    sort: { key: 'rows', order: 'desc' },
    pageSize: 20,
  });
  return (
    <DataTable
      caption="Rows per table"
      columns={columns}
      rowKey={(t) => t.table}
      exportName="tables"
      exportRows={async () => rows}
      empty="No table statistics yet."
      {...table}
    />
  );
}

export default function DatabasePage() {
  const query = useDatabase();
  return (
    <Page title="Database">
      <Card title="Tables" query={query} wide>
        {(d) => (
          <>
            <div className="stats">
              <Stat label="records (estimated)" value={formatNumber(d.total_records)} />
              <Stat label="size" value={formatBytes(d.size_bytes)} />
              <Stat
                label="connections active / idle / max"
                value={`${d.connections.active} / ${d.connections.idle} / ${d.connections.max}`}
              />
            </div>
            <TablesTable rows={Object.entries(d.tables).map(([table, rows]) => ({ table, rows }))} />
          </>
        )}
      </Card>
      <Card title="Slowest queries" query={query} wide>
        {(d) => (
          <>
            <p className="muted">
              {formatNumber(d.queries.count)} queries timed by this instance,{' '}
              {formatNumber(Math.round(d.queries.total_ms))} ms in all
            </p>
            <StatementsTable rows={d.queries.slowest} prefix="queries." />
          </>
        )}
      </Card>
    </Page>
  );
}
