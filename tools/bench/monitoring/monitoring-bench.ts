// Monitoring benchmark: latency of every monitoring JSON route on the large data set (100k users, 1k leagues,
// 5M trades), cold (right after a restart with the rollups 10 minutes old and their catch-up not finished yet, and
// every read a cache miss) and warm (rollups current, cache in front), and the cost of request recording.
// `node tools/run-ts.mjs tools/bench/monitoring/monitoring-bench.ts [--database URL] [--samples N]`
// --database: a database loaded with `npm run seed -- --scale large` (kept); without it a scratch database on
// DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) is seeded the same way and dropped.
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApp } from '../../../apps/api/src/app.factory.js';
import { CacheService } from '../../../apps/api/src/cache/cache.service.js';
import { ALL_SCHEDULES_OFF, loadConfig } from '../../../apps/api/src/config/config.js';
import { migrate } from '../../../apps/api/src/database/migrate.js';
import { RequestMetrics } from '../../../apps/api/src/monitoring/request-metrics.js';
import { TradeRollups } from '../../../apps/api/src/monitoring/trade-rollups.service.js';
import { DEMO_PRESETS, seedDemoData } from '../../../apps/api/src/trading/demo-data/demo-data.js';
import { writeResults } from '../results.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SAMPLES = Number(option('samples') ?? 40);
const ADMIN_PASSWORD = 'bench-admin-password';
/** The key of the rollup's advisory lock (trade-rollups.service.ts): holding it keeps a catch-up from finishing. */
const ROLLUP_LOCK_KEY = 724_312;
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const given = option('database');
const dbName = `bench_monitoring_${Date.now().toString(36)}`;
const dbUrl =
  given ??
  (() => {
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();

async function sql(url: string, text: string, params: unknown[] = []): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const ROUTES = [
  '/admin/monitoring/overview',
  '/admin/monitoring/health',
  '/admin/monitoring/database/json',
  '/admin/monitoring/active-users/json',
  '/admin/monitoring/active-users/json?sort=trades_today',
  '/admin/monitoring/engagement/json',
  '/admin/monitoring/engagement/json?days=90',
  '/admin/monitoring/trading-activity/json?hours=24',
  '/admin/monitoring/trading-activity/json?hours=720',
  '/admin/monitoring/league-activity/json',
  '/admin/monitoring/league-activity/json?hours=720&page=5',
  '/admin/monitoring/league-activity/json?hours=720&sort=member_count',
  '/admin/monitoring/risk-assessment/json',
  '/admin/monitoring/alerts/json',
  '/admin/monitoring/alerts/history/json',
  '/admin/monitoring/realtime/stats',
  '/admin/monitoring/performance/json',
  '/admin/monitoring/cache/json',
  '/admin/monitoring/jobs/json',
  '/admin/monitoring/jobs/json?sort=duration_ms',
  '/admin/audit/logs',
  '/admin/archives',
];

interface Sampled {
  p50: number;
  p95: number;
  max: number;
  /** p95 of the Server-Timing data duration. */
  serverP95: number | null;
}

/** `SAMPLES` sequential GETs of `url`, each after `before()` (the cold pass empties the monitoring cache). */
async function sample(base: string, url: string, headers: Record<string, string>, before?: () => Promise<unknown>) {
  const times: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await before?.();
    const started = performance.now();
    const res = await fetch(base + url, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    const dur = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (dur) server.push(Number(dur[1]));
  }
  times.sort((a, b) => a - b);
  server.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: times.at(-1)!,
    serverP95: server.length ? percentile(server, 0.95) : null,
  } satisfies Sampled;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  if (!given) await sql(server, `CREATE DATABASE ${dbName}`);
  try {
    await migrate(dbUrl);
    if (!given) {
      const started = performance.now();
      await seedDemoData(dbUrl, { ...DEMO_PRESETS.large, seed: 42 });
      process.stdout.write(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      DATABASE_URL: dbUrl,
      ADMIN_PASSWORD,
      SEED_ON_EMPTY: 'false',
      CACHE_PREFIX: dbName,
      PORT: '0',
      ...ALL_SCHEDULES_OFF,
      // Scheduled but never due during the run: the start-up catch-up is what brings the rollups up to date.
      SCHEDULE_ROLLUPS: '0 0 0 1 1 *',
    });

    // A database that was never rolled up gets its first full run here, timed, before the restart below.
    let firstRollupMs: number | null = null;
    const [state] = await sql(dbUrl, `SELECT 1 FROM monitoring_rollup_state`);
    if (!state) {
      const setup = await createApp({ ...config, schedules: { ...config.schedules, rollups: 'off' } });
      await setup.init();
      const started = performance.now();
      await setup.get(TradeRollups).rollup();
      firstRollupMs = performance.now() - started;
      await setup.close();
      process.stdout.write(`first full rollup: ${(firstRollupMs / 1000).toFixed(1)} s\n`);
    }

    // A restart 10 minutes after the last rollup run, whose catch-up cannot finish while we hold its lock: every
    // read must make do with the rollups as they are.
    await sql(
      dbUrl,
      `UPDATE monitoring_rollup_state SET updated_at = now() - interval '10 minutes',
                                          risk_computed_at = now() - interval '10 minutes'`,
    );
    const lock = new pg.Client({ connectionString: dbUrl });
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [ROLLUP_LOCK_KEY]);
    const app = await createApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = await app.getUrl();
    const cache = app.get(CacheService);
    const rollups = app.get(TradeRollups);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    const cold = new Map<string, Sampled>();
    for (const url of ROUTES) {
      cold.set(url, await sample(base, url, auth, () => cache.deletePattern('monitoring:*')));
      process.stdout.write(`cold ${url}: p95 ${cold.get(url)!.p95.toFixed(1)} ms\n`);
    }
    const [stillOld] = await sql(
      dbUrl,
      `SELECT updated_at < now() - interval '5 minutes' AS old FROM monitoring_rollup_state`,
    );
    if (!stillOld.old) throw new Error('the rollups caught up during the cold pass: the lock did not hold');

    // The catch-up started at start-up finishes once the lock is released.
    const catchUpStarted = performance.now();
    await lock.query('SELECT pg_advisory_unlock($1)', [ROLLUP_LOCK_KEY]);
    await lock.end();
    await rollups.catchUp();
    const catchUpMs = performance.now() - catchUpStarted;
    const steadyStarted = performance.now();
    await rollups.rollup();
    const steadyRollupMs = performance.now() - steadyStarted;

    const warm = new Map<string, Sampled>();
    for (const url of ROUTES) {
      await fetch(base + url, { headers: auth }).then((r) => r.arrayBuffer());
      warm.set(url, await sample(base, url, auth));
      process.stdout.write(`warm ${url}: p95 ${warm.get(url)!.p95.toFixed(1)} ms\n`);
    }

    // Recording overhead: the same GET with recording on and off, alternated, in this run. Two targets: the
    // leaderboard (a cached trading read, when the trading API answers it) and a bare endpoint (worst case).
    const leaderboard = await fetch(`${base}/api/leagues/1/leaderboard`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await leaderboard.arrayBuffer();
    const targets = [...(leaderboard.status === 200 ? ['/api/leagues/1/leaderboard'] : []), '/health/live'];
    const metrics = app.get(RequestMetrics);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const overhead: Array<{ target: string; on: number[]; off: number[]; ratio: number }> = [];
    for (const target of targets) {
      const load = async (): Promise<number> => {
        const result = await autocannon({
          url: base + target,
          connections: 50,
          duration: 8,
          headers: { authorization: `Bearer ${token}` },
        });
        return result.requests.average;
      };
      await load(); // warm-up
      const on: number[] = [];
      const off: number[] = [];
      for (let round = 0; round < 2; round++) {
        metrics.enabled = true;
        on.push(await load());
        metrics.enabled = false;
        off.push(await load());
      }
      metrics.enabled = true;
      const ratio = mean(on) / mean(off);
      overhead.push({ target, on, off, ratio });
      process.stdout.write(
        `${target}: recording on ${mean(on).toFixed(0)} req/s, off ${mean(off).toFixed(0)} req/s, ratio ${ratio.toFixed(3)}\n`,
      );
    }
    await app.close();

    const counts = await sql(
      dbUrl,
      `SELECT (SELECT count(*) FROM trades) AS trades, (SELECT count(*) FROM users) AS users,
              (SELECT count(*) FROM leagues) AS leagues, (SELECT count(*) FROM login_attempts) AS logins`,
    );
    const budget = (url: string) => (url.includes('realtime') ? 20 : 100);
    const verdict = (url: string) =>
      cold.get(url)!.p95 < budget(url) && warm.get(url)!.p95 < budget(url) ? 'met' : '**missed**';
    const ms = (x: number | null) => (x === null ? '-' : x.toFixed(1));
    lines.push(
      '# Monitoring benchmark',
      '',
      `Run ${new Date().toISOString()} with \`node tools/run-ts.mjs tools/bench/monitoring/monitoring-bench.ts\`, on this`,
      'machine (2 shared cores, other engineers working: absolute figures are noisy, ratios from one run are not).',
      '',
      `Data set (\`npm run seed -- --scale large\`): ${counts[0].users} users, ${counts[0].leagues} leagues,`,
      `${counts[0].trades} trades over 60 days, ${counts[0].logins} login attempts.`,
      firstRollupMs === null
        ? 'Rollups: the database had been rolled up before this run.'
        : `Rollups: first full run ${(firstRollupMs / 1000).toFixed(1)} s.`,
      `After the restart, the start-up catch-up of 10 minutes took ${(catchUpMs / 1000).toFixed(1)} s once it could`,
      `run; a steady-state run (what the scheduler does every minute) ${steadyRollupMs.toFixed(0)} ms.`,
      '',
      `## Route latency (${SAMPLES} sequential requests each over HTTP)`,
      '',
      '- **cold**: right after a restart, the last rollup run 10 minutes old and its catch-up held back (its lock',
      '  taken by the benchmark), and the monitoring cache emptied before every request: what a route costs when it',
      '  computes its answer from the rollups as they are.',
      '- **warm**: after the catch-up, the cache in front (TTLs of 10 to 60 s): what a polling dashboard sees.',
      '- **server** is the p95 of the `Server-Timing` data duration of the cold requests (the handler alone).',
      '',
      '| route | cold p50 ms | cold p95 ms | server p95 ms | warm p50 ms | warm p95 ms | target: p95 cold and warm |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...ROUTES.map((url) => {
        const c = cold.get(url)!;
        const w = warm.get(url)!;
        return `| \`${url}\` | ${ms(c.p50)} | ${ms(c.p95)} | ${ms(c.serverP95)} | ${ms(w.p50)} | ${ms(w.p95)} | < ${budget(url)} ms: ${verdict(url)} |`;
      }),
      '',
      '## Recording overhead',
      '',
      'autocannon, 50 connections, 8 s per round, recording on and off alternated twice (off = the onResponse hook',
      'returns at once), after a warm-up:',
      '',
      '| endpoint | recording on, req/s | recording off, req/s | ratio on/off | target >= 0.95 |',
      '|---|---:|---:|---:|---|',
      ...overhead.map(
        (o) =>
          `| \`GET ${o.target}\` | ${mean(o.on).toFixed(0)} (${o.on.map((x) => x.toFixed(0)).join(', ')}) | ${mean(o.off).toFixed(0)} (${o.off.map((x) => x.toFixed(0)).join(', ')}) | ${o.ratio.toFixed(3)} | ${o.ratio >= 0.95 ? 'met' : '**missed**'} |`,
      ),
      '',
    );
    const file = path.resolve('docs/benchmarks/monitoring.md');
    writeResults(file, lines.join('\n'));
    process.stdout.write('results written to docs/benchmarks/monitoring.md\n');
  } finally {
    if (!given) await sql(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
