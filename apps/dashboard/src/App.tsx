import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { useMe } from './api/auth';
import { lazyWithReload } from './components/lazy';
import { Skeleton } from './components/Skeleton';
import { Shell } from './layout/Shell';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import type { PagePath } from './pages/routes';

// Each detail page is its own chunk, loaded when first visited.
const pages: Record<PagePath, ReturnType<typeof lazy>> = {
  'active-users': lazy(lazyWithReload(() => import('./pages/ActiveUsersPage'))),
  engagement: lazy(lazyWithReload(() => import('./pages/EngagementPage'))),
  'trading-activity': lazy(lazyWithReload(() => import('./pages/TradingActivityPage'))),
  'league-activity': lazy(lazyWithReload(() => import('./pages/LeagueActivityPage'))),
  'risk-assessment': lazy(lazyWithReload(() => import('./pages/RiskPage'))),
  alerts: lazy(lazyWithReload(() => import('./pages/AlertsPage'))),
  performance: lazy(lazyWithReload(() => import('./pages/PerformancePage'))),
  cache: lazy(lazyWithReload(() => import('./pages/CachePage'))),
  jobs: lazy(lazyWithReload(() => import('./pages/JobsPage'))),
  database: lazy(lazyWithReload(() => import('./pages/DatabasePage'))),
};

/** Login for anonymous visitors (on whatever page they asked for), a refusal for non-admins, the pages for admins. */
export function App() {
  const me = useMe();
  if (me.isPending) return <Skeleton lines={2} />;
  if (me.isError) return <p role="alert">Cannot reach the API: {me.error.message}</p>;
  if (!me.data) return <LoginPage />;
  if (me.data.role !== 'admin') {
    return (
      <main className="login">
        <p role="alert">Signed in as {me.data.username}: the monitoring dashboard needs the admin role.</p>
      </main>
    );
  }
  return (
    <Routes>
      <Route element={<Shell user={me.data} />}>
        <Route index element={<DashboardPage />} />
        {Object.entries(pages).map(([path, Page]) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
