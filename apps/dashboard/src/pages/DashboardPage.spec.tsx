import { jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { App } from '../App';
import { api, send } from '../api/client';
import { dropOpeningAnswers, preloadedRequests, sendOpeningRequests } from '../api/opening';
import { MAIN_DASHBOARD_REQUESTS } from '../api/preload';
import { adminUser, overview } from '../test/fixtures';
import { fakeApi, renderDashboard, type Route } from '../test/render';

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

describe('the opening requests (sent as the app starts)', () => {
  const route: Route = (url) => {
    if (url.pathname === '/api/auth/me') return { status: 200, body: adminUser };
    if (url.pathname.endsWith('/overview')) return { status: 200, body: overview };
    return undefined;
  };

  it('answer the cards’ first queries: the overview asks nothing twice', async () => {
    const calls = fakeApi(route);
    sendOpeningRequests(MAIN_DASHBOARD_REQUESTS, send);
    renderDashboard(<App />);
    await screen.findByText('150');
    // Every card has its answer (the failing ones show their error), and each request went out once, at the start.
    await waitFor(() => expect(document.querySelector('[aria-label="Loading"]')).toBeNull());
    expect([...calls].sort()).toEqual(MAIN_DASHBOARD_REQUESTS.map((r) => `GET ${r}`).sort());
  });

  it('are given out once: a later query of the same URL asks the server again', async () => {
    const calls = fakeApi(route);
    sendOpeningRequests(['/admin/monitoring/overview'], send);
    expect(await api('/admin/monitoring/overview')).toEqual(overview);
    expect(await api('/admin/monitoring/overview')).toEqual(overview);
    expect(calls).toEqual(['GET /admin/monitoring/overview', 'GET /admin/monitoring/overview']);
  });

  it('are the URLs the HTML preloads as fetches, on this origin', () => {
    document.head.insertAdjacentHTML(
      'beforeend',
      `<link rel="preload" as="fetch" crossorigin href="/api/auth/me">
       <link rel="preload" as="fetch" crossorigin href="/admin/monitoring/alerts/json?page_size=5">
       <link rel="preload" as="script" href="/admin/monitoring/assets/index.js">
       <link rel="preload" as="fetch" href="https://elsewhere.example/api/auth/me">`,
    );
    try {
      expect(preloadedRequests(document)).toEqual(['/api/auth/me', '/admin/monitoring/alerts/json?page_size=5']);
    } finally {
      document.head.querySelectorAll('link').forEach((link) => link.remove());
    }
  });

  it('are dropped when the session ends or changes: they were asked with the old one', async () => {
    const calls = fakeApi(route);
    sendOpeningRequests(['/admin/monitoring/overview'], send);
    dropOpeningAnswers();
    await api('/admin/monitoring/overview');
    expect(calls).toHaveLength(2);
  });

  it('are not used once older than a few seconds', async () => {
    const calls = fakeApi(route);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      sendOpeningRequests(['/admin/monitoring/overview'], send);
      clock.mockReturnValue(now + 6_000);
      await api('/admin/monitoring/overview');
      expect(calls).toHaveLength(2);
    } finally {
      clock.mockRestore();
    }
  });
});
