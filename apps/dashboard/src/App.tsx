import { useMe } from './api/auth';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';

/** Login for anonymous visitors, a refusal for non-admins, the dashboard for admins. */
export function App() {
  const me = useMe();
  if (me.isPending) return <p className="loading">Loading…</p>;
  if (me.isError) return <p role="alert">Cannot reach the API: {me.error.message}</p>;
  if (!me.data) return <LoginPage />;
  if (me.data.role !== 'admin') {
    return (
      <main className="login">
        <p role="alert">Signed in as {me.data.username}: the monitoring dashboard needs the admin role.</p>
      </main>
    );
  }
  return <DashboardPage user={me.data} />;
}
