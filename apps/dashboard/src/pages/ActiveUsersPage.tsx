import type { ActiveUser, ActiveUserSort } from '@league/contracts';
import { fetchAllPages, PATHS, useActiveUsers } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { useServerSort } from '../components/server-sort';
import { useUrlState } from '../settings/url-state';
import { activeUserColumns } from '../widgets/active-user-columns';
import { Page, pageNumber } from './Page';

const PAGE_SIZE = 25;
const SORTS: ActiveUserSort[] = ['last_login', 'username', 'league_count', 'trades_today'];

export default function ActiveUsersPage() {
  const [state, setState] = useUrlState({ page: '1' });
  const page = pageNumber(state.page);
  const sorting = useServerSort(activeUserColumns, SORTS, { key: 'last_login', order: 'desc' });
  return (
    <Page title="Active users">
      <Card
        title="Users logged in today"
        query={useActiveUsers({ ...sorting.params, page, page_size: PAGE_SIZE })}
        wide
      >
        {(result) => (
          <DataTable
            caption="Users logged in today"
            columns={sorting.columns}
            sort={sorting.sort}
            onSort={sorting.onSort}
            rows={result.items}
            rowKey={(u) => u.id}
            paging={{ page, pageSize: PAGE_SIZE, total: result.total, onPage: (p) => setState({ page: String(p) }) }}
            exportName="active-users"
            exportRows={() => fetchAllPages<ActiveUser>(PATHS.activeUsers, sorting.params)}
            empty="Nobody logged in today."
          />
        )}
      </Card>
    </Page>
  );
}
