import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Page state kept in the URL (range, sort, page, filters), so a link or a reload shows the same view and Back and
 * Forward step through changes. Each card reads its own prefixed parameters, so cards on one page do not collide.
 */
export function useUrlState<T extends Record<string, string>>(
  defaults: T,
  prefix = '',
): [T, (changes: Partial<T>) => void] {
  const [params, setParams] = useSearchParams();
  const state = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof T & string>) {
    const value = params.get(prefix + key);
    if (value !== null) state[key] = value as T[typeof key];
  }
  const update = useCallback(
    (changes: Partial<T>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === defaults[key]) next.delete(prefix + key);
          else next.set(prefix + key, value);
        }
        return next;
      }),
    // `defaults` is a literal at each call site: its values, not its identity, matter (hence the JSON).
    [setParams, prefix, JSON.stringify(defaults)],
  );
  return [state, update];
}
