import { screen, waitFor } from '@testing-library/react';
import type { SystemOverview } from '@league/contracts';
import { SystemOverviewCard } from '../widgets/SystemOverviewCard';
import { HealthCard } from '../widgets/HealthCard';
import { axeViolations, fakeApi, renderDashboard } from '../test/render';
import { health, overview } from '../test/fixtures';

describe('a card', () => {
  it('shows a skeleton while loading, then its figures, with no accessibility violations', async () => {
    let answer: SystemOverview | null = null;
    fakeApi((url) =>
      url.pathname.endsWith('/overview') && answer ? { status: 200, body: answer } : { status: 503, body: '' },
    );
    const { container, client } = renderDashboard(<SystemOverviewCard />);
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    answer = overview;
    await client.refetchQueries();
    await screen.findByText('150');
    expect(screen.getByText('$425,000.50')).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Loading' })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('keeps the last data under an error banner when a refresh fails, showing a proxy error page by its status', async () => {
    let fail = false;
    fakeApi((url) =>
      url.pathname.endsWith('/overview')
        ? fail
          ? { status: 502, body: '<html><body>Bad Gateway</body></html>' }
          : { status: 200, body: overview }
        : undefined,
    );
    const { client } = renderDashboard(<SystemOverviewCard />);
    await screen.findByText('150');
    fail = true;
    await client.refetchQueries({ queryKey: ['monitoring', 'overview'] }).catch(() => undefined);
    // 5xx is retried (twice) before the banner; the figures stay on screen meanwhile.
    const banner = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(banner.textContent).toContain('HTTP 502');
    expect(screen.getByText('150')).toBeTruthy();
  }, 15_000);

  it("shows the server's time for its data next to the data's age (Server-Timing)", async () => {
    fakeApi((url) =>
      url.pathname.endsWith('/overview')
        ? { status: 200, body: overview, headers: { 'Server-Timing': 'auth;dur=0.4, data;dur=42.6' } }
        : undefined,
    );
    const { container } = renderDashboard(<SystemOverviewCard />);
    await screen.findByText('150');
    expect(container.querySelector('.card-head .server-time')?.textContent).toBe(' · 43 ms');
  });

  it('shows since when each component entered its state', async () => {
    fakeApi((url) => (url.pathname.endsWith('/health') ? { status: 200, body: health } : undefined));
    const { container } = renderDashboard(<HealthCard />);
    await screen.findByText('degraded', { selector: 'p .badge' });
    const messages = [...container.querySelectorAll('td.muted')].map((td) => td.textContent);
    expect(messages).toEqual([
      `Database reachablesince ${new Date(health.database.since).toLocaleString()}`,
      `Redis slowsince ${new Date(health.cache.since).toLocaleString()}`,
    ]);
  });

  it('does not retry a client error', async () => {
    const calls = fakeApi(() => ({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'hours must be an integer' },
    }));
    renderDashboard(<SystemOverviewCard />);
    await screen.findByText('hours must be an integer');
    await new Promise((r) => setTimeout(r, 1_500));
    await waitFor(() => expect(calls.filter((c) => c.includes('/overview'))).toHaveLength(1));
  });
});
