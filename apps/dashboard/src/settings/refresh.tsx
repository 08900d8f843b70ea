import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useStoredSetting } from './stored';

export const REFRESH_CHOICES = [
  { value: '0', label: 'off' },
  { value: '5000', label: '5 s' },
  { value: '10000', label: '10 s' },
  { value: '30000', label: '30 s' },
  { value: '60000', label: '1 min' },
] as const;
type RefreshValue = (typeof REFRESH_CHOICES)[number]['value'];
const VALUES = REFRESH_CHOICES.map((c) => c.value);

interface Refresh {
  /** Milliseconds between polls; 0 when off. */
  intervalMs: number;
  setIntervalMs(ms: number): void;
  paused: boolean;
  setPaused(paused: boolean): void;
  /** What a query's `refetchInterval` should be: false when off or paused. */
  refetchInterval: number | false;
}

const RefreshContext = createContext<Refresh | null>(null);

/** The dashboard-wide refresh interval (remembered) and a pause switch (for this visit only). */
export function RefreshProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useStoredSetting<RefreshValue>('dashboard.refresh', VALUES, '10000');
  const [paused, setPaused] = useState(false);
  const value = useMemo<Refresh>(() => {
    const intervalMs = Number(stored);
    return {
      intervalMs,
      setIntervalMs: (ms) => setStored(String(ms) as RefreshValue),
      paused,
      setPaused,
      refetchInterval: paused || intervalMs === 0 ? false : intervalMs,
    };
  }, [stored, paused, setStored]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}

export function useRefresh(): Refresh {
  const refresh = useContext(RefreshContext);
  if (!refresh) throw new Error('useRefresh outside RefreshProvider');
  return refresh;
}
