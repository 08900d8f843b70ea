import type { Alert, AlertSeverity, AlertType } from '@league/contracts';
import type { RowOf } from '../database/row-of.js';

export const ALERT_TYPES: AlertType[] = [
  'database_error',
  'cache_error',
  'high_load',
  'high_trades',
  'security',
  'performance',
];
export const ALERT_SEVERITIES: AlertSeverity[] = ['info', 'warning', 'error', 'critical'];

export type AlertRow = RowOf<Alert, 'first_seen' | 'last_seen' | 'created_at' | 'resolved_at', { id: string | number }>;

export function toAlert(row: AlertRow): Alert {
  return {
    id: Number(row.id),
    alert_type: row.alert_type,
    severity: row.severity,
    title: row.title,
    message: row.message,
    data: row.data ?? {},
    fingerprint: row.fingerprint,
    source: row.source,
    occurrences: Number(row.occurrences),
    first_seen: iso(row.first_seen),
    last_seen: iso(row.last_seen),
    created_at: iso(row.created_at),
    resolved_at: row.resolved_at ? iso(row.resolved_at) : null,
    resolved_by: row.resolved_by,
    resolution: row.resolution,
  };
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * True when a query failed because the database could not be reached (no SQLSTATE, or a connection-class
 * SQLSTATE): such alerts are buffered. Errors the statement itself caused (classes 22, 23, 42) are not.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57') || code.startsWith('53');
}
