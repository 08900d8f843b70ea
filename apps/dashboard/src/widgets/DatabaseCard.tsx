import { useDatabase } from '../api/monitoring';
import { Card, formatNumber, Stat } from '../components/Card';
import { formatBytes } from './CacheCard';

export function DatabaseCard() {
  return (
    <Card title="Database" to="database" query={useDatabase()}>
      {(d) => (
        <div className="stats">
          <Stat label="records" value={formatNumber(d.total_records)} />
          <Stat label="size" value={formatBytes(d.size_bytes)} />
          <Stat
            label="connections active / idle / max"
            value={`${d.connections.active} / ${d.connections.idle} / ${d.connections.max}`}
          />
          <Stat label="queries timed" value={formatNumber(d.queries.count)} />
        </div>
      )}
    </Card>
  );
}
