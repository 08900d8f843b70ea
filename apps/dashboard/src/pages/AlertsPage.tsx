import { fetchAllPages, PATHS, useAlertHistory, useAlerts } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable, type Column } from '../components/DataTable';
import { useServerSort } from '../components/server-sort';
import { useUrlState } from '../settings/url-state';
import type { Alert, AlertSort } from '@league/contracts';
import { alertColumns } from '../widgets/alert-columns';
import { resolveColumn } from '../widgets/AlertsCard';
import { Page, pageNumber } from './Page';

const PAGE_SIZE = 20;
const SORTS: AlertSort[] = ['severity', 'last_seen', 'created_at', 'occurrences'];
const SEVERITIES = ['critical', 'error', 'warning', 'info'];
const TYPES = ['database_error', 'cache_error', 'high_load', 'high_trades', 'security', 'performance'];

const historyColumns: Array<Column<Alert>> = [
  ...alertColumns,
  {
    key: 'resolved_at',
    label: 'Resolved',
    value: (a) => a.resolved_at,
    render: (a) => (a.resolved_at ? `${new Date(a.resolved_at).toLocaleString()} (${a.resolution})` : '–'),
  },
];

export default function AlertsPage() {
  const [state, setState] = useUrlState({ severity: '', alert_type: '', page: '1', history_page: '1' });
  const filter = { severity: state.severity || undefined, alert_type: state.alert_type || undefined };
  const page = pageNumber(state.page);
  const historyPage = pageNumber(state.history_page);
  const sorting = useServerSort([...alertColumns, resolveColumn], SORTS, { key: 'severity', order: 'desc' });
  const historySorting = useServerSort(
    historyColumns,
    SORTS,
    { key: 'last_seen', order: 'desc' },
    {
      prefix: 'history_',
      pageParam: 'history_page',
    },
  );
  const filters = (
    <>
      <label className="picker">
        Severity
        <select
          value={state.severity}
          onChange={(e) => setState({ severity: e.target.value, page: '1', history_page: '1' })}
        >
          <option value="">all</option>
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="picker">
        Type
        <select
          value={state.alert_type}
          onChange={(e) => setState({ alert_type: e.target.value, page: '1', history_page: '1' })}
        >
          <option value="">all</option>
          {TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
    </>
  );
  return (
    <Page title="Alerts">
      <Card
        title="Active alerts"
        query={useAlerts({ ...filter, ...sorting.params, page, page_size: PAGE_SIZE })}
        wide
        actions={filters}
      >
        {(list) => (
          <>
            <p className="muted">
              {list.stats.total_active} active · critical {list.stats.by_severity.critical ?? 0} · error{' '}
              {list.stats.by_severity.error ?? 0} · warning {list.stats.by_severity.warning ?? 0} · info{' '}
              {list.stats.by_severity.info ?? 0}
            </p>
            <DataTable
              caption="Active alerts"
              columns={sorting.columns}
              sort={sorting.sort}
              onSort={sorting.onSort}
              rows={list.items}
              rowKey={(a) => a.id}
              paging={{ page, pageSize: PAGE_SIZE, total: list.total, onPage: (p) => setState({ page: String(p) }) }}
              exportName="alerts-active"
              exportRows={() => fetchAllPages<Alert>(PATHS.alerts, { ...filter, ...sorting.params })}
              empty="No active alerts."
            />
          </>
        )}
      </Card>
      <Card
        title="Alert history"
        query={useAlertHistory({ ...filter, ...historySorting.params, page: historyPage, page_size: PAGE_SIZE })}
        wide
      >
        {(result) => (
          <DataTable
            caption="Alert history"
            columns={historySorting.columns}
            sort={historySorting.sort}
            onSort={historySorting.onSort}
            rows={result.items}
            rowKey={(a) => a.id}
            paging={{
              page: historyPage,
              pageSize: PAGE_SIZE,
              total: result.total,
              onPage: (p) => setState({ history_page: String(p) }),
            }}
            exportName="alerts-history"
            exportRows={() => fetchAllPages<Alert>(PATHS.alertHistory, { ...filter, ...historySorting.params })}
            empty="No resolved alerts."
          />
        )}
      </Card>
    </Page>
  );
}
