// warmAll() on the large demo data set: how long it takes, how many database queries it costs, and whether the first
// request to each of the top 20 leagues' leaderboards is then a HIT. Seeds a scratch database (dropped afterwards)
// on the server of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), Redis at REDIS_URL.
// Writes its section of docs/benchmarks/scheduling.md.
//   node tools/run-ts.mjs tools/bench/scheduling/warm-all.ts [--scale large|small] [--users N --leagues M --days D --trades T]
import os from 'node:os';
import pg from 'pg';
import { createClient } from 'redis';
import { createApp } from '../../../apps/api/src/app.factory.js';
import { CacheService } from '../../../apps/api/src/cache/cache.service.js';
import { ALL_SCHEDULES_OFF, loadConfig } from '../../../apps/api/src/config/config.js';
import { upcomingExpirations } from '../../../apps/api/src/market/option-contract.js';
import { migrate } from '../../../apps/api/src/database/migrate.js';
import { MonitoringRollups } from '../../../apps/api/src/monitoring/monitoring-rollups.service.js';
import { QueryTimer } from '../../../apps/api/src/monitoring/query-timer.js';
import { WarmCacheScheduler, emptyTally } from '../../../apps/api/src/scheduling/warming/warm-cache.scheduler.js';
import { WarmCandidates } from '../../../apps/api/src/scheduling/warming/warm-candidates.js';
import { CachedReads } from '../../../apps/api/src/trading/cached-reads.js';
import { DEMO_PRESETS, seedDemoData, type DemoDataOptions } from '../../../apps/api/src/trading/demo-data/demo-data.js';
import { writeSection } from '../results.js';

const BEGIN = '<!-- warm-all:begin -->';
const END = '<!-- warm-all:end -->';
const TOP = 20;

const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function options(): { name: string; seed: DemoDataOptions } {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const scale = (arg('scale') ?? 'large') as keyof typeof DEMO_PRESETS;
  if (!DEMO_PRESETS[scale]) throw new Error(`--scale must be one of ${Object.keys(DEMO_PRESETS).join(', ')}`);
  const seed = { ...DEMO_PRESETS[scale] };
  for (const key of ['users', 'leagues', 'days', 'trades'] as const) {
    if (arg(key) !== undefined) seed[key] = Number(arg(key));
  }
  const custom = (['users', 'leagues', 'days', 'trades'] as const).some((k) => arg(k) !== undefined);
  return { name: custom ? 'custom' : scale, seed };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Queries this instance ran through TypeORM (monitoring's QueryTimer), by normalized statement. */
function querySnapshot(timer: QueryTimer): { count: number; byStatement: Map<string, number> } {
  const t = timer.timings(500);
  return { count: t.count, byStatement: new Map(t.slowest.map((s) => [s.statement, s.calls])) };
}

function diff(before: ReturnType<typeof querySnapshot>, after: ReturnType<typeof querySnapshot>) {
  const rows: [string, number][] = [];
  for (const [statement, calls] of after.byStatement) {
    const n = calls - (before.byStatement.get(statement) ?? 0);
    if (n > 0) rows.push([statement, n]);
  }
  return { count: after.count - before.count, rows: rows.sort((a, b) => b[1] - a[1]) };
}

/** Removes the bench's keys (entries under `prefix:`, internal data under `prefix#`) with SCAN + UNLINK. */
async function dropNamespace(prefix: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}[:#]*`, COUNT: 1000 })) {
      if (keys.length) await client.unlink(keys);
    }
  } finally {
    await client.quit();
  }
}

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

