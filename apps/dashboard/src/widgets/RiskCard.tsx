import type { AlertList } from '@league/contracts';
import { useAlerts, useRisk } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { riskColumns } from './risk-columns';

/** Active alerts about trading behaviour, which the risk rules raise. */
export function RiskAlertSummary({ alerts }: { alerts: AlertList | undefined }) {
  if (!alerts) return null;
  const security = alerts.stats.by_type.security ?? 0;
  const trades = alerts.stats.by_type.high_trades ?? 0;
  return (
    <p className="muted">
      Active alerts: {security} security · {trades} high trading · {alerts.stats.by_severity.critical ?? 0} critical
      overall
    </p>
  );
}

export function RiskCard() {
  const alerts = useAlerts({ page_size: 5 });
  return (
    <Card
      title="Risk assessment"
      to="risk-assessment"
      query={useRisk({ page_size: 5 })}
      wide
      isEmpty={(page) => page.items.length === 0}
      empty={
        <>
          No suspicious trading in the last 24 hours. <RiskAlertSummary alerts={alerts.data} />
        </>
      }
    >
      {(page) => (
        <>
          <RiskAlertSummary alerts={alerts.data} />
          <DataTable
            caption="Most suspicious traders"
            columns={riskColumns.filter((c) => !['max_trades_per_minute', 'account_age_days'].includes(c.key))}
            rows={page.items}
            rowKey={(r) => r.id}
          />
        </>
      )}
    </Card>
  );
}
