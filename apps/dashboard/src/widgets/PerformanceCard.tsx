import { usePerformance } from '../api/monitoring';
import { hourLabel, TimeSeriesChart } from '../charts/TimeSeriesChart';
import { Card, formatNumber, Stat } from './Card';

export function PerformanceCard() {
  return (
    <Card title="Performance" query={usePerformance()} wide>
      {(p) => (
        <>
          <Stat label="CPU" value={`${p.process.cpu_percent}%`} />
          <Stat label="RSS" value={`${p.process.memory.rss_mb} MB`} />
          <Stat label="event-loop p99" value={`${p.process.event_loop_lag_ms.p99} ms`} />
          <Stat label="queries timed" value={formatNumber(p.database.count)} />
          <TimeSeriesChart data={p.series} x="minute" y="requests" label="requests per minute" format={hourLabel} />
          <table>
            <thead>
              <tr>
                <th>Route</th>
                <th>req/min</th>
                <th>p50</th>
                <th>p95</th>
                <th>p99</th>
                <th>errors</th>
              </tr>
            </thead>
            <tbody>
              {p.routes.slice(0, 10).map((r) => (
                <tr key={`${r.method} ${r.route}`}>
                  <td>
                    {r.method} {r.route}
                  </td>
                  <td>{r.requests_per_minute}</td>
                  <td>{r.p50_ms}</td>
                  <td>{r.p95_ms}</td>
                  <td>{r.p99_ms}</td>
                  <td>{r.error_rate_percent}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
