import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, TEST_PASSWORD, type TestApp } from '../../api/test/support/test-app.js';
import { hasChromium, launchChromium } from './browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// CI installs Chromium (.ci/run); elsewhere the browser tests are skipped when it is missing, and say so.
const describeBrowser = hasChromium || process.env.CI ? describe : describe.skip;
if (!hasChromium && !process.env.CI) console.warn('Chromium not found: dashboard browser tests skipped');

describeBrowser('admin dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const build = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/dashboard'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stderr}`);
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, 60_000);

  it('asks an anonymous visitor to log in, then shows live cards to the admin and resolves an alert', async () => {
    const admin = await t.request<any>({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const created = await t.request<any>({
      method: 'POST',
      url: '/admin/monitoring/alerts',
      token: admin.body.token,
      body: { alert_type: 'high_load', severity: 'warning', title: 'CPU above 80%', message: 'cpu 85.5' },
    });
    expect(created.status).toBe(201);

    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${base}/admin/monitoring/`);
    expect(response?.status()).toBe(401);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    const overview = page.getByTestId('card-System overview');
    await overview.getByText('users', { exact: true }).waitFor();
    const health = page.getByTestId('card-Health');
    await health.getByText('Overall:').waitFor();
    const alerts = page.getByTestId('card-Alerts');
    await alerts.getByText('CPU above 80%').waitFor();

    await alerts.getByRole('button', { name: 'Resolve' }).click();
    await alerts.getByText('No active alerts.').waitFor();
    const [row] = await t.db.query<{ resolved_by: number | null }>(
      `SELECT resolved_by FROM system_alerts WHERE id = $1`,
      [created.body.id],
    );
    expect(row.resolved_by).toBe(admin.body.user.id);

    // Reloading keeps the session (httpOnly cookie): the dashboard comes straight back.
    const again = await page.goto(`${base}/admin/monitoring/`);
    expect(again?.status()).toBe(200);
    await page.getByTestId('card-System overview').waitFor();
    await context.close();
  });

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
