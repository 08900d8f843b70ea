import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useStoredSetting } from './stored';

export type ThemeChoice = 'system' | 'light' | 'dark';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

interface Theme {
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
  /** The theme in effect: the system's when the choice is `system`. */
  resolved: 'light' | 'dark';
}

const ThemeContext = createContext<Theme | null>(null);
const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToSystem(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const systemPrefersDark = () => typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;

/** Light and dark themes: the system's by default, switchable and remembered; set on <html data-theme>. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useStoredSetting<ThemeChoice>('dashboard.theme', CHOICES, 'system');
  const systemDark = useSyncExternalStore(subscribeToSystem, systemPrefersDark, () => false);
  const resolved = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);
  const value = useMemo(() => ({ choice, setChoice, resolved }), [choice, setChoice, resolved]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme outside ThemeProvider');
  return theme;
}

/** Chart colours per theme (the same hues as styles.css), contrast checked against each card background. */
export const CHART_COLORS = {
  light: { line: '#2b59c3', fill: '#2b59c333', second: '#a34d00', grid: '#e3e7ec', text: '#4f5a67' },
  dark: { line: '#8fb0ff', fill: '#8fb0ff33', second: '#f0b35a', grid: '#2c3645', text: '#b4bfcc' },
} as const;

export function useChartColors(): (typeof CHART_COLORS)['light' | 'dark'] {
  return CHART_COLORS[useTheme().resolved];
}
