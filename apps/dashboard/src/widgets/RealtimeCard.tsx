import { useRealtime } from '../api/monitoring';
import { Card, formatNumber, Stat } from '../components/Card';

export function RealtimeCard() {
  return (
    <Card title="Real time" query={useRealtime()}>
      {(r) => (
        <div className="stats">
          <Stat label="trades last minute" value={formatNumber(r.trades_last_minute)} />
          <Stat label="trades last hour" value={formatNumber(r.trades_last_hour)} />
          <Stat label="logins 15 min" value={formatNumber(r.logins_last_15m)} />
          <Stat label="requests / min" value={formatNumber(r.requests_per_minute)} />
          <Stat label="error rate" value={`${r.error_rate_percent}%`} />
          <Stat label="event-loop lag" value={`${r.event_loop_lag_ms} ms`} />
          <Stat label="memory" value={`${r.memory_rss_mb} MB`} />
          <Stat
            label="cache hit rate"
            value={r.cache_hit_rate_percent === null ? '–' : `${r.cache_hit_rate_percent}%`}
          />
        </div>
      )}
    </Card>
  );
}
