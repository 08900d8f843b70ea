import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, type TestApp } from '../../api/test/support/test-app.js';
import { contrastViolationsInBothThemes } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// CI installs Chromium (.ci/run); elsewhere the browser tests are skipped when it is missing, and say so.
const describeBrowser = hasChromium || process.env.CI ? describe : describe.skip;
if (!hasChromium && !process.env.CI) console.warn('Chromium not found: dashboard browser tests skipped');

const PAGES = [
  ['Active users', 'Active users'],
  ['Engagement', 'Engagement'],
  ['Trading', 'Trading activity'],
  ['Leagues', 'League activity'],
  ['Risk', 'Risk assessment'],
  ['Alerts', 'Alerts'],
  ['Performance', 'Performance'],
  ['Cache', 'Cache'],
  ['Jobs', 'Scheduled jobs'],
  ['Database', 'Database'],
] as const;

/** Records console errors and failed requests; 401s are expected only while logged out. */
function watch(page: Page) {
  const problems: string[] = [];
  let loggedIn = false;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (!loggedIn && message.text().includes('status of 401')) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A poll cut short by navigation or logout is not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !(response.status() === 401 && !loggedIn)) {
      problems.push(`HTTP ${response.status()} ${response.url()}`);
    }
  });
  return {
    problems,
    setLoggedIn: (value: boolean) => {
      loggedIn = value;
    },
  };
}

/**
 * What sticks out of a 360 px phone's screen, as `tag.class` of the outermost elements; none when wide tables and
 * the page navigation scroll inside their own boxes.
 */
async function overflowAt360(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflowing = await page.evaluate(async () => {
    // Charts take the new width when their resize observer fires, after the next frames.
    for (let frame = 0; frame < 3; frame++) await new Promise(requestAnimationFrame);
    if (document.documentElement.scrollWidth <= 360) return [];
    const scrolls = (e: Element) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
    const insideScroller = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) return true;
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 361 && !insideScroller(e))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  return overflowing;
}

/** Waits until the page's cards show data: no loading skeleton left in the main area. */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('main [aria-label="Loading"]'), undefined, {
    timeout: 15_000,
  });
}

