// `npm run bench:load [-- --seconds 30 --warmup 10 --connections 50 --instances 1,3]`: the players' mix (Zipf over
// leagues, users and symbols; 90% reads, 10% trades through the API with real sessions) plus admins polling the
// monitoring dashboard's JSON, against one and then three instances behind the cluster's load balancer; then the
// cached-read case (first leaderboard pages only). This process is the load generator (autocannon); every API
// instance, the balancer, PostgreSQL and a Redis of the benchmark's own are processes apart.
// Writes docs/benchmarks/load.md and load.json (the capacity model and the charts read the JSON).
// Uses DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created
// and dropped) and starts its own redis-server on a free port, so that other Redis users do not count.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DemoRandom } from '../../../apps/api/src/trading/demo-data/demo-random.js';
import { freePort, startCluster, type RunningCluster } from '../../cluster/cluster.js';
import { buildApi } from '../http/ours.js';
import { writeResults } from '../results.js';
import { renderCharts } from './charts.js';
import { CounterReader, postgresCpuBetween, type Counters } from './counters.js';
import { ADMIN_ROUTES, CachedReadMix, onAnswer, percentile, PlayerMix, Tally, type InFlight } from './mix.js';
import { loadWorld, logIn, login, type World } from './world.js';
import { ScratchDatabase } from '../scratch-database.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    instances: { type: 'string', default: '1,3' },
    admins: { type: 'string', default: '3' },
    // Writes load.md and the charts again from load.json, without measuring.
    report: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const INSTANCE_COUNTS = values.instances.split(',').map(Number);
const ADMINS = Number(values.admins);
/** Each admin's open dashboard: about one monitoring request every 2 s (its cards refresh every 10-30 s). */
const ADMIN_RATE_PER_ADMIN = 0.5;
const ADMIN_PASSWORD = 'bench-admin-password';
/** Logged-in members per league: the most active ones, who make most of the traffic under Zipf. */
const SESSIONS_PER_LEAGUE = 8;
const IDLE_SECONDS = 5;

const root = process.cwd();
const work = path.join(root, 'tmp', 'bench-load');
const scratch = new ScratchDatabase('load');
const dbUrl = scratch.url;

/** A redis-server of the benchmark's own (stopped by pid), so that INFO counts this benchmark's commands only. */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'PING'], { encoding: 'utf8' });
    if (ping.stdout.trim() === 'PONG') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Scenario {
  /** `cached reads, direct`: the same requests sent straight to the instances (connections split), no balancer. */
  name: 'mix' | 'cached reads' | 'cached reads, direct';
  instances: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Transport errors and 5xx answers, as a share of requests. */
  errorRate: number;
  errors: number;
  status5xx: number;
  status4xx: number;
  /** HIT / (HIT + MISS + STALE) of the cached GETs' X-Cache. */
  hitRate: number;
  xcache: Record<string, number>;
  dbPerSecond: number;
  dbPerRequest: number;
  redisPerSecond: number;
  redisPerRequest: number;
  /** CPU milliseconds per request of the API instances (idle use included), the balancer, Redis and PostgreSQL. */
  cpuMsPerRequest: { api: number; balancer: number; redis: number; postgres: number; generator: number };
  /** CPU cores the API instances used in all while no request came (timers, jobs, metrics flushes). */
  idleApiCores: number;
  byKind: Array<{ kind: string; count: number; hits: number; p50: number; p95: number; p99: number; non2xx: number }>;
  admin?: { requests: number; p50: number; p95: number; p99: number; non2xx: number };
}

