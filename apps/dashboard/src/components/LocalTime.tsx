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

/** Date and time (`time`: the time only) in the browser's zone once hydrated, UTC before. */
export function formatDate(iso: string, local: boolean, time = false): string {
  const date = new Date(iso);
  const [locale, options] = local ? [undefined, undefined] : ['en-US', { timeZone: 'UTC' }];
  return time ? date.toLocaleTimeString(locale, options) : date.toLocaleString(locale, options);
}

/** A timestamp as text: see useLocalDates. */
export function LocalTime({ iso, time = false }: { iso: string | null; time?: boolean }) {
  const local = useLocalDates();
  return <>{iso ? formatDate(iso, local, time) : '–'}</>;
}
