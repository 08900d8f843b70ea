import { useCacheStatus } from '../api/monitoring';
import { Card, formatNumber, Stat } from '../components/Card';

export const formatBytes = (n: number) =>
  n >= 1_073_741_824
    ? `${(n / 1_073_741_824).toFixed(1)} GB`
    : n >= 1_048_576
      ? `${(n / 1_048_576).toFixed(1)} MB`
      : n >= 1024
        ? `${(n / 1024).toFixed(1)} kB`
        : `${n} B`;

/** Hit rate, tiers and size; clearing and warming live on the cache page. */
export function CacheCard() {
  return (
    <Card title="Cache" to="cache" query={useCacheStatus()}>
      {(c) => (
        <div className="stats">
          <Stat label="hit rate" value={`${c.stats.hit_rate_percent}%`} />
          <Stat label="requests" value={formatNumber(c.stats.total_requests)} />
          <Stat label="L1 / L2 hits" value={`${formatNumber(c.stats.l1_hits)} / ${formatNumber(c.stats.l2_hits)}`} />
          <Stat label="L1 size" value={`${formatNumber(c.l1.entries)} · ${formatBytes(c.l1.bytes)}`} />
          <Stat label="keys" value={formatNumber(c.keys.total)} />
          <Stat label="backend · breaker" value={`${c.backend} · ${c.breaker_state}`} />
        </div>
      )}
    </Card>
  );
}