/** autocannon for `seconds`: each request from `next`, answers tallied. */
function run(
  url: string,
  next: (context: InFlight) => { method: string; path: string; headers: Record<string, string>; body?: string },
  tally: Tally,
  seconds: number,
  connections: number,
  overallRate?: number,
): Promise<void> {
  // The package's own types (tools/bench/monitoring/autocannon.d.ts) cover only the plain one-URL form.
  const start = autocannon as unknown as (options: object, done: (error: Error | null) => void) => unknown;
  return new Promise((resolve, reject) => {
    start(
      {
        url,
        connections,
        duration: seconds,
        ...(overallRate ? { overallRate } : {}),
        requests: [
          {
            setupRequest: (_request: unknown, context: InFlight) => next(context),
            onResponse: (status: number, _body: string, context: InFlight, headers: Record<string, string>) =>
              onAnswer(tally, context, status, headers),
          },
        ],
      },
      (error: Error | null) => (error ? reject(error) : resolve()),
    );
  });
}

async function measure(
  name: Scenario['name'],
  cluster: RunningCluster,
  world: World,
  reader: CounterReader,
  adminToken: string,
  random: DemoRandom,
): Promise<Scenario> {
  const mix = name === 'mix' ? new PlayerMix(world, random) : new CachedReadMix(world, random);
  const next = (context: InFlight) => mix.next(context);
  let adminIndex = 0;
  const adminNext = (context: InFlight) => {
    context.kind = 'admin';
    context.sentAt = performance.now();
    return {
      method: 'GET',
      path: ADMIN_ROUTES[adminIndex++ % ADMIN_ROUTES.length],
      headers: { authorization: `Bearer ${adminToken}` },
    };
  };
  process.stdout.write(`  ${name}, ${cluster.instances.length} instance(s): warm-up ${WARMUP} s ...\n`);
  const direct = name === 'cached reads, direct';
  // Straight to every instance at once, the connections split between them; otherwise through the balancer.
  const load = (tally: Tally, seconds: number) =>
    direct
      ? Promise.all(
          cluster.instances.map((i) =>
            run(i.url, next, tally, seconds, Math.max(1, Math.round(CONNECTIONS / cluster.instances.length))),
          ),
        ).then(() => undefined)
      : run(cluster.url, next, tally, seconds, CONNECTIONS);
  await load(new Tally(), WARMUP);
  const apiPids = cluster.instances.map((i) => i.pid);
  // The instances' own work without requests (timers, jobs, metrics flushes), subtracted from the run's CPU so that
  // the per-request figure is what one more request costs; the idle figure is reported apart.
  const idleStart = await reader.read(apiPids, cluster.balancerPid);
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const idleEnd = await reader.read(apiPids, cluster.balancerPid);
  const idleApiCores = (idleEnd.apiCpu - idleStart.apiCpu) / ((idleEnd.at - idleStart.at) / 1000);
  const before: Counters = await reader.read(apiPids, cluster.balancerPid);
  const generatorBefore = process.cpuUsage();
  const tally = new Tally();
  const admins = new Tally();
  process.stdout.write(`  ${name}, ${cluster.instances.length} instance(s): ${SECONDS} s measured ...\n`);
  await Promise.all([
    load(tally, SECONDS),
    ...(name === 'mix' && ADMINS > 0
      ? [run(cluster.url, adminNext, admins, SECONDS, ADMINS, ADMINS * ADMIN_RATE_PER_ADMIN)]
      : []),
  ]);
  const after: Counters = await reader.read(apiPids, cluster.balancerPid);
  const generator = process.cpuUsage(generatorBefore);
  const seconds = (after.at - before.at) / 1000;
  const requests = tally.latencies.length + admins.latencies.length;
  const status5xx = tally.count((s) => s >= 500) + admins.count((s) => s >= 500);
  const status4xx = tally.count((s) => s >= 400 && s < 500) + admins.count((s) => s >= 400 && s < 500);
  const errors = tally.count((s) => s === 0);
  const hit = tally.xcache.get('HIT') ?? 0;
  const cacheable = hit + (tally.xcache.get('MISS') ?? 0) + (tally.xcache.get('STALE') ?? 0);
  const perRequest = (delta: number) => delta / requests;
  const adminLatencies = admins.latencies;
  return {
    name,
    instances: cluster.instances.length,
    seconds,
    requests,
    rps: tally.latencies.length / seconds,
    p50: percentile(tally.latencies, 50),
    p95: percentile(tally.latencies, 95),
    p99: percentile(tally.latencies, 99),
    errorRate: (errors + status5xx) / requests,
    errors,
    status5xx,
    status4xx,
    hitRate: cacheable ? hit / cacheable : 0,
    xcache: Object.fromEntries(tally.xcache),
    dbPerSecond: (after.dbTransactions - before.dbTransactions) / seconds,
    dbPerRequest: perRequest(after.dbTransactions - before.dbTransactions),
    redisPerSecond: (after.redisCommands - before.redisCommands) / seconds,
    redisPerRequest: perRequest(after.redisCommands - before.redisCommands),
    cpuMsPerRequest: {
      api: perRequest(after.apiCpu - before.apiCpu) * 1000,
      balancer: perRequest(after.balancerCpu - before.balancerCpu) * 1000,
      redis: perRequest(after.redisCpu - before.redisCpu) * 1000,
      postgres: perRequest(postgresCpuBetween(before, after)) * 1000,
      generator: perRequest((generator.user + generator.system) / 1e6) * 1000,
    },
    idleApiCores,
    byKind: [...tally.byKind.entries()]
      .map(([kind, entry]) => ({
        kind,
        count: entry.count,
        hits: entry.hits,
        p50: percentile(entry.latencies, 50),
        p95: percentile(entry.latencies, 95),
        p99: percentile(entry.latencies, 99),
        non2xx: [...entry.statuses].filter(([s]) => s < 200 || s >= 300).reduce((n, [, c]) => n + c, 0),
      }))
      .sort((a, b) => b.count - a.count),
    ...(adminLatencies.length
      ? {
          admin: {
            requests: adminLatencies.length,
            p50: percentile(adminLatencies, 50),
            p95: percentile(adminLatencies, 95),
            p99: percentile(adminLatencies, 99),
            non2xx: admins.count((s) => s < 200 || s >= 300),
          },
        }
      : {}),
  };
}

