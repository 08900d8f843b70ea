import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the dashboard's Vite build lands (apps/dashboard/vite.config.ts: outDir ../../dist/apps/dashboard): the
 * first ancestor holding a build, else the repository root (beside `apps/dashboard`), where a later build will land.
 */
function findDashboardDir(): string | null {
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  let future: string | null = null;
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      const candidate = path.join(dir, 'dist', 'apps', 'dashboard');
      if (existsSync(path.join(candidate, 'index.html'))) return candidate;
      if (!future && existsSync(path.join(dir, 'apps', 'dashboard'))) future = candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return future;
}

const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Monitoring</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>Admin monitoring</h1>
<p>The dashboard has not been built yet (<code>npm run build</code>). Its data is available as JSON under
<code>/admin/monitoring/*/json</code>, <code>/admin/monitoring/overview</code> and <code>/admin/monitoring/health</code>.</p>
</main>
</body>
</html>
`;

let cached: {
  html: string;
  mainHtml: string;
  preloads: string[];
  serverEntry: string | null;
  mtimeMs: number;
  at: number;
} | null = null;
const RECHECK_MS = 5_000;

/** The build's list of the requests the main dashboard makes when it opens (preload.json), or none. */
function readPreloads(dir: string): string[] {
  try {
    const list: unknown = JSON.parse(readFileSync(path.join(dir, 'preload.json'), 'utf8'));
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string' && u.startsWith('/')) : [];
  } catch {
    return [];
  }
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `html` with a `<link rel="preload" as="fetch">` per URL at the end of its head: the browser starts those
 * requests while the scripts load, and the app's own fetches of the same URLs take their responses.
 */
export function withPreloads(html: string, urls: readonly string[]): string {
  if (urls.length === 0 || !html.includes('</head>')) return html;
  const links = urls.map((url) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(url)}">\n  `);
  return html.replace('</head>', `${links.join('')}</head>`);
}

function load(): NonNullable<typeof cached> {
  const now = Date.now();
  if (cached && now - cached.at < RECHECK_MS) return cached;
  const dir = findDashboardDir();
  if (!dir || !existsSync(path.join(dir, 'index.html'))) {
    cached = { html: PLACEHOLDER, mainHtml: PLACEHOLDER, preloads: [], serverEntry: null, mtimeMs: 0, at: now };
    return cached;
  }
  const file = path.join(dir, 'index.html');
  const mtimeMs = statSync(file).mtimeMs;
  if (!cached || cached.mtimeMs !== mtimeMs) {
    const html = readFileSync(file, 'utf8');
    const preloads = readPreloads(dir);
    const serverEntry = path.join(path.dirname(dir), 'dashboard-server', 'entry-server.mjs');
    cached = { html, mainHtml: withPreloads(html, preloads), preloads, serverEntry, mtimeMs, at: now };
  }
  cached.at = now;
  return cached;
}

/** The dashboard's index.html when built, else a small placeholder page. Re-read when the build changes. */
export function dashboardHtml(): string {
  return load().html;
}

/**
 * The main dashboard's HTML for an admin: index.html preloading the requests the page makes when it opens, so
 * its cards' data arrives while the JavaScript loads instead of after it.
 */
export function mainDashboardHtml(): string {
  return load().mainHtml;
}

/** The requests the main dashboard makes when it opens (the build's preload.json), or none without a build. */
export function mainDashboardRequests(): readonly string[] {
  return load().preloads;
}

/**
 * The server rendering of the overview that the dashboard's build writes beside it (vite.config.ts), whether or not
 * it exists yet; none without a build.
 */
export function dashboardServerEntry(): string | null {
  return load().serverEntry;
}

/**
 * The assets folder of the build, whether or not it exists yet: served from the start, a build made after the API
 * started is found without a restart.
 */
export function dashboardAssetsDir(): string | null {
  const dir = findDashboardDir();
  return dir && path.join(dir, 'assets');
}

export const DASHBOARD_ASSETS_PREFIX = '/admin/monitoring/assets/';

/** The dashboard's client routes under /admin/monitoring/: each answers with its HTML (admins only). */
export const DASHBOARD_PAGES = [
  'active-users',
  'engagement',
  'trading-activity',
  'league-activity',
  'risk-assessment',
  'alerts',
  'performance',
  'cache',
  'jobs',
  'database',
];

/**
 * Route config of the dashboard's page routes: the error filter answers 401/403 with the dashboard's HTML to a
 * browser (so the SPA can show its login), and with the usual JSON error to anything else.
 */
export const DASHBOARD_PAGE_ROUTE = { htmlErrorPage: dashboardHtml };
