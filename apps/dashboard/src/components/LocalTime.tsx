import { useSyncExternalStore } from 'react';

const never = () => () => undefined;

/**
 * Whether dates may be shown in the browser's own zone and locale. Not while the server renders the overview, nor
 * while the browser hydrates it: both then format in UTC and en-US, so they produce the same text (the server knows
 * neither the zone nor the locale). React renders again in the browser's own right after hydration.
 */
export function useLocalDates(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/** The locale and zone of dates before hydration, the same on the server and in the browser. */
export const UNTIL_HYDRATED = { locale: 'en-US', timeZone: 'UTC' } as const;

/** Date and time (`time`: the time only) in the browser's zone once hydrated, UTC before. */
export function formatDate(at: string | number, local: boolean, time = false): string {
  const date = new Date(at);
  const [locale, options] = local
    ? [undefined, undefined]
    : [UNTIL_HYDRATED.locale, { timeZone: UNTIL_HYDRATED.timeZone }];
  return time ? date.toLocaleTimeString(locale, options) : date.toLocaleString(locale, options);
}

/** A timestamp as text: see useLocalDates. */
export function LocalTime({ iso, time = false }: { iso: string | null; time?: boolean }) {
  const local = useLocalDates();
  return <>{iso ? formatDate(iso, local, time) : '–'}</>;
}
