import type { ActiveUser } from '@league/contracts';
import { fetchAllPages, PATHS, useActiveUsers } from '../api/monitoring';
import { Card } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { useUrlState } from '../settings/url-state';
import { activeUserColumns } from '../widgets/active-user-columns';
import { Page, pageNumber } from './Page';

const PAGE_SIZE = 25;

export default function ActiveUsersPage() {
  const [state, setState] = useUrlState({ page: '1' });
  const page = pageNumber(state.page);
  return (
    <Page title="Active users">
      <Card title="Users logged in today" query={useActiveUsers({ page, page_size: PAGE_SIZE })} wide>
        {(result) => (
          <DataTable
            caption="Users logged in today, latest login first"
            columns={activeUserColumns}
            rows={result.items}
            rowKey={(u) => u.id}
            paging={{ page, pageSize: PAGE_SIZE, total: result.total, onPage: (p) => setState({ page: String(p) }) }}
            exportName="active-users"
            exportRows={() => fetchAllPages<ActiveUser>(PATHS.activeUsers)}
            empty="Nobody logged in today."
          />
        )}
      </Card>
    </Page>
  );
}
