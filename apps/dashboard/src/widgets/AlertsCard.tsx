import type { Alert } from '@league/contracts';
import { useAlerts, useResolveAlert } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable, type Column } from '../components/DataTable';
import { alertColumns } from './alert-columns';

export function ResolveButton({ alert }: { alert: Alert }) {
  const resolve = useResolveAlert();
  return (
    <>
      <button
        type="button"
        className="small"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate(alert.id)}
        aria-label={`Resolve ${alert.title}`}
      >
        Resolve
      </button>
      {resolve.error && <span role="alert"> {resolve.error.message}</span>}
    </>
  );
}

export const resolveColumn: Column<Alert> = {
  key: 'resolve',
  label: 'Action',
  value: () => null,
  render: (a) => <ResolveButton alert={a} />,
  sortable: false,
};

/** Active alerts of the overview: the summary and the five latest. */
export function AlertsCard() {
  return (
    <Card title="Alerts" to="alerts" query={useAlerts({ page_size: 5 })} wide>
      {(list) => (
        <>
          <p className="muted">
            {list.stats.total_active} active · critical {list.stats.by_severity.critical ?? 0} · error{' '}
            {list.stats.by_severity.error ?? 0} · warning {list.stats.by_severity.warning ?? 0} · info{' '}
            {list.stats.by_severity.info ?? 0}
            {list.stats.buffered ? ` · ${list.stats.buffered} waiting for the database` : ''}
          </p>
          <DataTable
            caption="Active alerts"
            columns={[...alertColumns, resolveColumn]}
            rows={list.items}
            rowKey={(a) => a.id}
            empty="No active alerts."
          />
        </>
      )}
    </Card>
  );
}
