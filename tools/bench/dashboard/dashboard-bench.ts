/// <reference lib="dom" />
// Dashboard benchmark: in Debian's Chromium, the time from navigation start to the last card of the main dashboard
// showing data, on the large data set (100k users, 1k leagues, 5M trades): first visits and returning visits.
// `node tools/run-ts.mjs tools/bench/dashboard/dashboard-bench.ts --database URL [--runs N] [--screenshots]`
// --database: a database loaded with `npm run seed -- --scale large`. The dashboard is built first (vite).
// --screenshots also writes every main page, light and dark, to docs/screenshots/. DIAG=1 prints, per load, the
// resource timings, when each card got its data and Chromium's main-thread durations.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../../apps/api/src/app.factory.js';
import { CacheService } from '../../../apps/api/src/cache/cache.service.js';
import { ALL_SCHEDULES_OFF, DEFAULT_SCHEDULES, loadConfig } from '../../../apps/api/src/config/config.js';
import { migrate } from '../../../apps/api/src/database/migrate.js';
import { TradeRollups } from '../../../apps/api/src/monitoring/trade-rollups.service.js';
import { launchChromium } from '../../../apps/dashboard/e2e/browser.js';
import { writeResults } from '../results.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const database = option('database');
const RUNS = Number(option('runs') ?? 10);

const SCREENSHOTS = args.includes('--screenshots');
const TARGET_MS = 500;
const ADMIN_PASSWORD = 'bench-admin-password';
const root = process.cwd();

/** Every main page, by its path under /admin/monitoring/ and the screenshot's name. */
const PAGES = [
  ['', 'overview'],
  ['active-users', 'active-users'],
  ['engagement', 'engagement'],
  ['trading-activity', 'trading-activity'],
  ['league-activity', 'league-activity'],
  ['risk-assessment', 'risk-assessment'],
  ['alerts', 'alerts'],
  ['performance', 'performance'],
  ['cache', 'cache'],
  ['jobs', 'jobs'],
  ['database', 'database'],
] as const;

/**
 * Installed before the app's scripts: records, once, the time since navigation start (performance.now()) at the
 * first frame where the main area has cards and none of them shows a loading skeleton.
 */
function recordAllCardsWithData(): void {
  const w = window as unknown as { __allCardsAt?: number };
  const seen: Record<string, number> = {};
  (window as unknown as { __seen: Record<string, number> }).__seen = seen;
  const check = () => {
    const main = document.querySelector('main#main');
    for (const card of main?.querySelectorAll('section.card') ?? []) {
      const id = card.getAttribute('data-testid') ?? '?';
      if (!(id in seen) && !card.querySelector('[aria-label="Loading"]')) seen[id] = Math.round(performance.now());
    }
    const cards = main?.querySelectorAll('section.card') ?? [];
    if (cards.length > 0 && !main!.querySelector('[aria-label="Loading"]')) {
      w.__allCardsAt = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Waits for the page's recorded time (`__allCardsAt`, ms since navigation start) and returns it. */
async function allCardsAt(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __allCardsAt?: number }).__allCardsAt !== undefined, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as unknown as { __allCardsAt: number }).__allCardsAt);
}

/**
 * Loads the overview and returns the time to its last card with data. `preloads: false` adds a query string, for
 * which the API serves the plain HTML, neither rendered on the server nor preloading (the comparison row): the app
 * then renders the page and requests its data itself.
 */
