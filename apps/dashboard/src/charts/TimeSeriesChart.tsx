import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** A small area chart of one numeric series over time. */
export function TimeSeriesChart<T extends object>({
  data,
  x,
  y,
  label,
  format = (v: string) => v,
}: {
  data: T[];
  x: string;
  y: string;
  label: string;
  format?: (value: string) => string;
}) {
  return (
    <div style={{ width: '100%', height: 160 }} aria-label={label}>
      <ResponsiveContainer>
        <AreaChart data={data} margin={{ top: 5, right: 5, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#eef0f3" />
          <XAxis dataKey={x} tickFormatter={format} fontSize={10} minTickGap={24} />
          <YAxis fontSize={10} allowDecimals={false} />
          <Tooltip labelFormatter={(v) => format(String(v))} />
          <Area type="monotone" dataKey={y} name={label} stroke="#2b59c3" fill="#2b59c333" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

export const hourLabel = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
export const dayLabel = (iso: string) => iso.slice(5, 10);
