const DAY_MS = 86_400_000;

/**
 * Tick and tooltip labels for a series: time of day within a day, date and time across days, the date alone for
 * daily points (`2025-12-25`).
 */
export function timeLabeller(values: string[]): (value: string) => string {
  if (values.length && /^\d{4}-\d{2}-\d{2}$/.test(values[0])) {
    return (v) =>
      new Date(`${v}T00:00:00Z`).toLocaleDateString([], { month: 'short', day: 'numeric', timeZone: 'UTC' });
  }
  const times = values.map((v) => Date.parse(v)).filter((t) => !Number.isNaN(t));
  const span = times.length ? Math.max(...times) - Math.min(...times) : 0;
  if (span >= DAY_MS) {
    return (v) =>
      new Date(v).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
  return (v) => new Date(v).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
