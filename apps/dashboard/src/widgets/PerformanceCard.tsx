import { usePerformance } from '../api/monitoring';
import { SeriesChart } from '../charts/SeriesChart';
import { Card, formatNumber, Stat } from '../components/Card';

export function PerformanceCard() {
  return (
    <Card title="Performance" to="performance" query={usePerformance(15)}>
      {(p) => (
        <>
          <div className="stats">
            <Stat label="CPU" value={`${p.process.cpu_percent}%`} />
            <Stat label="RSS" value={`${p.process.memory.rss_mb} MB`} />
            <Stat label="event-loop p99" value={`${p.process.event_loop_lag_ms.p99} ms`} />
            <Stat label="queries timed" value={formatNumber(p.database.count)} />
          </div>
          <SeriesChart compact data={p.series} x="minute" y="p95_ms" label="p95 latency (ms), all routes" />
        </>
      )}
    </Card>
  );
}
