import { UNTIL_HYDRATED } from '../components/LocalTime';

const DAY_MS = 86_400_000;

// Built once: Date#toLocale*String with options builds a new formatter per call. `utc`: the formatters used while
// the server renders and the browser hydrates (LocalTime.tsx), which must agree on the text.
const formatters = (utc: boolean) => {
  const [locale, zone] = utc ? [UNTIL_HYDRATED.locale, { timeZone: UNTIL_HYDRATED.timeZone }] : [[], {}];
  return {
    dayOfYear: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    dayAndTime: new Intl.DateTimeFormat(locale, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...zone,
    }),
    timeOfDay: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...zone }),
  };
};
const local = formatters(false);
const utc = formatters(true);

/**
 * Tick and tooltip labels for a series: time of day within a day, date and time across days, the date alone for
 * daily points (`2025-12-25`).
 */
export function timeLabeller(values: string[], localDates = true): (value: string) => string {
  const { dayOfYear, dayAndTime, timeOfDay } = localDates ? local : utc;
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
