import type { Alert } from '@league/contracts';
import type { Column } from '../components/DataTable';
import { LocalTime } from '../components/LocalTime';

const SEVERITY_RANK = { info: 0, warning: 1, error: 2, critical: 3 } as const;

/** The columns every alert table shares. */
export const alertColumns: Array<Column<Alert>> = [
  {
    key: 'severity',
    label: 'Severity',
    value: (a) => a.severity,
    render: (a) => <span className={`badge ${a.severity}`}>{a.severity}</span>,
  },
  { key: 'alert_type', label: 'Type', value: (a) => a.alert_type },
  { key: 'title', label: 'Title', value: (a) => a.title, render: (a) => <span title={a.message}>{a.title}</span> },
  { key: 'occurrences', label: 'Seen', value: (a) => a.occurrences, numeric: true },
  {
    key: 'last_seen',
    label: 'Last seen',
    value: (a) => a.last_seen,
    render: (a) => <LocalTime iso={a.last_seen} />,
  },
];

export const severityRank = (a: Alert) => SEVERITY_RANK[a.severity];
