import { useRisk } from '../api/monitoring';
import { Card } from './Card';

export function RiskCard() {
  return (
    <Card title="Risk assessment" query={useRisk()}>
      {(page) =>
        page.items.length === 0 ? (
          <p className="muted">No suspicious trading in the last 24 hours.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>User</th>
                <th>Score</th>
                <th>24h / 7d</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.username}</td>
                  <td>{r.score}</td>
                  <td>
                    {r.recent_trades} / {r.trades_count}
                  </td>
                  <td className="muted">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Card>
  );
}
