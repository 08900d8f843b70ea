import type { RiskAssessment, RiskSort } from '@league/contracts';
import { fetchAllPages, PATHS, useAlerts, useRisk } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { useServerSort } from '../components/server-sort';
import { useUrlState } from '../settings/url-state';
import { RiskAlertSummary } from '../widgets/RiskCard';
import { riskColumns } from '../widgets/risk-columns';
import { Page, pageNumber } from './Page';

const PAGE_SIZE = 25;
const SORTS: RiskSort[] = [
  'score',
  'recent_trades',
  'max_trades_per_minute',
  'round_trips',
  'account_age_days',
  'username',
];

export default function RiskPage() {
  const [state, setState] = useUrlState({ page: '1' });
  const page = pageNumber(state.page);
  const sorting = useServerSort(riskColumns, SORTS, { key: 'score', order: 'desc' });
  const alerts = useAlerts({ page_size: 5 });
  return (
    <Page title="Risk assessment">
      <Card
        title="Suspicious traders, last 24 hours"
        query={useRisk({ ...sorting.params, page, page_size: PAGE_SIZE })}
        wide
      >
        {(result) => (
          <>
            <RiskAlertSummary alerts={alerts.data} />
            <DataTable
              caption="Suspicious traders"
              columns={sorting.columns}
              sort={sorting.sort}
              onSort={sorting.onSort}
              rows={result.items}
              rowKey={(r) => r.id}
              paging={{ page, pageSize: PAGE_SIZE, total: result.total, onPage: (p) => setState({ page: String(p) }) }}
              exportName="risk-assessment"
              exportRows={() => fetchAllPages<RiskAssessment>(PATHS.risk, sorting.params)}
              empty="No suspicious trading in the last 24 hours."
            />
          </>
        )}
      </Card>
    </Page>
  );
}
