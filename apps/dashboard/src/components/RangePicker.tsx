import { useId } from 'react';

export interface RangeChoice {
  value: string;
  label: string;
}

/** The time ranges of series (1 hour to 30 days), as hours. */
export const HOUR_RANGES: RangeChoice[] = [
  { value: '1', label: '1 h' },
  { value: '6', label: '6 h' },
  { value: '24', label: '24 h' },
  { value: '168', label: '7 d' },
  { value: '720', label: '30 d' },
];

/** A labelled range selector (a radio group of buttons would take the width a phone does not have). */
export function RangePicker({
  value,
  onChange,
  choices = HOUR_RANGES,
  label = 'Range',
}: {
  value: string;
  onChange: (value: string) => void;
  choices?: RangeChoice[];
  label?: string;
}) {
  const id = useId();
  return (
    <span className="picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </span>
  );
}
