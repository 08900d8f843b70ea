import { useActiveUsers } from '../api/monitoring';
import { Card } from './Card';

export function ActiveUsersCard() {
  return (
    <Card title="Active users today" query={useActiveUsers()}>
      {(page) => (
        <>
          <p className="muted">{page.total} users logged in today</p>
          <table>
            <thead>
              <tr>
                <th>User</th>
                <th>Last login</th>
                <th>Leagues</th>
                <th>Trades today</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>{new Date(u.last_login).toLocaleTimeString()}</td>
                  <td>{u.league_count}</td>
                  <td>{u.trades_today}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
