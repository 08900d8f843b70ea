// `npm run bench:http [-- --duration 5 --rounds 2]`: our cached leaderboard against what a user could run instead,
// every server in a process of its own, all serving the same 50-row leaderboard JSON:
//   1. bare NestJS 12 + Fastify returning the body (no logging, no guard, no cache): the ceiling
//   2. NestJS + Fastify + bentocache (L1 memory + L2 Redis + bus), getOrSet in the handler
//   3. ours, GET /api/leagues/:id/leaderboard served from the cache (X-Cache: HIT), started as `npm start` starts it
//   4. stock NestJS + Express + @nestjs/cache-manager CacheInterceptor + @keyv/redis
//   5. ours uncached (an admin's Cache-Control: no-cache: PostgreSQL every time)
//   6. ours GET /health/live
// autocannon -c 50 in the rounds interleaved, medians; writes docs/benchmarks/http.md (not with --profile).
// Uses DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created
// and dropped) and REDIS_URL (default redis://127.0.0.1:6379).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { writeResults } from '../results.js';
import { interleaved, load, type LoadResult } from './load.js';
import { buildApi, login, signUp, startOurs } from './ours.js';
import { freePort, startServer, type ServerProcess } from './processes.js';
import { ScratchDatabase } from '../scratch-database.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION = option('duration', 5);
const ROUNDS = option('rounds', 2);
// `--profile`: ours runs under `node --cpu-prof` (profile in tmp/bench-http/profile when it stops).
const PROFILE = args.includes('--profile');
const root = process.cwd();
const here = path.dirname(fileURLToPath(import.meta.url));
const work = path.join(root, 'tmp', 'bench-http');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const scratch = new ScratchDatabase('http');
const dbUrl = scratch.url;
const ADMIN_PASSWORD = 'bench-admin-password';
/** The offered load at which p99s are compared, as a share of the slower server's saturated throughput. */
const EQUAL_LOAD_SHARE = 0.6;

