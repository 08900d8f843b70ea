const DAY_MS = 86_400_000;

// Built once: Date#toLocale*String with options builds a new formatter per call.
const dayOfYear = new Intl.DateTimeFormat([], { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayAndTime = new Intl.DateTimeFormat([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const timeOfDay = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });

/**
 * Tick and tooltip labels for a series: time of day within a day, date and time across days, the date alone for
 * daily points (`2025-12-25`).
 */
export function timeLabeller(values: string[]): (value: string) => string {
  if (values.length && /^\d{4}-\d{2}-\d{2}$/.test(values[0])) {
    return (v) => dayOfYear.format(new Date(`${v}T00:00:00Z`));
  }
  const times = values.map((v) => Date.parse(v)).filter((t) => !Number.isNaN(t));
  const span = times.length ? Math.max(...times) - Math.min(...times) : 0;
  if (span >= DAY_MS) {
    return (v) => dayAndTime.format(new Date(v));
  }
  return (v) => timeOfDay.format(new Date(v));
}
