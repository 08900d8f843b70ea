import type { UserView } from '@league/contracts';
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useLogout } from '../api/auth';
import { Skeleton } from '../components/Skeleton';
import { PAGES } from '../pages/routes';
import { REFRESH_CHOICES, useRefresh } from '../settings/refresh';
import { useTheme, type ThemeChoice } from '../settings/theme';

function RefreshControls() {
  const { intervalMs, setIntervalMs, paused, setPaused } = useRefresh();
  return (
    <span className="controls">
      <label className="picker">
        Refresh
        <select value={String(intervalMs)} onChange={(e) => setIntervalMs(Number(e.target.value))}>
          {REFRESH_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
        {paused ? 'Resume' : 'Pause'}
      </button>
    </span>
  );
}

function ThemeSwitch() {
  const { choice, setChoice } = useTheme();
  return (
    <label className="picker">
      Theme
      <select value={choice} onChange={(e) => setChoice(e.target.value as ThemeChoice)}>
        <option value="system">system</option>
        <option value="light">light</option>
        <option value="dark">dark</option>
      </select>
    </label>
  );
}

/** Header (title, refresh, theme, user, logout), the page navigation, and the current page. */
export function Shell({ user }: { user: UserView }) {
  const logout = useLogout();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>
          <NavLink to="/" end>
            Trading League · Monitoring
          </NavLink>
        </h1>
        <div className="top-controls">
          <RefreshControls />
          <ThemeSwitch />
          <span className="user">
            {user.username}{' '}
            <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
              Log out
            </button>
          </span>
        </div>
      </header>
      <nav className="pages" aria-label="Pages">
        <NavLink to="/" end>
          Overview
        </NavLink>
        {PAGES.map((p) => (
          <NavLink key={p.path} to={`/${p.path}`}>
            {p.label}
          </NavLink>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Skeleton lines={6} />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