async function loadOverview(context: BrowserContext, base: string, preloads = true): Promise<number> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
  page.on('response', (r) => (r.status() >= 400 ? problems.push(`HTTP ${r.status()} ${r.url()}`) : undefined));
  await page.addInitScript(recordAllCardsWithData);
  const cdp = process.env.DIAG ? await context.newCDPSession(page) : null;
  await cdp?.send('Performance.enable');
  await page.goto(`${base}/admin/monitoring/${preloads ? '' : '?without-preloads'}`);
  const ms = await allCardsAt(page);
  // The page's HTML preloads every request the overview makes when it opens: a request the app had to send itself
  // (a card whose request is not in the list) would wait for the JavaScript again.
  const unpreloaded = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'fetch')
      .map((e) => e.name),
  );
  if (preloads && unpreloaded.length) problems.push(`requests not preloaded: ${unpreloaded.join(', ')}`);
  if (process.env.DIAG) {
    const entries = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
        (e) => `${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)} ${e.name.replace(/^https?:\/\/[^/]+/, '')}`,
      );
      const paints = performance.getEntriesByType('paint').map((e) => `${e.name} ${e.startTime.toFixed(0)}`);
      return [
        `nav responseEnd ${nav.responseEnd.toFixed(0)} domContentLoaded ${nav.domContentLoadedEventEnd.toFixed(0)} server ${nav.serverTiming.map((t) => `${t.name} ${t.duration.toFixed(0)}`).join(', ')}`,
        ...paints,
        ...res,
      ];
    });
    process.stdout.write(entries.join('\n') + '\n');
    process.stdout.write(JSON.stringify(await page.evaluate(() => (window as any).__seen)) + '\n');
    const { metrics } = (await cdp!.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    process.stdout.write(
      metrics
        .filter((m) => /Duration/.test(m.name))
        .map((m) => `${m.name}=${(m.value * 1000).toFixed(0)}`)
        .join(' ') + '\n',
    );
  }
  const cards = await page.locator('main section.card').count();
  await page.close();
  if (problems.length) throw new Error(`the overview had errors: ${problems.join('; ')}`);
  if (cards < 10) throw new Error(`only ${cards} cards on the overview`);
  return ms;
}

/** Records the page's first frame, as the overview's loads record their last card. */
const FIRST_FRAME = '<script>requestAnimationFrame(() => (window.__allCardsAt = performance.now()));</script>';

