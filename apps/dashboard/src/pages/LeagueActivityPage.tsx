import type { LeagueActivity, LeagueActivitySort } from '@league/contracts';
import { fetchAllPages, PATHS, useLeagueActivity } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { RangePicker } from '../components/RangePicker';
import { useServerSort } from '../components/server-sort';
import { useUrlState } from '../settings/url-state';
import { leagueColumns } from '../widgets/league-columns';
import { Page, pageNumber } from './Page';

const PAGE_SIZE = 25;
const SORTS: LeagueActivitySort[] = ['trade_count', 'volume', 'member_count', 'name', 'created_at'];

export default function LeagueActivityPage() {
  const [state, setState] = useUrlState({ hours: '24', status: '', page: '1' });
  const page = pageNumber(state.page);
  const sorting = useServerSort(leagueColumns, SORTS, { key: 'trade_count', order: 'desc' });
  const hours = Number(state.hours) || 24;
  const controls = (
    <>
      <RangePicker value={String(hours)} onChange={(v) => setState({ hours: v, page: '1' })} />
      <label className="picker">
        Status
        <select value={state.status} onChange={(e) => setState({ status: e.target.value, page: '1' })}>
          <option value="">all</option>
          <option value="active">active</option>
          <option value="archived">archived</option>
        </select>
      </label>
    </>
  );
  const filter = { hours, status: state.status || undefined };
  return (
    <Page title="League activity">
      <Card
        title="Leagues by trades"
        query={useLeagueActivity({ ...filter, ...sorting.params, page, page_size: PAGE_SIZE })}
        wide
        actions={controls}
      >
        {(result) => (
          <DataTable
            caption="Leagues by trades in the range"
            columns={sorting.columns}
            sort={sorting.sort}
            onSort={sorting.onSort}
            rows={result.items}
            rowKey={(l) => l.id}
            paging={{ page, pageSize: PAGE_SIZE, total: result.total, onPage: (p) => setState({ page: String(p) }) }}
            exportName={`league-activity-${hours}h`}
            exportRows={() => fetchAllPages<LeagueActivity>(PATHS.leagueActivity, { ...filter, ...sorting.params })}
            empty="No leagues."
          />
        )}
      </Card>
    </Page>
  );
}
