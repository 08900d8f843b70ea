// The REAL cached leaderboard on seeded demo data: `GET /api/leagues/:id/leaderboard` served from the cache,
// the same request with an admin's `Cache-Control: no-cache` (the query every time), and a bare Fastify route on
// the same server sending the same leaderboard object (the ceiling: no guard, no cache, serialized each time).
// autocannon -c 50 in interleaved rounds (medians), ratios within one run.
// `node tools/run-ts.mjs tools/bench/cache/leaderboard-bench.ts [--duration 5] [--rounds 3] [--users 500 --leagues 20 --trades 100000]`
// Uses DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) and REDIS_URL; seeds a scratch
// database it drops; writes its section of docs/benchmarks/cache.md (between the leaderboard-bench markers).
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApp } from '../../../apps/api/src/app.factory.js';
import { ALL_SCHEDULES_OFF, loadConfig } from '../../../apps/api/src/config/config.js';
import { migrate } from '../../../apps/api/src/database/migrate.js';
import { seedDemoData } from '../../../apps/api/src/trading/demo-data/demo-data.js';
import { LeaderboardService } from '../../../apps/api/src/trading/leaderboard.service.js';
import { writeSection } from '../results.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION = option('duration', 5);
const ROUNDS = option('rounds', 3);
const SEED = {
  users: option('users', 500),
  leagues: option('leagues', 20),
  days: 30,
  trades: option('trades', 100_000),
};
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dbName = `bench_leaderboard_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const BEGIN = '<!-- leaderboard-bench:begin -->';
const END = '<!-- leaderboard-bench:end -->';

async function adminSql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const rows: string[] = [];
const out = (line = '') => {
  process.stdout.write(`${line}\n`);
  rows.push(line);
};

async function login(base: string, username: string, role?: 'admin', db?: pg.Client): Promise<string> {
  const password = 'bench-password-123';
  const post = (url: string, body: object) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const reg = await post('/api/auth/register', { username, email: `${username}@example.com`, password });
  if (reg.status !== 201) throw new Error(`register ${username}: ${reg.status} ${await reg.text()}`);
  if (role && db) await db.query(`UPDATE users SET role = 'admin' WHERE lower(username) = lower($1)`, [username]);
  const res = await post('/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function main(): Promise<void> {
  await adminSql(`CREATE DATABASE ${dbName}`);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  const db = new pg.Client({ connectionString: dbUrl });
  try {
    await migrate(dbUrl);
    const seeded = Date.now();
    const summary = await seedDemoData(dbUrl, SEED);
    const seedSeconds = (Date.now() - seeded) / 1000;
    await db.connect();
    const [biggest] = (
      await db.query<{ league_id: number; members: string }>(
        `SELECT league_id, count(*) AS members FROM league_members GROUP BY league_id ORDER BY 2 DESC LIMIT 1`,
      )
    ).rows;
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      CACHE_PREFIX: `benchlb${Date.now().toString(36)}`,
      SEED_ON_EMPTY: 'false',
      ...ALL_SCHEDULES_OFF,
    });
    app = await createApp(config);
    // The ceiling: a plain Fastify route on the same server sending the same leaderboard object.
    const payload = await app.get(LeaderboardService).getPage(biggest.league_id, 1);
    app
      .getHttpAdapter()
      .getInstance()
      .get('/bench/bare-leaderboard', async () => payload);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const stamp = Date.now().toString(36);
    const user = await login(base, `bench_user_${stamp}`);
    const admin = await login(base, `bench_admin_${stamp}`, 'admin', db);
    const url = `${base}/api/leagues/${biggest.league_id}/leaderboard`;

    const check = await fetch(url, { headers: { authorization: `Bearer ${user}` } });
    const checkAgain = await fetch(url, { headers: { authorization: `Bearer ${user}` } });
    const bare = await fetch(`${base}/bench/bare-leaderboard`);
    const sameBody = (await checkAgain.text()) === (await bare.text());
    await check.text();

    out(BEGIN);
    out(
      `## (d) The real leaderboard on demo data, autocannon -c 50, ${ROUNDS} interleaved rounds of ${DURATION} s (medians)`,
    );
    out();
    out(
      `Run ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs (shared, noisy: compare ratios within this run). ` +
        `Demo data (seedDemoData): ${summary.users.toLocaleString('en')} users, ${summary.leagues} leagues, ` +
        `${summary.members.toLocaleString('en')} memberships, ${SEED.trades.toLocaleString('en')} trades requested, seeded in ${seedSeconds.toFixed(1)} s. ` +
        `League ${biggest.league_id} has the most members (${biggest.members}); page 1 (50 rows). ` +
        `First GET: X-Cache ${check.headers.get('x-cache')}, second: ${checkAgain.headers.get('x-cache')}; ` +
        `cached body identical to the bare route's: ${sameBody ? 'yes' : 'NO'}.`,
    );
    out();
    type Result = Awaited<ReturnType<typeof autocannon>>;
    const targets = [
      ['bare Fastify route, same leaderboard object (ceiling)', `${base}/bench/bare-leaderboard`, {}],
      ['cached GET /api/leagues/:id/leaderboard (X-Cache: HIT)', url, { authorization: `Bearer ${user}` }],
      [
        'uncached: same GET by an admin with Cache-Control: no-cache',
        url,
        { authorization: `Bearer ${admin}`, 'cache-control': 'no-cache' },
      ],
    ] as const;
    for (const [, target, headers] of targets) await autocannon({ url: target, connections: 10, duration: 1, headers });
    // Interleaved rounds, so a burst of load from elsewhere on the shared machine hits every row alike.
    const runs: Result[][] = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [, target, headers]] of targets.entries()) {
        runs[i].push(await autocannon({ url: target, connections: 50, duration: DURATION, headers }));
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const results: [string, Result][] = targets.map(([label], i) => [
      label,
      {
        requests: { average: median(runs[i].map((r) => r.requests.average)), total: 0 },
        latency: {
          p50: median(runs[i].map((r) => r.latency.p50)),
          p99: median(runs[i].map((r) => r.latency.p99)),
          average: 0,
        },
        non2xx: runs[i].reduce((n, r) => n + r.non2xx, 0),
        errors: runs[i].reduce((n, r) => n + r.errors, 0),
      },
    ]);
    const ceiling = results[0][1].requests.average;
    const uncached = results[2][1].requests.average;
    out('| endpoint | req/s | p50 ms | p99 ms | vs bare | vs uncached | non-2xx |');
    out('|---|---:|---:|---:|---:|---:|---:|');
    for (const [label, r] of results) {
      out(
        `| ${label} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p99} | ${(r.requests.average / ceiling).toFixed(2)} | ${(r.requests.average / uncached).toFixed(1)} | ${r.non2xx} |`,
      );
    }
    out();
    out(
      'Targets (issue 4): cached >= 0.70x the bare route and >= 10x the uncached GET. The cached and uncached rows ' +
        'both pass the session guard (session read from the cache); the bare route has no guard.',
    );
    out(END);
  } finally {
    await app?.close();
    await db.end().catch(() => undefined);
    await adminSql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  const file = path.join(process.cwd(), 'docs/benchmarks/cache.md');
  writeSection(file, '# Cache benchmark\n', BEGIN, END, rows.join('\n'));
  process.stdout.write(`written ${file}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
