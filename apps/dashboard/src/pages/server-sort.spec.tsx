import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ActiveUser, Page } from '@league/contracts';
import { fakeApi, renderDashboard } from '../test/render';
import ActiveUsersPage from './ActiveUsersPage';

const users: Page<ActiveUser> = {
  items: [
    { id: 1, username: 'ada', last_login: '2026-11-28T09:00:00.000Z', league_count: 2, trades_today: 5 },
    { id: 2, username: 'bob', last_login: '2026-11-28T08:00:00.000Z', league_count: 1, trades_today: 9 },
  ],
  page: 1,
  page_size: 25,
  total: 2,
};

describe('a table the API sorts', () => {
  it('asks the API for the order of the clicked column, back on the first page, and marks it sorted', async () => {
    const calls = fakeApi((url) =>
      url.pathname.endsWith('/active-users/json') ? { status: 200, body: users } : undefined,
    );
    renderDashboard(<ActiveUsersPage />, '/active-users?page=2');
    await screen.findByText('ada');
    expect(calls.at(-1)).toBe('GET /admin/monitoring/active-users/json?sort=last_login&order=desc&page=2&page_size=25');
    fireEvent.click(screen.getByRole('button', { name: /Trades today/ }));
    await waitFor(() =>
      expect(calls.at(-1)).toBe(
        'GET /admin/monitoring/active-users/json?sort=trades_today&order=desc&page=1&page_size=25',
      ),
    );
    expect(screen.getByRole('columnheader', { name: /Trades today/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Trades today/ }));
    await waitFor(() => expect(calls.at(-1)).toContain('sort=trades_today&order=asc'));
    // The rows stay in the API's order: the browser does not sort a page of a longer list.
    expect(
      screen
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent?.slice(0, 3)),
    ).toEqual(['ada', 'bob']);
  });
});
