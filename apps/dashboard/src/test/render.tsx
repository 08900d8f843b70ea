import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { createQueryClient } from '../api/query-client';
import { RefreshProvider } from '../settings/refresh';
import { ThemeProvider } from '../settings/theme';

export type Route = (
  url: URL,
  init: RequestInit | undefined,
) => { status: number; body: unknown; headers?: Record<string, string> } | undefined;

/**
 * Answers the dashboard's fetches from `route` (the API's JSON bodies, typed by @league/contracts in each test)
 * and records every call. An unrouted URL answers 404, so a test sees what the page asked for.
 */
export function fakeApi(route: Route) {
  const calls: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    const answer = route(url, init) ?? { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no' } };
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    // The parts of a Response the client reads (jsdom has no fetch API of its own).
    const headers = new Map(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: answer.status,
      ok: answer.status < 300,
      statusText: '',
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      text: async () => text,
    } as Response;
  }) as typeof fetch;
  return calls;
}

/** Renders inside the dashboard's providers at `path` (relative to /admin/monitoring/). */
export function renderDashboard(ui: ReactNode, path = '/') {
  const client = createQueryClient();
  const result = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <ThemeProvider>
          <RefreshProvider>{ui}</RefreshProvider>
        </ThemeProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, client };
}

/** axe's violations in `node`, without colour contrast (it needs layout, which jsdom has not). */
export async function axeViolations(node: Element): Promise<string[]> {
  const results = await axe.run(node, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
