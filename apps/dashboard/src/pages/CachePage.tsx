import type { CacheStatusView } from '@league/contracts';
import { useRef, useState, useEffect, type FormEvent } from 'react';
import { useCacheStatus, useClearCache, usePerformance, useWarmCache } from '../api/monitoring';
import { SeriesChart } from '../charts/SeriesChart';
import { Card, formatNumber, Stat } from '../components/Card';
import { useClientTable } from '../components/client-table';
import { DataTable, type Column } from '../components/DataTable';
import { formatBytes } from '../widgets/CacheCard';
import { keysMatching } from './cache-pattern';
import { Page } from './Page';

interface TypeRow {
  type: string;
  keys: number;
  hits: number;
  misses: number;
  hit_rate: number | null;
  ttl: number | null;
}

const columns: Array<Column<TypeRow>> = [
  { key: 'type', label: 'Type', value: (t) => t.type },
  { key: 'keys', label: 'Keys', value: (t) => t.keys, render: (t) => formatNumber(t.keys), numeric: true },
  { key: 'hits', label: 'Hits', value: (t) => t.hits, numeric: true },
  { key: 'misses', label: 'Misses', value: (t) => t.misses, numeric: true },
  {
    key: 'hit_rate',
    label: 'Hit rate',
    value: (t) => t.hit_rate,
    render: (t) => (t.hit_rate === null ? '–' : `${t.hit_rate}%`),
    numeric: true,
  },
  { key: 'ttl', label: 'TTL s', value: (t) => t.ttl, numeric: true },
];

function typeRows(c: CacheStatusView): TypeRow[] {
  const types = new Set([
    ...Object.keys(c.keys.by_type),
    ...Object.keys(c.stats.by_type),
    ...Object.keys(c.ttl_seconds),
  ]);
  return [...types].map((type) => ({
    type,
    keys: c.keys.by_type[type] ?? 0,
    hits: c.stats.by_type[type]?.hits ?? 0,
    misses: c.stats.by_type[type]?.misses ?? 0,
    hit_rate: c.stats.by_type[type]?.hit_rate_percent ?? null,
    ttl: c.ttl_seconds[type] ?? null,
  }));
}

function TypesTable({ c }: { c: CacheStatusView }) {
  const rows = typeRows(c);
  const table = useClientTable(rows, columns, { prefix: 'types.', sort: { key: 'keys', order: 'desc' }, pageSize: 20 });
  return (
    <DataTable
      caption="Keys and hit rate per type"
      columns={columns}
      rowKey={(t) => t.type}
      exportName="cache-types"
      exportRows={async () => rows}
      empty="No keys cached."
      {...table}
    />
  );
}

/** Clearing asks first, saying how many keys would go; clearing everything is its own button. */
function ClearControls({ c }: { c: CacheStatusView }) {
  const clear = useClearCache();
  const [pattern, setPattern] = useState('');
  const [pending, setPending] = useState<string | null | undefined>(undefined);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending !== undefined) confirmRef.current?.focus();
  }, [pending]);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (pattern.trim()) setPending(pattern.trim());
  };
  const estimate =
    pending === undefined
      ? null
      : pending === null
        ? { count: c.keys.total, exact: !c.keys.truncated }
        : keysMatching(pending, c.keys);
  return (
    <div className="cache-actions">
      <form onSubmit={ask} className="inline-form">
        <label className="picker">
          Pattern
          <input value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder="leaderboard:*" />
        </label>
        <button type="submit" disabled={!pattern.trim() || clear.isPending}>
          Clear…
        </button>
        <button type="button" className="danger" onClick={() => setPending(null)} disabled={clear.isPending}>
          Clear all…
        </button>
      </form>
      {pending !== undefined && estimate && (
        <div role="alertdialog" aria-labelledby="confirm-clear" className="confirm">
          <p id="confirm-clear">
            {pending === null ? 'Clear the whole cache' : `Clear keys matching “${pending}”`}:{' '}
            {estimate.exact ? '' : 'up to '}
            {formatNumber(estimate.count)} keys would be removed.
          </p>
          <button
            ref={confirmRef}
            type="button"
            className="danger"
            onClick={() => {
              clear.mutate(pending);
              setPending(undefined);
            }}
          >
            {pending === null ? 'Yes, clear everything' : 'Yes, clear'}
          </button>{' '}
          <button type="button" onClick={() => setPending(undefined)}>
            Cancel
          </button>
        </div>
      )}
      {clear.data && (
        <p className="muted" role="status">
          Removed {formatNumber(clear.data.removed)} keys{clear.data.pattern ? ` matching ${clear.data.pattern}` : ''}.
        </p>
      )}
      {clear.error && <p role="alert">{clear.error.message}</p>}
    </div>
  );
}

function WarmControls() {
  const warm = useWarmCache();
  const [target, setTarget] = useState('all');
  return (
    <div className="inline-form">
      <label className="picker">
        Warm
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="all">all</option>
          <option value="leaderboards">leaderboards</option>
          <option value="stocks">stocks</option>
          <option value="user_stats">user stats</option>
          <option value="monitoring">dashboard figures</option>
        </select>
      </label>
      <button type="button" onClick={() => warm.mutate(target)} disabled={warm.isPending}>
        {warm.isPending ? 'Warming…' : 'Warm now'}
      </button>
      {warm.data && (
        <span className="muted" role="status">
          {' '}
          Warming ran {warm.data.runs.length} jobs,{' '}
          {formatNumber(warm.data.runs.reduce((n, r) => n + (r.keys_warmed ?? 0), 0))} keys written.
        </span>
      )}
      {warm.error && <span role="alert"> {warm.error.message}</span>}
    </div>
  );
}

export default function CachePage() {
  const query = useCacheStatus();
  const performance = usePerformance(60);
  return (
    <Page title="Cache">
      <Card title="Cache status" query={query} wide>
        {(c) => (
          <>
            <div className="stats">
              <Stat label="hit rate" value={`${c.stats.hit_rate_percent}%`} />
              <Stat label="hits / misses" value={`${formatNumber(c.stats.hits)} / ${formatNumber(c.stats.misses)}`} />
              <Stat label="L1 hits" value={formatNumber(c.stats.l1_hits)} />
              <Stat label="L2 hits" value={formatNumber(c.stats.l2_hits)} />
              <Stat label="stale serves" value={formatNumber(c.stats.stale_serves)} />
              <Stat label="errors" value={formatNumber(c.stats.errors)} />
              <Stat label="L1 entries" value={`${formatNumber(c.l1.entries)} of ${formatNumber(c.l1.max_entries)}`} />
              <Stat label="L1 bytes" value={`${formatBytes(c.l1.bytes)} of ${formatBytes(c.l1.max_bytes)}`} />
              <Stat label="keys" value={`${formatNumber(c.keys.total)}${c.keys.truncated ? '+' : ''}`} />
              <Stat label="backend" value={`${c.backend} · breaker ${c.breaker_state}`} />
              <Stat label="Redis" value={c.redis.connected ? `${c.redis.latency_ms ?? '–'} ms` : c.redis.message} />
            </div>
            <ClearControls c={c} />
            <WarmControls />
            <TypesTable c={c} />
          </>
        )}
      </Card>
      <Card title="Hit rate over time" query={performance} wide>
        {(p) => <SeriesChart data={p.cache.series} x="at" y="hit_rate_percent" label="cache hit rate (%)" />}
      </Card>
    </Page>
  );
}
