import { useState } from 'react';
import type { AlertSeverity } from '@league/contracts';
import { useAlerts, useResolveAlert } from '../api/monitoring';
import { Card } from './Card';

const SEVERITIES: Array<AlertSeverity | ''> = ['', 'critical', 'error', 'warning', 'info'];

export function AlertsCard() {
  const [severity, setSeverity] = useState<AlertSeverity | ''>('');
  const resolve = useResolveAlert();
  const filter = (
    <select aria-label="severity" value={severity} onChange={(e) => setSeverity(e.target.value as AlertSeverity | '')}>
      {SEVERITIES.map((s) => (
        <option key={s} value={s}>
          {s || 'all'}
        </option>
      ))}
    </select>
  );
  return (
    <Card title="Alerts" query={useAlerts(severity)} wide actions={filter}>
      {(list) => (
        <>
          <p className="muted">
            {list.stats.total_active} active · critical {list.stats.by_severity.critical ?? 0} · error{' '}
            {list.stats.by_severity.error ?? 0} · warning {list.stats.by_severity.warning ?? 0}
          </p>
          {list.items.length === 0 ? (
            <p className="muted">No active alerts.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Severity</th>
                  <th>Type</th>
                  <th>Title</th>
                  <th>Seen</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <span className={`badge ${a.severity}`}>{a.severity}</span>
                    </td>
                    <td>{a.alert_type}</td>
                    <td title={a.message}>{a.title}</td>
                    <td>
                      {a.occurrences}× · {new Date(a.last_seen).toLocaleTimeString()}
                    </td>
                    <td>
                      <button className="small" disabled={resolve.isPending} onClick={() => resolve.mutate(a.id)}>
                        Resolve
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {resolve.error && <p role="alert">{resolve.error.message}</p>}
        </>
      )}
    </Card>
  );
}
