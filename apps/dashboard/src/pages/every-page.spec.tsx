import { waitFor } from '@testing-library/react';
import { App } from '../App';
import { adminUser } from '../test/fixtures';
import { axeViolations, fakeApi, renderDashboard } from '../test/render';
import { PAGES } from './routes';

const ALL_PAGES = [{ path: '', title: 'Overview' }, ...PAGES.map((p) => ({ path: p.path, title: p.label }))];

/** Renders the page as an admin and waits for its cards (a detail page's chunk loads first). */
async function renderPage(path: string) {
  const { container } = renderDashboard(<App />, `/${path}`);
  await waitFor(() => expect(container.querySelector('main section.card')).not.toBeNull(), { timeout: 5_000 });
  return container;
}

describe.each(ALL_PAGES)('the $title page', ({ path }) => {
  it('shows a skeleton in every card while loading, without accessibility violations', async () => {
    fakeApi((url) => (url.pathname === '/api/auth/me' ? { status: 200, body: adminUser } : undefined));
    const answer = globalThis.fetch;
    // The session answers; the data never does.
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(input).startsWith('/api/auth/me') ? answer(input, init) : new Promise(() => undefined)) as typeof fetch;
    const container = await renderPage(path);
    for (const card of container.querySelectorAll('main section.card')) {
      expect([card.getAttribute('aria-label'), card.querySelector('[aria-label="Loading"]') !== null]).toEqual([
        card.getAttribute('aria-label'),
        true,
      ]);
    }
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows the error in every card when its request fails, without accessibility violations', async () => {
    fakeApi((url) =>
      url.pathname === '/api/auth/me'
        ? { status: 200, body: adminUser }
        : { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'refused for the test' } },
    );
    const container = await renderPage(path);
    await waitFor(() => expect(container.querySelector('main [aria-label="Loading"]')).toBeNull());
    for (const card of container.querySelectorAll('main section.card')) {
      expect([card.getAttribute('aria-label'), card.textContent?.includes('refused for the test')]).toEqual([
        card.getAttribute('aria-label'),
        true,
      ]);
    }
    expect(await axeViolations(container)).toEqual([]);
  });
});