describeBrowser('admin dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: { token: string; user: { id: number } };

  beforeAll(async () => {
    const build = spawnSync(
      process.execPath,
      // Other test files serve the built assets at the same time: keep existing files (names are content hashes).
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/dashboard', '--emptyOutDir=false'],
      // Jest sets NODE_ENV=test, which would give React's development build.
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stderr}`);
    expect(build.stdout + build.stderr).toMatch(/initial JavaScript: [\d.]+ kB gzipped/);
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    admin = (
      await t.request<any>({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: 'admin', password: ADMIN_PASSWORD },
      })
    ).body;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, 60_000);

  it('logs in on the page asked for, shows every page, and acts on alerts, tables, ranges and the cache', async () => {
    const created = await t.request<any>({
      method: 'POST',
      url: '/admin/monitoring/alerts',
      token: admin.token,
      body: { alert_type: 'high_load', severity: 'warning', title: 'CPU above 80%', message: 'cpu 85.5' },
    });
    expect(created.status).toBe(201);
    const trader = await t.signUp('e2etrader');
    const league = await t.request<any>({
      method: 'POST',
      url: '/api/leagues',
      token: trader.token,
      body: { name: 'Browser League', starting_cash: 100_000 },
    });
    expect(league.status).toBe(201);

    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watcher = watch(page);

    // Anonymous on a detail page: 401 with the app, the login form, then that same page.
    const response = await page.goto(`${base}/admin/monitoring/cache`);
    expect(response?.status()).toBe(401);
    // Contrast (4.5:1) of every page in both themes, in the browser's rendering; collected, asserted at the end.
    await page.getByLabel('Username').waitFor();
    const lowContrast = await contrastViolationsInBothThemes(page, 'login');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    watcher.setLoggedIn(true);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Cache', level: 2, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/monitoring/cache');

    // The overview: every card with data.
    const started = Date.now();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('card-System overview').getByText('users', { exact: true }).waitFor();
    await settled(page);
    console.log(`overview: every card with data ${Date.now() - started} ms after navigation (small data set)`);
    lowContrast.push(...(await contrastViolationsInBothThemes(page, 'overview')));
    const tooWide: Array<[string, string[]]> = [['overview', await overflowAt360(page)]];
    await page.getByTestId('card-Alerts').getByText('CPU above 80%').waitFor();

    // A trade placed through the API shows after the next refresh.
    const trade = await t.request({
      method: 'POST',
      url: `/api/leagues/${league.body.id}/trades`,
      token: trader.token,
      body: { symbol: 'AAPL', side: 'buy', quantity: 3 },
    });
    expect(trade.status).toBe(201);
    await page
      .getByTestId('card-Real time')
      .locator('.stat', { hasText: 'trades last hour' })
      .getByText('1', { exact: true })
      .waitFor({ timeout: 20_000 });

    // Every page, through the navigation.
    for (const [link, heading] of PAGES) {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 2, exact: true }).waitFor();
      await settled(page);
      lowContrast.push(...(await contrastViolationsInBothThemes(page, link)));
      tooWide.push([link, await overflowAt360(page)]);
    }
    expect(lowContrast).toEqual([]);
    expect(tooWide.filter(([, overflowing]) => overflowing.length > 0)).toEqual([]);

    // Sort, page and export a table (engagement per day: 30 rows, 10 a page).
    await page.getByRole('link', { name: 'Engagement', exact: true }).click();
    const days = page.getByRole('table', { name: 'Engagement per day' });
    await days.getByRole('button', { name: 'Date' }).click();
    await days.locator('th[aria-sort="ascending"]', { hasText: 'Date' }).waitFor();
    expect(new URL(page.url()).searchParams.get('days.order')).toBe('asc');
    const firstDay = await days.locator('tbody tr td').first().textContent();
    const pager = page.getByRole('navigation', { name: 'Engagement per day pages' });
    await pager.getByText('Page 1 of 3').waitFor();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await pager.getByText('Page 2 of 3').waitFor();
    expect(await days.locator('tbody tr td').first().textContent()).not.toBe(firstDay);
    expect(new URL(page.url()).searchParams.get('days.page')).toBe('2');
    await page.goBack();
    await pager.getByText('Page 1 of 3').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).first().click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('Date,Active users,New users,Leagues created');
    expect(csv).toHaveLength(31);

    // Change the range: the URL keeps it, Back restores the previous one.
    await page.getByRole('link', { name: 'Trading', exact: true }).click();
    await page.getByLabel('Range').selectOption('720');
    await page.waitForURL(/hours=720/);
    await settled(page);
    // 30 days of hourly points, labelled with their dates.
    await page.getByText(/trades per hour: 72\d points from [A-Z][a-z]{2} \d+/).waitFor();
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('hours=720'));

    // Resolve an alert: it moves to the history.
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    const active = page.getByTestId('card-Active alerts');
    await active.getByRole('button', { name: 'Resolve CPU above 80%' }).click();
    // Only this alert must leave the active list: under load the app may raise alerts of its own meanwhile.
    await active.getByRole('button', { name: 'Resolve CPU above 80%' }).waitFor({ state: 'detached' });
    await page.getByTestId('card-Alert history').getByText('CPU above 80%').waitFor();
    const [row] = await t.db.query<{ resolved_by: number | null }>(
      `SELECT resolved_by FROM system_alerts WHERE id = $1`,
      [created.body.id],
    );
    expect(row.resolved_by).toBe(admin.user.id);

    // Clear a pattern after confirming; then warm, and see the runs appear on the jobs page.
    await page.getByRole('link', { name: 'Cache', exact: true }).click();
    await page.getByLabel('Pattern').fill('leaderboard:*');
    await page.getByRole('button', { name: 'Clear…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/keys would be removed/).waitFor();
    await dialog.getByRole('button', { name: 'Yes, clear' }).click();
    await page.getByText(/Removed \d+ keys matching leaderboard:\*/).waitFor();
    await page.getByRole('button', { name: 'Warm now' }).click();
    await page.getByText(/Warming ran \d+ jobs/).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByTestId('card-Run history').getByText('manual').first().waitFor();

    // Log out: the login form at once.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 2_000 });
    await page.waitForTimeout(300);
    expect(watcher.problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("sends an admin the overview rendered with every card's data, which the app takes over as it is", async () => {
    const session = { name: 'league_session', value: admin.token, url: base };
    // Without JavaScript: what the browser shows before the app runs.
    const still = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await still.addCookies([session]);
    const plain = await still.newPage();
    await plain.goto(`${base}/admin/monitoring/`);
    expect(await plain.locator('main section.card').count()).toBeGreaterThanOrEqual(13);
    expect(await plain.locator('main [aria-label="Loading"]').count()).toBe(0);
    await plain.getByTestId('card-System overview').getByText('users', { exact: true }).waitFor();
    await still.close();

    // With it: the same page, hydrated. No hydration error, no second load, and no card asks again for its data.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([session]);
    const page = await context.newPage();
    const watcher = watch(page);
    watcher.setLoggedIn(true);
    const asked: string[] = [];
    let documents = 0;
    page.on('request', (r) => {
      if (r.resourceType() === 'document') documents++;
      if (r.resourceType() === 'fetch') asked.push(new URL(r.url()).pathname);
    });
    await page.goto(`${base}/admin/monitoring/`);
    await page.waitForLoadState('networkidle');
    expect(asked).toEqual([]);
    // Client-side navigation works only once the app has taken the page over.
    await page.getByRole('link', { name: 'Risk', exact: true }).click();
    await page.getByRole('heading', { name: 'Risk assessment', level: 2 }).waitFor();
    expect(documents).toBe(1);
    expect(watcher.problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('returns to login on the same page when the session ends elsewhere, without retrying', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/admin/monitoring/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Risk', exact: true }).click();
    await page.getByRole('heading', { name: 'Risk assessment', level: 2 }).waitFor();
    await settled(page);
    await page.waitForLoadState('networkidle');
    const cookie = (await context.cookies()).find((c) => c.name === 'league_session')!;
    const events: Array<{ kind: 'request' | 'response'; url: string; status?: number; at: number }> = [];
    page.on('request', (r) => events.push({ kind: 'request', url: r.url(), at: performance.now() }));
    page.on('response', (r) =>
      events.push({ kind: 'response', url: r.url(), status: r.status(), at: performance.now() }),
    );
    // The session is revoked behind the dashboard's back.
    const out = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `league_session=${cookie.value}`, 'x-requested-with': 'test' },
    });
    expect(out.status).toBeLessThan(300);
    const revokedAt = performance.now();
    await page.getByLabel('Refresh').selectOption('5000');
    await page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/admin/monitoring/risk-assessment');
    await page.waitForTimeout(1_000);
    // Every poll sent after the revocation met the 401 (risk and its alert summary are fired together, so more than
    // one may be in flight), and none was sent once a 401 had arrived: no retry, no further polling.
    const polls = events.filter((e) => /\/(risk-assessment|alerts)\/json/.test(e.url) && e.at > revokedAt);
    const answers = polls.filter((e) => e.kind === 'response');
    expect(answers.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) expect(answer.status).toBe(401);
    const firstRefusal = Math.min(...answers.map((e) => e.at));
    expect(polls.filter((e) => e.kind === 'request' && e.at > firstRefusal).map((e) => e.url)).toEqual([]);
    await context.close();
  }, 60_000);

  it('tells a signed-in non-admin that the dashboard needs the admin role', async () => {
    const user = await t.signUp('plainuser');
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${base}/admin/monitoring/`);
    expect(response?.status()).toBe(401);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('needs the admin role').waitFor();
    await context.close();
  });
});