async function main(): Promise<void> {
  const { name, seed } = options();
  const dbName = `bench_warm_${Date.now().toString(36)}`;
  const dbUrl = withDatabase(serverUrl, dbName);
  const prefix = `benchwarm${Date.now().toString(36)}`;
  const lines: string[] = [];
  const out = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  await adminSql(`CREATE DATABASE ${dbName}`);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    await migrate(dbUrl);
    process.stdout.write(`seeding ${name}: ${JSON.stringify(seed)}\n`);
    const seedStarted = Date.now();
    const summary = await seedDemoData(dbUrl, seed);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      CACHE_PREFIX: prefix,
      SEED_ON_EMPTY: 'false',
      ...ALL_SCHEDULES_OFF,
    });
    app = await createApp(config);
    await app.init();
    const cache = app.get(CacheService);
    const warmer = app.get(WarmCacheScheduler);
    const reads = app.get(CachedReads);
    const timer = app.get(QueryTimer);

    // What the rollups job (every minute) keeps current; the warmers read league and symbol activity from it.
    let started = process.hrtime.bigint();
    await app.get(MonitoringRollups).rollup(new Date());
    const rollupMs = ms(started);

    // The top 20 leagues by trades in the last 24 hours, straight from the trades table (independent of the warmer).
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    const top = (
      await db.query<{ league_id: number }>(
        `SELECT t.league_id FROM trades t JOIN leagues l ON l.id = t.league_id
          WHERE t.executed_at >= now() - interval '24 hours' AND l.status = 'active'
          GROUP BY t.league_id ORDER BY count(*) DESC, t.league_id LIMIT $1`,
        [TOP],
      )
    ).rows.map((r) => r.league_id);
    await db.end();

    // A reader: registered and logged in through the API.
    const username = `bench_warm_${Date.now().toString(36)}`;
    const password = 'bench-warm-password';
    const reg = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username, email: `${username}@example.com`, password },
    });
    if (reg.statusCode !== 201) throw new Error(`register: ${reg.statusCode} ${reg.body}`);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const token = (JSON.parse(login.body) as { token: string }).token;

    // Baseline, same run: the same keys warmAll writes, fetched and set one after another (no refresh-ahead, no
    // concurrency). The first pass also warms PostgreSQL's buffers for the measured runs.
    const candidates = app.get(WarmCandidates);
    const since = new Date(Date.now() - config.warming.activityWindowMs);
    const now = new Date();
    const expirations = upcomingExpirations(now).slice(0, config.warming.optionExpirations);
    const baselineReads = [
      ...(await candidates.activeLeagues(config.warming.leagues, since)).map((id) => reads.leaderboardPage(id, 1)),
      ...(await candidates.mostTradedSymbols(config.warming.symbols, since)).flatMap((symbol) => [
        reads.quote(symbol),
        ...expirations.map((e) => reads.optionsChain(symbol, e, now)),
      ]),
      ...(await candidates.mostActiveUsers(config.warming.users, since)).map((id) => reads.userStats(id)),
    ];
    for (const read of baselineReads) await read.body();
    await cache.clear();
    const beforeBaseline = querySnapshot(timer);
    started = process.hrtime.bigint();
    for (const read of baselineReads) await cache.set(read.key, await read.body());
    const baselineMs = ms(started);
    const baseline = diff(beforeBaseline, querySnapshot(timer));

    // Cold: an empty cache, as after a deploy or a flush.
    await cache.clear();
    const tally = emptyTally();
    warmer.limiter.peak = 0;
    const before = querySnapshot(timer);
    started = process.hrtime.bigint();
    const written = await warmer.warmAll({ tally });
    const coldMs = ms(started);
    const cold = diff(before, querySnapshot(timer));

    // First request to each of the top 20 leaderboards.
    const outcomes: string[] = [];
    for (const id of top) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/leagues/${id}/leaderboard`,
        headers: { authorization: `Bearer ${token}` },
      });
      outcomes.push(`${res.statusCode} ${String(res.headers['x-cache'])}`);
    }
    const hits = outcomes.filter((o) => o === '200 HIT').length;

    // Hot: everything fresh; refresh-ahead only reads the entries' heads.
    const hotTally = emptyTally();
    const beforeHot = querySnapshot(timer);
    started = process.hrtime.bigint();
    const rewritten = await warmer.warmAll({ tally: hotTally });
    const hotMs = ms(started);
    const hot = diff(beforeHot, querySnapshot(timer));

    out(BEGIN);
    out('## warmAll() on the demo data set');
    out();
    out(
      `Run ${new Date().toISOString()} with \`node tools/run-ts.mjs tools/bench/scheduling/warm-all.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\`, ` +
        `Node ${process.version}, ${os.cpus().length} CPUs (shared with other engineers: compare ratios within this run). ` +
        `Data set \`${name}\` (seedDemoData into a scratch database, dropped afterwards): ${summary.users.toLocaleString('en')} users, ` +
        `${summary.leagues.toLocaleString('en')} leagues, ${summary.members.toLocaleString('en')} memberships, ` +
        `${summary.trades.toLocaleString('en')} trades over ${seed.days} days, seeded in ${seedSeconds.toFixed(0)} s. ` +
        `Monitoring's rollup (which the warmers read) ran once first: ${rollupMs.toFixed(0)} ms.`,
    );
    out();
    out(
      `Defaults: ${config.warming.leagues} leagues, ${config.warming.symbols} symbols x (quote + ${config.warming.optionExpirations} options chains), ` +
        `${config.warming.users} users, window ${config.warming.activityWindowMs / 3_600_000} h, concurrency ${config.warming.concurrency} ` +
        `(half of DATABASE_POOL_SIZE=${config.databasePoolSize}), refresh-ahead ${config.warming.refreshAhead * 100}%.`,
    );
    out();
    out('| run | keys written | candidates | wall time ms | database queries | vs baseline |');
    out('| --- | ---: | ---: | ---: | ---: | ---: |');
    out(
      `| baseline: the same ${baselineReads.length} keys fetched and set one after another | ${baselineReads.length} | ${baselineReads.length} | ${baselineMs.toFixed(0)} | ${baseline.count} | 1.00x |`,
    );
    out(
      `| warmAll(), cold cache (peak ${warmer.limiter.peak} fetches at once) | ${written} | ${tally.candidates} | ${coldMs.toFixed(0)} | ${cold.count} | ${(coldMs / baselineMs).toFixed(2)}x |`,
    );
    out(
      `| warmAll() again at once: everything fresh (refresh-ahead skips it) | ${rewritten} | ${hotTally.candidates} | ${hotMs.toFixed(0)} | ${hot.count} | ${(hotMs / baselineMs).toFixed(2)}x |`,
    );
    out();
    out(
      `After the cold warmAll(), the first GET of each of the top ${top.length} leagues' leaderboards (by trades in the last 24 h, ` +
        `from the trades table): **${hits} of ${top.length} X-Cache: HIT**${hits < top.length ? ` (${outcomes.join(', ')})` : ''}.`,
    );
    out();
    out(`Queries of the cold run, by statement (QueryTimer, normalized):`);
    out();
    out('| calls | statement |');
    out('| ---: | --- |');
    for (const [statement, calls] of cold.rows)
      out(`| ${calls} | \`${statement.slice(0, 140).replace(/\|/g, '\\|')}\` |`);
    out();
    out(
      'One query per key written (a leaderboard page, a quote, a chain reads its quote, a user stats row) plus the ' +
        'candidate queries (league and symbol activity from the rollups, users from the trades index); a key that is ' +
        'still fresh costs no query, only its share of one GETRANGE round trip to Redis.',
    );
    out();
    out(
      'The concurrency limit is there to leave the pool to requests, not for speed: on 2 shared cores PostgreSQL is ' +
        'CPU-bound, so 5 concurrent fetches finish only somewhat sooner than one after another. The run that finds ' +
        'everything fresh costs just the candidate queries (mostly the users-by-trades query over the last 24 h) and ' +
        'one GETRANGE round trip per 500 keys.',
    );
    out(END);
  } finally {
    await app?.close();
    await adminSql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await dropNamespace(prefix);
  }
  const file = 'docs/benchmarks/scheduling.md';
  writeSection(file, '# Scheduling benchmarks\n', BEGIN, END, lines.join('\n'));
  process.stdout.write(`written ${file}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
