import { waitFor } from '@testing-library/react';
import { MONITORING_ANSWERS } from './fixtures';
import { fakeApi } from './render';

/** Answers the session as an admin and every monitoring endpoint with its fixture of `kind`; `overrides` by path. */
export function fakeMonitoringApi(kind: 'data' | 'empty', overrides: Record<string, unknown> = {}) {
  return fakeApi((url) => {
    if (url.pathname in overrides) return { status: 200, body: overrides[url.pathname] };
    const fixture = (MONITORING_ANSWERS as Record<string, { data: unknown; empty: unknown } | undefined>)[url.pathname];
    return fixture ? { status: 200, body: fixture[kind] } : undefined;
  });
}

/** What a rendered card or page must show. */
export interface Shown {
  /** Figures by their label (`<Stat>`): label → value as displayed. */
  stats?: Record<string, string>;
  /** Tables by caption: the first cells of each body row, in order. */
  rows?: Record<string, string[][]>;
  /** Chart text alternatives (the figure's accessible name) that must appear. */
  charts?: RegExp[];
  /** Any other text that must appear. */
  text?: string[];
}

/** Each `<Stat>` as label → value. */
export function statsOf(root: Element): Record<string, string> {
  return Object.fromEntries(
    [...root.querySelectorAll('.stat')].map((s) => [
      s.querySelector('span')?.textContent,
      s.querySelector('b')?.textContent,
    ]),
  );
}

/** The body rows of the table captioned `caption`, as cell texts (undefined when there is no such table). */
export function rowsOf(root: Element, caption: string): string[][] | undefined {
  const table = [...root.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === caption);
  return table && [...table.querySelectorAll('tbody tr')].map((r) => [...r.cells].map((c) => c.textContent ?? ''));
}

/** The text alternative of each chart: its figcaption (title and summary). */
export function chartsOf(root: Element): string[] {
  return [...root.querySelectorAll('figure figcaption')].map((f) => f.textContent ?? '');
}

/** Waits until every data request has answered, then checks `shown` against what is on screen. */
export async function expectShown(root: Element, shown: Shown) {
  await waitFor(() => expect(root.querySelector('[aria-label="Loading"]')).toBeNull(), { timeout: 5_000 });
  if (shown.stats) expect(statsOf(root)).toMatchObject(shown.stats);
  for (const [caption, rows] of Object.entries(shown.rows ?? {})) {
    expect([caption, rowsOf(root, caption)?.map((cells, i) => cells.slice(0, rows[i]?.length ?? 0))]).toEqual([
      caption,
      rows,
    ]);
  }
  const charts = chartsOf(root);
  for (const chart of shown.charts ?? []) {
    expect([chart, charts.some((c) => chart.test(c))]).toEqual([chart, true]);
  }
  for (const text of shown.text ?? []) expect(root.textContent).toContain(text);
  expect([...root.querySelectorAll('[role="alert"]')].map((a) => a.textContent)).toEqual([]);
  // Nothing a missing or zero figure could turn into, and no card that failed to render.
  expect(root.textContent).not.toMatch(/NaN|undefined|Infinity|null|failed to render/);
}