async function main(): Promise<void> {
  if (values.report) {
    const saved = JSON.parse(readFileSync(path.join(root, 'docs/benchmarks/load.json'), 'utf8')) as LoadResults;
    writeResults(path.join(root, 'docs/benchmarks/load.md'), report(saved));
    await renderCharts(saved, path.join(root, 'docs/images'));
    return;
  }
  mkdirSync(work, { recursive: true });
  buildApi(root);
  await scratch.create();
  const redis = await startRedis();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    // The demo data set (500 users, 20 leagues, 100k trades) is loaded by the first instance on the empty database.
    SEED_ON_EMPTY: 'true',
    ADMIN_PASSWORD,
    // One load generator logs every player in from one address: lift the per-client login and public limits.
    RATE_LIMIT_LOGIN: '100000/1m',
    RATE_LIMIT_PUBLIC: '1000000/1m',
    LOGIN_THROTTLE_LIMIT: '10000',
    MARKET_HOURS: 'always',
  };
  for (const name of Object.keys(process.env))
    if (/^(LOG_LEVEL|CACHE_|SCHEDULE_|TEST_)/.test(name)) delete process.env[name];
  const loadBefore = os.loadavg()[0];
  const scenarios: Scenario[] = [];
  let cluster: RunningCluster | null = null;
  let reader: CounterReader | null = null;
  try {
    const random = new DemoRandom(20_261_201);
    let world: World | null = null;
    let adminToken = '';
    for (const count of INSTANCE_COUNTS) {
      process.stdout.write(`Starting ${count} instance(s) ...\n`);
      cluster = await startCluster({
        instances: count,
        databaseUrl: dbUrl,
        redisUrl: redis.url,
        port: 0,
        env,
        logDir: path.join(work, `instances-${count}`),
      });
      reader ??= await CounterReader.open(dbUrl, redis.url);
      if (!world) {
        world = await loadWorld(dbUrl, random);
        await logIn(cluster.url, dbUrl, world, SESSIONS_PER_LEAGUE);
        adminToken = await login(cluster.url, 'admin', ADMIN_PASSWORD);
        process.stdout.write(`  ${world.tokens.size} players logged in over ${world.leagues.length} leagues\n`);
      }
      for (const name of ['mix', 'cached reads', 'cached reads, direct'] as const) {
        scenarios.push(await measure(name, cluster, world, reader, adminToken, random));
        const s = scenarios.at(-1)!;
        process.stdout.write(
          `  -> ${Math.round(s.rps)} req/s, p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, ` +
            `hit ${(s.hitRate * 100).toFixed(1)}%, ${Math.round(s.dbPerSecond)} db tx/s, ${Math.round(s.redisPerSecond)} redis cmd/s, ` +
            `5xx ${s.status5xx}, 4xx ${s.status4xx}, errors ${s.errors}\n`,
        );
      }
      await cluster.stop();
      cluster = null;
      // Each cluster size starts from a cold Redis (the warm-up refills it).
      await reader.flushRedis();
    }
  } finally {
    await cluster?.stop();
    await reader?.close();
    await redis.stop();
    await scratch.drop();
  }
  const results = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
    loadBefore,
    loadAfter: os.loadavg()[0],
    command: `npm run bench:load -- --seconds ${SECONDS} --warmup ${WARMUP} --connections ${CONNECTIONS} --instances ${values.instances} --admins ${ADMINS}`,
    connections: CONNECTIONS,
    admins: ADMINS,
    scenarios,
  };
  writeFileSync(path.join(root, 'docs/benchmarks/load.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeResults(path.join(root, 'docs/benchmarks/load.md'), report(results));
  await renderCharts(results, path.join(root, 'docs/images'));
}

export type LoadResults = {
  date: string;
  machine: string;
  loadBefore: number;
  loadAfter: number;
  command: string;
  connections: number;
  admins: number;
  scenarios: Scenario[];
};
export type { Scenario };

function report(r: LoadResults): string {
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  const n = (x: number, digits = 0) =>
    x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  out("# Load benchmark: the players' mix on one and three instances");
  out();
  out(
    `Run ${r.date} on ${r.machine}. Load average (1 min) ${r.loadBefore.toFixed(2)} before, ${r.loadAfter.toFixed(2)} after.`,
  );
  out(
    'The machine is shared and has 2 cores for everything: the instances, the balancer, PostgreSQL, Redis and the load generator.',
  );
  out();
  out(`Command: \`${r.command}\``);
  out();
  out(
    `The mix: a league by Zipf (s = 1), one of its ${SESSIONS_PER_LEAGUE} most active members by Zipf (logged in through the API), a symbol by Zipf; ` +
      '90% reads (leaderboard 20, portfolio 20, quote 14, trades list 10, league stats 7, league 5, activity 5, members 4, user stats 5) ' +
      'and 10% trades (market orders of one share: a sale only of shares held, a purchase only with the cash to pay). ' +
      `${r.admins} admins poll the monitoring JSON routes (${ADMIN_RATE_PER_ADMIN * r.admins} req/s in all) during the mix. ` +
      `autocannon, ${r.connections} connections, closed loop, after a warm-up; every run starts from an empty Redis. ` +
      '"Cached reads" is the first leaderboard page only (Zipf over leagues); "cached reads, direct" sends the same requests straight to the ' +
      'instances (the connections split between them), without the balancer. Latencies are measured per request by the load generator.',
  );
  out();
  out(
    '| case | instances | req/s | p50 ms | p95 ms | p99 ms | error rate | 5xx | 4xx | hit rate | DB tx/s | DB tx/req | Redis cmd/s | Redis cmd/req |',
  );
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of r.scenarios) {
    out(
      `| ${s.name} | ${s.instances} | ${n(s.rps)} | ${n(s.p50, 1)} | ${n(s.p95, 1)} | ${n(s.p99, 1)} | ${(s.errorRate * 100).toFixed(2)}% | ` +
        `${s.status5xx} | ${s.status4xx} | ${(s.hitRate * 100).toFixed(1)}% | ${n(s.dbPerSecond)} | ${n(s.dbPerRequest, 2)} | ${n(s.redisPerSecond)} | ${n(s.redisPerRequest, 2)} |`,
    );
  }
  out();
  out(
    "CPU milliseconds per request over the measured window, from /proc (API instances, balancer, the database's " +
      'PostgreSQL backends, load generator) and Redis INFO. The API figure includes what the instances use without ' +
      `any request (timers, jobs, metrics flushes), measured for ${IDLE_SECONDS} s before each window: the last column, in cores for all instances.`,
  );
  out();
  out('| case | instances | API | balancer | Redis | PostgreSQL | load generator | API idle, cores |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of r.scenarios) {
    const c = s.cpuMsPerRequest;
    out(
      `| ${s.name} | ${s.instances} | ${n(c.api, 3)} | ${n(c.balancer, 3)} | ${n(c.redis, 3)} | ${n(c.postgres, 3)} | ${n(c.generator, 3)} | ${n(s.idleApiCores, 3)} |`,
    );
  }
  const one = r.scenarios.find((s) => s.name === 'cached reads' && s.instances === 1);
  const three = r.scenarios.find((s) => s.name === 'cached reads' && s.instances === 3);
  const directOne = r.scenarios.find((s) => s.name === 'cached reads, direct' && s.instances === 1);
  const directThree = r.scenarios.find((s) => s.name === 'cached reads, direct' && s.instances === 3);
  const mixOne = r.scenarios.find((s) => s.name === 'mix' && s.instances === 1);
  const mixThree = r.scenarios.find((s) => s.name === 'mix' && s.instances === 3);
  out();
  if (one && three && mixOne && mixThree) {
    out(
      `Three instances against one: ${(three.rps / one.rps).toFixed(2)}x on cached reads through the balancer, ` +
        (directOne && directThree
          ? `${(directThree.rps / directOne.rps).toFixed(2)}x on cached reads sent straight to the instances, `
          : '') +
        `${(mixThree.rps / mixOne.rps).toFixed(2)}x on the mix. ` +
        'All processes share the same 2 cores (with other work on the machine), so more instances add no CPU: the ratio shows what extra processes ' +
        "cost on an oversubscribed machine (each instance's CPU per request rises: fewer requests per event-loop turn, more context switches), " +
        'not what three machines would do. [docs/scaling.md](../scaling.md) turns the CPU per request above into instances per core.',
    );
    out();
  }
  out('Per kind of request, the mix on each cluster size:');
  out();
  out('| instances | kind | requests | X-Cache HIT | p50 ms | p95 ms | p99 ms | non-2xx |');
  out('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const s of r.scenarios.filter((x) => x.name === 'mix')) {
    for (const k of s.byKind)
      out(
        `| ${s.instances} | ${k.kind} | ${n(k.count)} | ${Math.round((k.hits / k.count) * 100)}% | ${n(k.p50, 1)} | ${n(k.p95, 1)} | ${n(k.p99, 1)} | ${k.non2xx} |`,
      );
    if (s.admin)
      out(
        `| ${s.instances} | admin monitoring JSON | ${n(s.admin.requests)} | | ${n(s.admin.p50, 1)} | ${n(s.admin.p95, 1)} | ${n(s.admin.p99, 1)} | ${s.admin.non2xx} |`,
      );
  }
  out();
  out('Charts: [throughput](../images/load-throughput.png), [latency](../images/load-latency.png).');
  return `${lines.join('\n')}\n`;
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
