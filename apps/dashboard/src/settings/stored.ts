import { useCallback, useState } from 'react';

/** A setting remembered in localStorage (per browser), with a fallback when absent, invalid or unavailable. */
export function useStoredSetting<T extends string>(
  key: string,
  allowed: readonly T[],
  fallback: T,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(key) as T | null;
      return stored !== null && allowed.includes(stored) ? stored : fallback;
    } catch {
      return fallback;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, next);
      } catch {
        /* private mode: remembered for this page only */
      }
    },
    [key],
  );
  return [value, set];
}
