import { useState } from 'react';
import { useCacheStatus, useClearCache, useWarmCache } from '../api/monitoring';
import { Card, formatNumber, Stat } from './Card';

export function CacheCard() {
  const clear = useClearCache();
  const warm = useWarmCache();
  const [pattern, setPattern] = useState('');
  return (
    <Card title="Cache" query={useCacheStatus()}>
      {(c) => (
        <>
          <Stat label="hit rate" value={`${c.stats.hit_rate_percent}%`} />
          <Stat label="requests" value={formatNumber(c.stats.total_requests)} />
          <Stat label="backend" value={c.backend} />
          <Stat label="breaker" value={c.breaker_state} />
          <Stat label="keys" value={formatNumber(c.keys.total)} />
          <table>
            <thead>
              <tr>
                <th>Type</th>
                <th>Keys</th>
                <th>Hit rate</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(c.keys.by_type).map(([type, count]) => (
                <tr key={type}>
                  <td>{type}</td>
                  <td>{formatNumber(count)}</td>
                  <td>{c.stats.by_type[type] ? `${c.stats.by_type[type].hit_rate_percent}%` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <input
              aria-label="pattern"
              placeholder="leaderboard:*"
              value={pattern}
              onChange={(e) => setPattern(e.target.value)}
            />{' '}
            <button className="small" onClick={() => clear.mutate(pattern)} disabled={clear.isPending}>
              Clear
            </button>{' '}
            <button className="small" onClick={() => warm.mutate('all')} disabled={warm.isPending}>
              Warm all
            </button>
          </p>
          {clear.data && <p className="muted">Removed {clear.data.removed} keys.</p>}
          {warm.data && <p className="muted">Warming ran {warm.data.runs.length} jobs.</p>}
          {(clear.error ?? warm.error) && <p role="alert">{(clear.error ?? warm.error)?.message}</p>}
        </>
      )}
    </Card>
  );
}
