import { useActiveUsers } from '../api/monitoring';
import { Card, formatNumber } from '../components/Card';
import { DataTable } from '../components/DataTable';
import { activeUserColumns } from './active-user-columns';

export function ActiveUsersCard() {
  return (
    <Card title="Active users today" to="active-users" query={useActiveUsers({ page_size: 5 })}>
      {(page) => (
        <>
          <p className="muted">{formatNumber(page.total)} users logged in today</p>
          <DataTable
            caption="Latest logins today"
            columns={activeUserColumns}
            rows={page.items}
            rowKey={(u) => u.id}
            empty="Nobody logged in today."
          />
        </>
      )}
    </Card>
  );
}
