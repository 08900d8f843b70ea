import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartColors } from '../settings/theme';

export interface SeriesChartProps {
  data: object[];
  x: string;
  y: string;
  label: string;
  format: (value: string) => string;
  formatValue: (value: number) => string;
}

/** An area chart of one numeric series over time (loaded on demand: recharts is most of the dashboard's code). */
export default function TimeSeriesChart({ data, x, y, label, format, formatValue }: SeriesChartProps) {
  const colors = useChartColors();
  return (
    <ResponsiveContainer width="100%" height={160}>
      {/* No keyboard layer: the chart is hidden from assistive technology, its figure's summary and data table
          are its text alternative, so a focusable surface inside it would be a focus stop without a name. */}
      <AreaChart data={data} margin={{ top: 5, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke={colors.grid} />
        <XAxis
          dataKey={x}
          tickFormatter={format}
          fontSize={10}
          minTickGap={32}
          stroke={colors.text}
          tick={{ fill: colors.text }}
        />
        <YAxis
          fontSize={10}
          width={48}
          allowDecimals={false}
          stroke={colors.text}
          tick={{ fill: colors.text }}
          tickFormatter={(v: number) => formatValue(v)}
        />
        <Tooltip
          labelFormatter={(v) => format(String(v))}
          formatter={(v) => formatValue(Number(v))}
          contentStyle={{ background: 'var(--card)', color: 'var(--text)', border: '1px solid var(--border)' }}
        />
        <Area
          type="monotone"
          dataKey={y}
          name={label}
          stroke={colors.line}
          fill={colors.fill}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}
