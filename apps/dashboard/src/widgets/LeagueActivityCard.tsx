import { useLeagueActivity } from '../api/monitoring';
import { Card, formatMoney, formatNumber } from './Card';

export function LeagueActivityCard() {
  return (
    <Card title="League activity" query={useLeagueActivity()}>
      {(page) => (
        <table>
          <thead>
            <tr>
              <th>League</th>
              <th>Members</th>
              <th>Trades 24h</th>
              <th>Volume</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((l) => (
              <tr key={l.id}>
                <td>{l.name}</td>
                <td>{formatNumber(l.member_count)}</td>
                <td>{formatNumber(l.trade_count)}</td>
                <td>{formatMoney(l.volume)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