/** A page that draws one element: the browser's own floor on this machine. */
const FLOOR_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><p>ready</p>
${FIRST_FRAME}</body></html>`;

/**
 * The overview as an admin sees it once loaded, as one static page: its DOM with every card's data and its CSS
 * inlined, without scripts or preloads. Loading it tells what our page costs the browser without the app's JavaScript.
 */
async function overviewSnapshot(context: BrowserContext, base: string): Promise<string> {
  const page = await context.newPage();
  await page.addInitScript(recordAllCardsWithData);
  await page.goto(`${base}/admin/monitoring/`);
  await allCardsAt(page);
  const html = await page.evaluate(() => {
    const css = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
    document.querySelectorAll('script, link').forEach((element) => element.remove());
    const style = document.createElement('style');
    style.textContent = css.join('\n');
    document.head.append(style);
    return `<!doctype html>${document.documentElement.outerHTML}`;
  });
  await page.close();
  return html.replace('</body>', `${FIRST_FRAME}</body>`);
}

/**
 * Serves `pages` (name to HTML) from `python3 -m http.server`, a separate process, and loads each in a new profile
 * `runs` times, to its first frame, taking the pages in turn so that all meet the same load on this shared machine.
 */
async function staticPageLoads<Name extends string>(
  browser: Browser,
  viewport: { width: number; height: number },
  runs: number,
  pages: Record<Name, string>,
): Promise<Record<Name, number[]>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'static-'));
  const names = Object.keys(pages) as Name[];
  for (const name of names) writeFileSync(path.join(dir, `${name}.html`), pages[name]);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: 'ignore',
  });
  try {
    const url = (name: Name) => `http://127.0.0.1:${port}/${name}.html`;
    for (
      let i = 0;
      i < 50 &&
      !(await fetch(url(names[0])).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
    for (let i = 0; i < runs; i++) {
      for (const name of names) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await page.goto(url(name));
        times[name].push(await allCardsAt(page));
        await context.close();
      }
    }
    return times;
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

function stats(xs: number[]) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

async function main(): Promise<void> {
  if (!database) throw new Error('--database URL is required (a database loaded with npm run seed -- --scale large)');
  const build = spawnSync(
    process.execPath,
    // Tests may be serving the current build meanwhile: keep existing files (names are content hashes).
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/dashboard', '--emptyOutDir=false'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stderr}`);
  const initialJs = /initial JavaScript: ([\d.]+ kB gzipped)/.exec(build.stdout + build.stderr)?.[1] ?? 'unknown';

  await migrate(database);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    DATABASE_URL: database,
    ADMIN_PASSWORD,
    SEED_ON_EMPTY: 'false',
    CACHE_PREFIX: `bench_dashboard_${Date.now().toString(36)}`,
    PORT: '0',
    ...ALL_SCHEDULES_OFF,
    // As in production: the dashboard's monitoring figures are kept computed (and computed at start-up).
    SCHEDULE_WARM_MONITORING: DEFAULT_SCHEDULES.warm_monitoring,
  });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
  const cache = app.get(CacheService);
  await app.get(TradeRollups).rollup();

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  // The browser gets the session cookie the login set, as after logging in on the page.
  const session = /^([^=]+)=([^;]*)/.exec(login.headers.get('set-cookie') ?? '');
  if (!session) throw new Error('the login set no session cookie');
  const cookie = {
    name: session[1],
    value: session[2],
    domain: new URL(base).hostname,
    path: '/',
    httpOnly: true,
    sameSite: 'Strict' as const,
  };

  const browser: Browser = await launchChromium();
  // The machine is shared: its load during the run says how far the figures are from an idle machine's.
  const loadAtStart = os.loadavg()[0];
  const viewport = { width: 1280, height: 900 };
  try {
    // One load unmeasured: the browser process and the server's code (its first rendering) are warm for every row.
    const first = await browser.newContext({ viewport });
    await first.addCookies([{ ...cookie }]);
    await loadOverview(first, base);
    await first.close();
    // First visit: a new browser profile (no cached assets), the server as it runs.
    // Emptied: the same, with the server's monitoring cache emptied before each load (after a clear of
    // `monitoring:*`, or a restart before its start-up warm is done): every card is computed on the request path.
    const firstVisit: number[] = [];
    const emptied: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const empty of [false, true]) {
        // Requests of the previous page still in flight finish first: a key cleared while its fetch runs makes the
        // next reader of that key wait for the fetch lease (up to 5 s), which is not what a cold load costs.
        await new Promise((r) => setTimeout(r, 1_000));
        if (empty) await cache.deletePattern('monitoring:*');
        const context = await browser.newContext({ viewport });
        await context.addCookies([{ ...cookie }]);
        (empty ? emptied : firstVisit).push(await loadOverview(context, base));
        await context.close();
      }
      process.stdout.write(
        `first visit ${i + 1}: ${firstVisit.at(-1)!.toFixed(0)} ms (monitoring cache emptied ${emptied.at(-1)!.toFixed(0)} ms)\n`,
      );
    }
    // Warm: one profile (assets cached), the server's cache in front, as when an admin comes back to the tab.
    const warm: number[] = [];
    const warmWithoutPreloads: number[] = [];
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ ...cookie }]);
    await loadOverview(context, base);
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so both rows meet the same load on this shared machine.
      warm.push(await loadOverview(context, base));
      warmWithoutPreloads.push(await loadOverview(context, base, false));
      process.stdout.write(
        `warm load ${i + 1}: ${warm.at(-1)!.toFixed(0)} ms (client-rendered ${warmWithoutPreloads.at(-1)!.toFixed(0)} ms)\n`,
      );
    }
    const snapshot = await overviewSnapshot(context, base);
    await context.close();
    const { floor, overview } = await staticPageLoads(browser, viewport, RUNS, {
      floor: FLOOR_PAGE,
      overview: snapshot,
    });
    process.stdout.write(`browser floor: ${floor.map((x) => x.toFixed(0)).join(', ')} ms\n`);
    process.stdout.write(`static copy of the overview: ${overview.map((x) => x.toFixed(0)).join(', ')} ms\n`);

    if (SCREENSHOTS) {
      // Some runs and alerts on the jobs and alerts pages.
      await fetch(`${base}/admin/monitoring/cache/warm`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ target: 'all' }),
      });
      const dir = path.join(root, 'docs/screenshots');
      mkdirSync(dir, { recursive: true });
      for (const colorScheme of ['light', 'dark'] as const) {
        const shots = await browser.newContext({ viewport, colorScheme });
        await shots.addCookies([{ ...cookie }]);
        const page = await shots.newPage();
        for (const [route, name] of PAGES) {
          await page.goto(`${base}/admin/monitoring/${route}`);
          await page.waitForFunction(
            () => document.querySelector('main section.card') && !document.querySelector('main [aria-label="Loading"]'),
            null,
            { timeout: 30_000 },
          );
          await page.waitForTimeout(500); // charts draw after their chunk arrives
          await page.screenshot({ path: path.join(dir, `${name}-${colorScheme}.png`), fullPage: true });
        }
        await shots.close();
      }
      process.stdout.write(`screenshots written to docs/screenshots/\n`);
    }

    const c = stats(firstVisit);
    const e = stats(emptied);
    const w = stats(warm);
    const wn = stats(warmWithoutPreloads);
    const verdict = (s: { p95: number }) => (s.p95 <= TARGET_MS ? 'met' : '**missed**');
    const row = (name: string, s: ReturnType<typeof stats>, xs: number[], judged = true) =>
      `| ${name} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.max.toFixed(0)} | ${judged ? verdict(s) : '(scale)'} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`;
    writeResults(
      path.join(root, 'docs/benchmarks/dashboard.md'),
      [
        '# Dashboard load benchmark',
        '',
        `Run ${new Date().toISOString()} with \`node tools/run-ts.mjs tools/bench/dashboard/dashboard-bench.ts --database <url>\``,
        'on this machine (2 shared cores, other engineers working: absolute figures are noisy), Debian Chromium',
        `headless, ${viewport.width}×${viewport.height}, API and browser on the same machine. Load average (1 min) on`,
        `its ${os.cpus().length} cores: ${loadAtStart.toFixed(1)} at the start of the loads, ${os.loadavg()[0].toFixed(1)} at the end.`,
        '',
        'Data set: `npm run seed -- --scale large` (100k users, 1k leagues, 5M trades), rollups current. The',
        `dashboard's initial JavaScript: ${initialJs}.`,
        '',
        'Measured in the page: `performance.now()` (milliseconds since navigation start) at the first animation frame',
        'where the overview shows its cards and none of them a loading skeleton, i.e. the last card rendering data.',
        'The page fails the run on any console error or failed request.',
        '',
        'One unmeasured load comes first, so that neither the browser process nor the server starts cold.',
        '',
        '- **first visit**: a new browser profile (no cached assets), the server as it runs: the `warm_monitoring` job',
        '  (every 10 s, and at start-up) keeps the figures the dashboard opens with computed.',
        "- **first visit, monitoring cache emptied**: the same, with the server's monitoring cache emptied before each",
        '  load (as after a clear of `monitoring:*`, or right after a restart before its start-up warm is done), so',
        '  every card is computed from the rollups on the request path. Interleaved with the first visits.',
        "- **warm**: the same profile reloading, assets cached and the server's cache in front.",
        '- **browser floor**: for scale, a new profile loading a static page that draws one paragraph, served by',
        '  `python3 -m http.server` (a separate process), to its first frame: what any page costs on this machine.',
        "- **static copy of the overview**: for scale, the loaded overview's DOM (every card with its data) and CSS saved",
        '  as one static page without scripts, served and loaded like the floor, interleaved with it: what our page costs',
        "  the browser without the app's JavaScript; the rest of a load's time is the JavaScript and the data.",
        '- **warm, client-rendered**: for comparison, the same, interleaved with the warm loads, with the HTML the API',
        '  serves when the URL has a query string: not rendered on the server and without preloads, so the cards ask',
        '  for their data once the app runs.',
        '',
        "The API renders the overview's HTML on the server for an admin, with every card's data (the answers that",
        'arrive within 250 ms; a later one is rendered loading and preloaded), and embeds the answers for the app to',
        'take the page over (hydration) without asking again; each load checks that the app sent no request of its',
        'own that the page did not preload.',
        '',
        `| load | p50 ms | p95 ms | max ms | target p95 <= ${TARGET_MS} ms | runs (ms) |`,
        '|---|---:|---:|---:|---|---|',
        row(`first visit (${RUNS} runs)`, c, firstVisit),
        row(`first visit, monitoring cache emptied (${RUNS} runs)`, e, emptied),
        row(`warm (${RUNS} runs)`, w, warm),
        row(`warm, client-rendered (${RUNS} runs)`, wn, warmWithoutPreloads),
        row(`browser floor: a static one-paragraph page (${RUNS} runs)`, stats(floor), floor, false),
        row(`static copy of the overview, no JavaScript (${RUNS} runs)`, stats(overview), overview, false),
        '',
      ].join('\n'),
    );
    process.stdout.write(
      `first visit p95 ${c.p95.toFixed(0)} ms (emptied ${e.p95.toFixed(0)} ms), warm p95 ${w.p95.toFixed(0)} ms; docs/benchmarks/dashboard.md\n`,
    );
  } finally {
    await browser.close();
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
