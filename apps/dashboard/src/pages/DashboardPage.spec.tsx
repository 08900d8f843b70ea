import { screen, waitFor } from '@testing-library/react';
import { App } from '../App';
import { MAIN_DASHBOARD_REQUESTS } from '../api/preload';
import { adminUser, overview } from '../test/fixtures';
import { fakeApi, renderDashboard } from '../test/render';

describe('the main dashboard', () => {
  it('opens with exactly the requests its HTML preloads', async () => {
    // Only the session and the overview answer: the other cards show their error, their requests are made alike.
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 200, body: adminUser };
      if (url.pathname.endsWith('/overview')) return { status: 200, body: overview };
      return undefined;
    });
    renderDashboard(<App />);
    await screen.findByText('150');
    await waitFor(() => expect(calls).toHaveLength(MAIN_DASHBOARD_REQUESTS.length));
    expect([...calls].sort()).toEqual(MAIN_DASHBOARD_REQUESTS.map((r) => `GET ${r}`).sort());
  });
});
