import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useLocation } from 'react-router';
import { App } from './App';
import { adminUser, alerts, overview } from './test/fixtures';
import { axeViolations, fakeApi, renderDashboard } from './test/render';

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

describe('the dashboard app', () => {
  it('sends the admin to login on a 401 from any card, keeping the page, without retrying', async () => {
    let session = true;
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me')
        return session ? { status: 200, body: adminUser } : { status: 401, body: {} };
      if (!session) return { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Log in' } };
      if (url.pathname.endsWith('/alerts/json')) return { status: 200, body: alerts };
      if (url.pathname.endsWith('/alerts/history/json')) return { status: 200, body: { ...alerts, items: [] } };
      return undefined;
    });
    const { client } = renderDashboard(
      <>
        <App />
        <Where />
      </>,
      '/alerts?severity=warning',
    );
    await screen.findByText('High system load detected');
    session = false;
    await act(() => client.refetchQueries({ queryKey: ['monitoring'] }).catch(() => undefined));
    await screen.findByRole('button', { name: 'Log in' });
    expect(screen.getByTestId('where').textContent).toBe('/alerts');
    const after401 = calls.filter((c) => c.includes('/alerts/json')).length;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(calls.filter((c) => c.includes('/alerts/json'))).toHaveLength(after401);
  });

  it('logs out to the login page at once', async () => {
    fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me') return { status: 200, body: adminUser };
      if (url.pathname === '/api/auth/logout' && init?.method === 'POST') return { status: 204, body: null };
      if (url.pathname.endsWith('/overview')) return { status: 200, body: overview };
      return undefined;
    });
    renderDashboard(<App />);
    await screen.findByText('150');
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeTruthy();
    expect(screen.queryByText('150')).toBeNull();
  });

  it('renders the overview and the alerts page without accessibility violations', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 200, body: adminUser };
      if (url.pathname.endsWith('/overview')) return { status: 200, body: overview };
      if (url.pathname.endsWith('/alerts/json')) return { status: 200, body: alerts };
      if (url.pathname.endsWith('/alerts/history/json')) return { status: 200, body: { ...alerts, items: [] } };
      return undefined;
    });
    const { container } = renderDashboard(<App />, '/alerts');
    await screen.findByText('High system load detected');
    await screen.findByText('No resolved alerts.');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('asks before clearing the cache, with the number of keys that would go', async () => {
    const cleared: unknown[] = [];
    fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me') return { status: 200, body: adminUser };
      if (url.pathname.endsWith('/cache/clear')) {
        cleared.push(JSON.parse(String(init?.body)));
        return { status: 200, body: { cleared: true, pattern: 'leaderboard:*', removed: 12 } };
      }
      if (url.pathname.endsWith('/cache/json')) {
        return {
          status: 200,
          body: {
            stats: {
              hits: 1,
              misses: 1,
              sets: 0,
              deletes: 0,
              total_requests: 2,
              hit_rate_percent: 50,
              l1_hits: 1,
              l2_hits: 0,
              stale_serves: 0,
              coalesced_waits: 0,
              errors: 0,
              breaker_state: 'closed',
              backend: 'redis',
              by_type: {},
            },
            backend: 'redis',
            prefix: 'league',
            redis: { enabled: true, connected: true, reachable: true, latency_ms: 1, message: 'ok' },
            breaker_state: 'closed',
            l1: { entries: 3, bytes: 900, max_entries: 10_000, max_bytes: 67_108_864 },
            keys: { by_type: { leaderboard: 12, quote: 30 }, total: 42, truncated: false, source: 'redis' },
            ttl_seconds: { leaderboard: 300, quote: 60 },
          },
        };
      }
      return undefined;
    });
    renderDashboard(<App />, '/cache');
    await screen.findByText('42');
    const clear = screen.getByRole('button', { name: 'Clear…' }) as HTMLButtonElement;
    expect(clear.disabled).toBe(true); // an empty pattern never clears everything
    fireEvent.change(screen.getByLabelText('Pattern'), { target: { value: 'leaderboard:*' } });
    fireEvent.click(clear);
    expect(screen.getByRole('alertdialog').textContent).toContain('12 keys would be removed');
    expect(cleared).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, clear' }));
    await waitFor(() => expect(cleared).toEqual([{ pattern: 'leaderboard:*' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Clear all…' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('Clear the whole cache: 42 keys would be removed');
  });
});
