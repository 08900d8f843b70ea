import { useChartColors } from '../settings/theme';

const WIDTH = 300;
const HEIGHT = 100;

/**
 * A series as a filled line scaled to its own range, in plain SVG (no chart library): what the overview's cards
 * draw. Its text alternative is the surrounding figure's (SeriesChart).
 */
export function Sparkline({ values }: { values: number[] }) {
  const colors = useChartColors();
  if (values.length === 0) return <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} />;
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const points = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(HEIGHT - ((v - min) / span) * (HEIGHT - 4) - 2).toFixed(1)}`,
  );
  const line = `M${points.join('L')}`;
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none">
      <path d={`${line}L${((values.length - 1) * step).toFixed(1)},${HEIGHT}L0,${HEIGHT}Z`} fill={colors.fill} />
      <path d={line} fill="none" stroke={colors.line} strokeWidth={2} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
