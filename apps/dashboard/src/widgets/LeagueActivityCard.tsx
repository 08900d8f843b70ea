import { useLeagueActivity } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { leagueColumns } from './league-columns';

/** The five busiest leagues of the last 24 hours. */
export function LeagueActivityCard() {
  return (
    <Card title="League activity" to="league-activity" query={useLeagueActivity({ page_size: 5 })}>
      {(page) => (
        <DataTable
          caption="Busiest leagues, last 24 hours"
          columns={leagueColumns.filter((c) => c.key !== 'status')}
          rows={page.items}
          rowKey={(l) => l.id}
          empty="No leagues yet."
        />
      )}
    </Card>
  );
}
