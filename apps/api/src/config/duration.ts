import ms, { type StringValue } from 'ms';

/** Parses a duration such as `5m`, `90s`, `24h` or a bare number of milliseconds; null when invalid. */
export function parseDuration(value: string): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parsed = ms(trimmed as StringValue);
  return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
}