const load1 = () => os.loadavg()[0].toFixed(2);

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  buildApi(root);
  await scratch.create();
  const servers: ServerProcess[] = [];
  const loadBefore = load1();
  try {
    const ours = await startOurs({
      root,
      databaseUrl: dbUrl,
      redisUrl,
      port: await freePort(),
      adminPassword: ADMIN_PASSWORD,
      logFile: path.join(work, 'ours.log'),
      nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(work, 'profile')}`] : [],
    });
    servers.push(ours);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    const [biggest] = (
      await db.query<{ league_id: number; members: string }>(
        `SELECT league_id, count(*) AS members FROM league_members GROUP BY league_id ORDER BY 2 DESC, 1 LIMIT 1`,
      )
    ).rows;
    await db.end();
    const user = await signUp(ours.base, `bench_${Date.now().toString(36)}`);
    const admin = await login(ours.base, 'admin', ADMIN_PASSWORD);
    const leaderboard = `${ours.base}/api/leagues/${biggest.league_id}/leaderboard`;
    const userHeaders = { authorization: `Bearer ${user}` };
    const first = await fetch(leaderboard, { headers: userHeaders });
    await first.text();
    const second = await fetch(leaderboard, { headers: userHeaders });
    const body = await second.text();
    const rows = (JSON.parse(body) as { items?: unknown[] }).items?.length;
    const bodyFile = path.join(work, 'leaderboard.json');
    writeFileSync(bodyFile, body);

    const peer = async (name: string, file: string) => {
      const started = await startServer({
        name,
        args: [path.join(here, file)],
        cwd: root,
        env: { ...process.env, BODY_FILE: bodyFile, REDIS_URL: redisUrl },
        port: await freePort(),
        logFile: path.join(work, `${name}.log`),
        readyPath: '/leaderboard',
      });
      servers.push(started);
      const same = (await (await fetch(`${started.base}/leaderboard`)).text()) === body;
      if (!same) throw new Error(`${name} does not send the same body as ours`);
      return started;
    };
    const bare = await peer('bare', 'bare-app.js');
    const bento = await peer('bentocache', 'bentocache-app.js');
    const stock = await peer('cache-interceptor', 'cache-interceptor-app.js');

    const targets: Array<{ label: string; url: string; headers: Record<string, string> }> = [
      {
        label: 'bare NestJS 12 + Fastify, separate process, no logging (ceiling)',
        url: `${bare.base}/leaderboard`,
        headers: {},
      },
      {
        label: 'NestJS + Fastify + bentocache (L1 memory + L2 Redis + bus), getOrSet',
        url: `${bento.base}/leaderboard`,
        headers: {},
      },
      {
        label: 'ours, cached GET /api/leagues/:id/leaderboard (X-Cache: HIT)',
        url: leaderboard,
        headers: userHeaders,
      },
      {
        label: 'stock NestJS + Express + CacheInterceptor + @keyv/redis',
        url: `${stock.base}/leaderboard`,
        headers: {},
      },
      {
        label: 'ours, uncached (admin, Cache-Control: no-cache)',
        url: leaderboard,
        headers: { authorization: `Bearer ${admin}`, 'cache-control': 'no-cache' },
      },
      { label: 'ours, GET /health/live', url: `${ours.base}/health/live`, headers: {} },
      {
        // autocannon counts a 304 as non-2xx: this row's non-2xx column is its request count.
        label: 'ours, conditional GET of the unchanged leaderboard (If-None-Match: 304, no body)',
        url: leaderboard,
        headers: { ...userHeaders, 'if-none-match': second.headers.get('etag') ?? '' },
      },
    ];
    const xCache = (await fetch(leaderboard, { headers: userHeaders })).headers.get('x-cache');
    const xCacheAdmin = (await fetch(leaderboard, { headers: targets[4].headers })).headers.get('x-cache');
    for (const t of targets) await load(t.url, t.headers, 2, 10);
    const started = new Date();
    const results = await interleaved(targets, ROUNDS, DURATION);
    // At saturation a closed loop's latency is its concurrency over its throughput, so p99 there mostly restates
    // req/s. Tail latency is compared at the same offered load, well within both servers' capacity.
    const rate = Math.round((Math.min(results[0].rps, results[2].rps) * EQUAL_LOAD_SHARE) / 100) * 100;
    const [bareAtRate, cachedAtRate] = await interleaved([targets[0], targets[2]], ROUNDS, DURATION, 50, rate);
    const loadAfter = load1();
    report({
      started,
      results,
      targets,
      atRate: { rate, bare: bareAtRate, cached: cachedAtRate },
      xCache,
      xCacheAdmin,
      rows,
      leagueId: biggest.league_id,
      loadBefore,
      loadAfter,
    });
  } finally {
    for (const s of servers.reverse()) await s.stop();
    await scratch.drop();
  }
  process.exit(0);
}

function report(r: {
  started: Date;
  results: LoadResult[];
  targets: Array<{ label: string }>;
  atRate: { rate: number; bare: LoadResult; cached: LoadResult };
  xCache: string | null;
  xCacheAdmin: string | null;
  rows: number | undefined;
  leagueId: number;
  loadBefore: string;
  loadAfter: string;
}): void {
  const [bare, bento, cached, stock, uncached, live, notModified] = r.results;
  const lines: string[] = [];
  const out = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const cpus = os.cpus();
  out('# HTTP benchmark: the cached hot path against what a user could run instead');
  out();
  out(
    `Run ${r.started.toISOString()} on ${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `${os.type()} ${os.release()}, Node ${process.version}. Load average (1 min) ${r.loadBefore} before, ${r.loadAfter} after ` +
      '(the machine is shared: compare the ratios within this run, not the absolute figures).',
  );
  out();
  out(
    `Command: \`npm run bench:http -- --duration ${DURATION} --rounds ${ROUNDS}\`. autocannon -c 50 for ${DURATION} s per row, ` +
      `the ${r.targets.length} rows interleaved ${ROUNDS} times, medians. Every server runs in a process of its own and ` +
      `sends the same ${r.rows}-row leaderboard JSON (league ${r.leagueId} of the demo data, byte for byte). Ours is ` +
      '`dist/apps/api/main.js`, which is what `npm start` runs after its build, with its defaults: `LOG_LEVEL=info` (access lines to a file), security ' +
      `headers, session auth, per-route metrics, schedules on. X-Cache of the cached row: ${r.xCache}; of the admin row: ${r.xCacheAdmin}.`,
  );
  out();
  out('| server | req/s | p50 ms | p99 ms | vs bare | non-2xx |');
  out('|---|---:|---:|---:|---:|---:|');
  r.results.forEach((x, i) =>
    out(
      `| ${r.targets[i].label} | ${Math.round(x.rps).toLocaleString('en')} | ${x.p50} | ${x.p99} | ${(x.rps / bare.rps).toFixed(2)} | ${x.non2xx + x.errors} |`,
    ),
  );
  out();
  const check = (name: string, value: number, target: number, unit = 'x') =>
    out(`| ${name} | ${value.toFixed(2)}${unit} | ${target}${unit} | ${value >= target ? 'met' : 'not met'} |`);
  out('| target | measured | wanted | |');
  out('|---|---:|---:|---|');
  check('cached leaderboard vs bare', cached.rps / bare.rps, 0.7);
  check('cached leaderboard vs bentocache', cached.rps / bento.rps, 1.3);
  check('cached leaderboard vs stock CacheInterceptor', cached.rps / stock.rps, 3);
  check('cached leaderboard vs uncached', cached.rps / uncached.rps, 10);
  check('/health/live vs bare', live.rps / bare.rps, 0.8);
  check('304 of the unchanged leaderboard vs its 200 HIT', notModified.rps / cached.rps, 1);
  const { rate, bare: bareAt, cached: cachedAt } = r.atRate;
  out(
    `| cached p99 no worse than bare p99, both at ${rate.toLocaleString('en')} req/s | ${cachedAt.p99} ms vs ${bareAt.p99} ms | | ` +
      `${cachedAt.p99 <= bareAt.p99 ? 'met' : 'not met'} |`,
  );
  out();
  out(
    `Latency at the same offered load (${rate.toLocaleString('en')} req/s in all, ${Math.round(EQUAL_LOAD_SHARE * 100)}% of the slower ` +
      "one's capacity above, -c 50, interleaved, medians):",
  );
  out();
  out('| server | req/s | p50 ms | p99 ms |');
  out('|---|---:|---:|---:|');
  out(`| ${r.targets[0].label} | ${Math.round(bareAt.rps).toLocaleString('en')} | ${bareAt.p50} | ${bareAt.p99} |`);
  out(
    `| ${r.targets[2].label} | ${Math.round(cachedAt.rps).toLocaleString('en')} | ${cachedAt.p50} | ${cachedAt.p99} |`,
  );
  out();
  out('## Notes');
  out();
  if (live.non2xx + live.errors)
    out(
      `- \`/health/live\` answered ${live.non2xx + live.errors} requests with a non-2xx status: the per-client rate limit on ` +
        'unauthenticated routes (429) applies to it, and autocannon is one client, so that row measures mostly 429 answers.',
    );
  out(
    '- Ours answers a HIT in a Fastify preHandler hook (`HttpCacheHits`): the global guard resolves the session (from ' +
      'the cache), then the stored bytes of the L1 entry are sent; no interceptor, no rxjs, no JSON serialization. ' +
      'The bare endpoint serializes its body on every request but pays no guard, access log, security headers or metrics.',
  );
  out(
    "- The conditional row sends the leaderboard's ETag in `If-None-Match`: the same HIT path (guard, key, L1 " +
      'entry with its stored ETag) answers 304 with no body; autocannon counts a 304 as non-2xx, so that column is ' +
      'its request count.',
  );
  out(
    '- The saturated p99 column restates throughput (a closed loop of 50 connections waits 50 / req/s per request on ' +
      'average), so the p99 target is checked at the same offered load for both servers, in the second table.',
  );
  out(
    '- `npm run bench:http -- --profile` runs ours under `node --cpu-prof` (profile in `tmp/bench-http/profile`). ' +
      'The quick variant in the test suite (`apps/api/test/hot-path/hot-path-ratio.spec.ts`) measures the cached/bare ' +
      'ratio in one run, 3 s per row, and fails only below 0.45.',
  );
  if (!PROFILE) writeResults(path.join(root, 'docs/benchmarks/http.md'), `${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
