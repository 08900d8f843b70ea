// Monitoring benchmark: latency of every monitoring JSON endpoint on the large data set (100k users, 1k leagues,
// 5M trades) without the cache, and the cost of request recording (req/s of one GET with and without it).
// `node tools/run-ts.mjs tools/bench/monitoring/monitoring-bench.ts [--trades N] [--keep]`
// Uses DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres): creates a scratch database,
// fills it with generate_series, runs, writes docs/benchmarks/monitoring.md and drops the database.
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApp } from '../../../apps/api/src/app.factory.js';
import { ALL_SCHEDULES_OFF, loadConfig } from '../../../apps/api/src/config/config.js';
import { migrate } from '../../../apps/api/src/database/migrate.js';
import { RequestMetrics } from '../../../apps/api/src/monitoring/request-metrics.js';
import { TradeRollups } from '../../../apps/api/src/monitoring/trade-rollups.service.js';
import { writeResults } from '../results.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SIZE = {
  users: option('users', 100_000),
  leagues: option('leagues', 1_000),
  trades: option('trades', 5_000_000),
};
const SAMPLES = option('samples', 40);
const ADMIN_PASSWORD = 'bench-admin-password';
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `bench_monitoring_${Date.now().toString(36)}`;
const dbUrl = (() => {
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

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  process.stdout.write(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

/** The large set, generated in the database (no round trips): spread over 60 days, 100 members per league. */
async function generate(): Promise<void> {
  const { users, leagues, trades } = SIZE;
  const membersPerLeague = Math.max(1, Math.floor(users / leagues));
  await sql(
    dbUrl,
    `
    INSERT INTO users (username, email, password_hash, created_at, last_login_at)
    SELECT 'bench_user_' || g, 'bench_user_' || g || '@example.com', 'x',
           now() - random() * interval '120 days',
           CASE WHEN g % 10 = 0 THEN now() - random() * interval '20 hours'
                WHEN g % 3 = 0 THEN now() - random() * interval '30 days' END
      FROM generate_series(1, ${users}) g`,
  );
  await sql(
    dbUrl,
    `
    INSERT INTO leagues (name, owner_id, status, starting_cash, created_at, archived_at)
    SELECT 'League ' || g, g, CASE WHEN g % 20 = 0 THEN 'archived' ELSE 'active' END, 100000,
           now() - random() * interval '90 days', CASE WHEN g % 20 = 0 THEN now() END
      FROM generate_series(1, ${leagues}) g`,
  );
  await sql(
    dbUrl,
    `
    INSERT INTO league_members (league_id, user_id, cash)
    SELECT (u - 1) % ${leagues} + 1, u, 100000 FROM generate_series(1, ${leagues * membersPerLeague}) u`,
  );
  // Index builds after the load are much faster than index maintenance during it.
  await sql(
    dbUrl,
    `DROP INDEX trades_league_executed_idx, trades_user_executed_idx, trades_executed_at_idx,
                    trades_symbol_executed_idx`,
  );
  const batch = 1_000_000;
  for (let start = 0; start < trades; start += batch) {
    const end = Math.min(trades, start + batch);
    await timed(`  trades ${start}-${end}`, () =>
      sql(
        dbUrl,
        `
        INSERT INTO trades (league_id, user_id, symbol, side, asset_type, quantity, price, amount, executed_at)
        SELECT l, (l - 1) + ${leagues} * (floor(random() * ${membersPerLeague}))::int + 1,
               (ARRAY['AAPL','MSFT','GOOG','AMZN','TSLA','NVDA','META','NFLX','AMD','INTC','ORCL','IBM','CRM','ADBE',
                      'PYPL','UBER','SHOP','SQ','DIS','KO','PEP','WMT','JPM','BAC','V','MA','XOM','CVX','PFE','MRK'])
                 [1 + floor(random() * 30)::int],
               CASE WHEN random() < 0.55 THEN 'buy' ELSE 'sell' END, 'stock', q, p, round(q * p, 2),
               now() - random() * interval '60 days'
          FROM (SELECT 1 + floor(random() * ${leagues})::int AS l, 1 + floor(random() * 200)::int AS q,
                       round((20 + random() * 500)::numeric, 2) AS p
                  FROM generate_series(${start + 1}, ${end})) x`,
      ),
    );
  }
  await timed('  trade indexes', async () => {
    await sql(dbUrl, `CREATE INDEX trades_league_executed_idx ON trades (league_id, executed_at DESC, id DESC)`);
    await sql(dbUrl, `CREATE INDEX trades_user_executed_idx ON trades (user_id, executed_at DESC, id DESC)`);
    await sql(dbUrl, `CREATE INDEX trades_executed_at_idx ON trades (executed_at)`);
    await sql(dbUrl, `CREATE INDEX trades_symbol_executed_idx ON trades (symbol, executed_at)`);
  });
  await sql(
    dbUrl,
    `
    INSERT INTO login_attempts (username, ip, success, created_at)
    SELECT 'bench_user_' || (1 + floor(random() * ${users})::int), '10.0.0.1', random() < 0.9,
           now() - random() * interval '30 days'
      FROM generate_series(1, ${Math.round(users * 2)})`,
  );
  await sql(dbUrl, 'VACUUM ANALYZE');
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main(): Promise<void> {
  await sql(server, `CREATE DATABASE ${dbName}`);
  const lines: string[] = [];
  try {
    await migrate(dbUrl);
    await timed(`generate ${SIZE.users} users, ${SIZE.leagues} leagues, ${SIZE.trades} trades`, generate);
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
    });
    const app = await createApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = await app.getUrl();
    const rollups = app.get(TradeRollups);
    const firstRollup = performance.now();
    await rollups.rollup();
    const firstRollupMs = performance.now() - firstRollup;
    const steady = performance.now();
    await rollups.rollup();
    const steadyRollupMs = performance.now() - steady;

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'cache-control': 'no-cache' };

    const endpoints = [
      '/admin/monitoring/overview',
      '/admin/monitoring/health',
      '/admin/monitoring/database/json',
      '/admin/monitoring/active-users/json',
      '/admin/monitoring/engagement/json',
      '/admin/monitoring/trading-activity/json?hours=24',
      '/admin/monitoring/trading-activity/json?hours=168',
      '/admin/monitoring/league-activity/json',
      '/admin/monitoring/league-activity/json?hours=168&page=5',
      '/admin/monitoring/risk-assessment/json',
      '/admin/monitoring/alerts/json',
      '/admin/monitoring/alerts/history/json',
      '/admin/monitoring/realtime/stats',
      '/admin/monitoring/performance/json',
      '/admin/audit/logs',
      '/admin/archives',
    ];
    const results: Array<{ url: string; p50: number; p95: number; max: number; cache: string }> = [];
    for (const url of endpoints) {
      const times: number[] = [];
      let cache = '-';
      for (let i = 0; i < SAMPLES + 3; i++) {
        const started = performance.now();
        const res = await fetch(base + url, { headers: auth });
        await res.arrayBuffer();
        const ms = performance.now() - started;
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        cache = res.headers.get('x-cache') ?? '-';
        if (i >= 3) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const row = { url, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1)!, cache };
      results.push(row);
      process.stdout.write(`${url}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms\n`);
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
                                            (SELECT count(*) FROM leagues) AS leagues`,
    );
    lines.push(
      '# Monitoring benchmark',
      '',
      `Run ${new Date().toISOString()} with \`node tools/run-ts.mjs tools/bench/monitoring/monitoring-bench.ts\`, on this`,
      'machine (2 shared cores, other engineers working: absolute figures are noisy, ratios from one run are not).',
      '',
      `Data set (generated with generate_series into a scratch database, dropped afterwards): ${counts[0].users} users,`,
      `${counts[0].leagues} leagues, ${counts[0].trades} trades over 60 days, ${SIZE.users * 2} login attempts.`,
      `Rollups: first full run ${(firstRollupMs / 1000).toFixed(1)} s, steady-state run (what the scheduler does every`,
      `minute) ${steadyRollupMs.toFixed(0)} ms.`,
      '',
      "Engagement's current day and the risk assessment read what the last rollup run stored (the scheduler runs it every",
      'minute; here it ran just before the measurements). Without a run in the last 2 minutes they compute live: on this',
      'data set that costs about 150 ms (engagement) and 520 ms (risk assessment) per request, measured in an earlier run.',
      '',
      `## Endpoint latency (${SAMPLES} sequential requests each over HTTP after 3 warm-ups; no cache in front)`,
      '',
      '| endpoint | p50 ms | p95 ms | max ms | target | X-Cache |',
      '|---|---:|---:|---:|---|---|',
      ...results.map((r) => {
        const budget = r.url.includes('realtime') ? 20 : 100;
        return `| \`${r.url}\` | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | p95 < ${budget} ms: ${r.p95 < budget ? 'met' : '**missed**'} | ${r.cache} |`;
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
    if (!args.includes('--keep')) await sql(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else process.stdout.write(`kept ${dbUrl}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
