import { lazy, Suspense, useId } from 'react';
import { lazyWithReload } from '../components/lazy';
import { formatNumber } from '../components/format';
import { useLocalDates } from '../components/LocalTime';
import { Skeleton } from '../components/Skeleton';
import { Sparkline } from './Sparkline';
import { timeLabeller } from './labels';

const TimeSeriesChart = lazy(lazyWithReload(() => import('./TimeSeriesChart')));

/**
 * A time series with its text alternative: a summary read by screen readers (points, latest, peak) and the data
 * as a table behind a disclosure. `compact` (the overview's cards) draws a sparkline instead of the full chart with
 * axes and tooltips, so the main dashboard never loads the chart library.
 */
export function SeriesChart<T extends object>({
  data,
  x,
  y,
  label,
  formatValue = formatNumber,
  compact = false,
}: {
  data: T[];
  x: keyof T & string;
  y: keyof T & string;
  label: string;
  formatValue?: (value: number) => string;
  compact?: boolean;
}) {
  const id = useId();
  const xs = data.map((d) => String(d[x]));
  const ys = data.map((d) => Number(d[y]));
  const format = timeLabeller(xs, useLocalDates());
  const peak = ys.length ? Math.max(...ys) : 0;
  const summary = data.length
    ? `${label}: ${data.length} ${data.length === 1 ? 'point' : 'points'} from ${format(xs[0])} to ${format(xs[xs.length - 1])}, latest ${formatValue(
        ys[ys.length - 1],
      )}, peak ${formatValue(peak)} at ${format(xs[ys.indexOf(peak)])}.`
    : `${label}: no data in this range.`;
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        <span className="chart-title">{label}</span>
        <span className="visually-hidden"> {summary}</span>
      </figcaption>
      {/* An empty range says so: an empty drawing and an empty data table would look like a page still loading. */}
      {data.length === 0 ? (
        <p className="muted">No data in this range.</p>
      ) : (
        <>
          <div aria-hidden="true" className="chart-area">
            {compact ? (
              <Sparkline values={ys} />
            ) : (
              <Suspense fallback={<Skeleton lines={4} />}>
                <TimeSeriesChart data={data} x={x} y={y} label={label} format={format} formatValue={formatValue} />
              </Suspense>
            )}
          </div>
          <details>
            <summary>Data of “{label}”</summary>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col" className="num">
                      {label}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((d, i) => (
                    <tr key={xs[i]}>
                      <td>{format(xs[i])}</td>
                      <td className="num">{formatValue(ys[i])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
