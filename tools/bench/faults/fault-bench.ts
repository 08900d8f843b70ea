// `npm run bench:faults`: under load (autocannon in a process of its own, through the balancer of two instances
// started by tools/cluster), Redis killed and restarted, PostgreSQL stopped, an instance killed in the middle of a
// job, and Redis slowed to 200 ms. Writes docs/benchmarks/faults.md.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createTestDatabase } from '../../../apps/api/test/support/test-database.js';
import { startOwnRedis } from '../../../apps/api/test/support/servers.js';
import { startCluster, type RunningCluster } from '../../cluster/cluster.js';
import { FaultProxyProcess } from '../../faults/fault-proxy-process.js';
import { buildApi } from '../http/ours.js';
import type { LoadSecond } from './load-runner.js';
import { writeFaultReport, type CaseResult } from './report.js';
import { buildWorld, call, type FaultWorld } from './world.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '2' },
    rate: { type: 'string', default: '600' },
    case: { type: 'string', multiple: true },
  },
});
const root = process.cwd();
const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (message: string) => process.stdout.write(`${message}\n`);
const JOB_LEASE_TTL_MS = 10_000;

buildApi(root);
const started = new Date();
const db = await createTestDatabase();
const redis = await startOwnRedis();
// The proxies run in processes of their own: the load runner's event loop never holds up the instances' traffic.
const redisProxy = await FaultProxyProcess.start(redis.url);
const dbProxy = await FaultProxyProcess.start(db.url);
const admin = new pg.Pool({ connectionString: db.url, max: 2 });
const adminPassword = randomBytes(12).toString('hex');
const logDir = path.join(root, 'tmp', 'fault-logs');
mkdirSync(logDir, { recursive: true });
const instances = Number(values.instances);
say(`Starting ${instances} instances (logs in ${logDir}) ...`);
const cluster: RunningCluster = await startCluster({
  instances,
  databaseUrl: dbProxy.urlFor(db.url),
  redisUrl: redisProxy.urlFor(redis.url),
  port: 0,
  logDir,
  env: {
    LOG_LEVEL: 'warn',
    SEED_ON_EMPTY: 'false',
    ADMIN_PASSWORD: adminPassword,
    CACHE_PREFIX: `faults${randomBytes(3).toString('hex')}`,
    RATE_LIMIT_REGISTER: '100000/1m',
    RATE_LIMIT_LOGIN: '100000/1m',
    RATE_LIMIT_PUBLIC: '100000/1m',
    // The job the instance-kill case interrupts runs every 5 s; the lease outlives a killed holder by its TTL.
    SCHEDULE_WARM_LEADERBOARDS: '*/5 * * * * *',
    JOB_LEASE_TTL: `${JOB_LEASE_TTL_MS / 1000}s`,
  },
});

/** Starts the load (a separate process) and resolves with its per-second figures when it ends. */
function startLoad(world: FaultWorld, seconds: number): Promise<LoadSecond[]> {
  const child = spawn(
    process.execPath,
    [
      path.join(here, 'load-runner.js'),
      `--url=${cluster.url}`,
      `--paths=${world.readPaths.join(',')}`,
      `--token=${world.token}`,
      `--seconds=${seconds}`,
      `--rate=${values.rate}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`)))),
  );
}

/** Transactions committed on the benchmark's database so far (every query the instances run outside one is one). */
async function dbTransactions(): Promise<number> {
  const { rows } = await admin.query(
    `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0].n);
}

/** Samples `dbTransactions` every second while `during` runs: [ms since start, count]. */
async function sampleDb<T>(during: Promise<T>): Promise<{ result: T; samples: [number, number][] }> {
  const t0 = Date.now();
  const samples: [number, number][] = [];
  let done = false;
  const loop = (async () => {
    while (!done) {
      samples.push([Date.now() - t0, await dbTransactions()]);
      await sleep(1000);
    }
  })();
  const result = await during;
  done = true;
  await loop;
  return { result, samples };
}

/** Transactions per second between two moments (ms since the sampling began). */
function dbRate(samples: [number, number][], from: number, to: number): number {
  const inside = samples.filter(([t]) => t >= from && t <= to);
  if (inside.length < 2) return 0;
  const [t1, n1] = inside[0];
  const [t2, n2] = inside[inside.length - 1];
  return Math.round(((n2 - n1) * 1000) / Math.max(1, t2 - t1));
}

function summarizeLoad(load: LoadSecond[], from = 0, to = Infinity) {
  const slice = load.filter((s) => s.second >= from && s.second < to);
  return {
    requests: slice.reduce((n, s) => n + s.requests, 0),
    serverErrors: slice.reduce((n, s) => n + s.serverErrors, 0),
    otherFailures: slice.reduce((n, s) => n + s.otherFailures, 0),
    p99: Math.max(0, ...slice.map((s) => s.p99)),
  };
}

/** Every instance's cache status (admin API, asked of each instance directly). */
async function cacheStatus(world: FaultWorld) {
  return Promise.all(
    cluster.instances.map(async (i) => {
      try {
        const r = await call(i.url, '/admin/monitoring/cache/json', { token: world.adminToken });
        return { name: i.name, connected: r.body?.redis?.connected, breaker: r.body?.breaker_state };
      } catch {
        return { name: i.name, connected: false, breaker: 'unreachable' };
      }
    }),
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return Date.now() - t0;
    await sleep(100);
  }
  return null;
}

const cases: Record<string, (world: FaultWorld) => Promise<CaseResult>> = {
  async 'redis-restart'(world) {
    const load = startLoad(world, 26);
    const { result, samples } = await sampleDb(
      (async () => {
        await sleep(6_000);
        await redis.stop();
        await sleep(4_000);
        await redis.start();
        const recoveryMs = await waitFor(
          async () => (await cacheStatus(world)).every((s) => s.connected && s.breaker === 'closed'),
          30_000,
        );
        return { recoveryMs, loadFigures: await load };
      })(),
    );
    const figures = result.loadFigures;
    const all = summarizeLoad(figures);
    const refillFrom = 10_000;
    return {
      name: 'Redis killed (4 s), restarted empty',
      ...all,
      recovery: result.recoveryMs === null ? 'not within 30 s' : `${result.recoveryMs} ms`,
      notes: [
        `p99 before ${summarizeLoad(figures, 1, 6).p99} ms, while down ${summarizeLoad(figures, 6, 10).p99} ms, after ${summarizeLoad(figures, 11, 26).p99} ms`,
        `database transactions/s: before ${dbRate(samples, 1_000, 6_000)}, while down ${dbRate(samples, 6_000, 10_000)}, ` +
          `first 5 s after the restart (cache refilling) ${dbRate(samples, refillFrom, refillFrom + 5_000)}, ` +
          `later ${dbRate(samples, refillFrom + 5_000, 26_000)}; load ${values.rate} requests/s over ${world.readPaths.length} cached paths`,
        'recovery: from redis-server answering again until every instance reports Redis connected and its breaker closed',
      ],
    };
  },

  async 'postgres-down'(world) {
    const load = startLoad(world, 24);
    const leagueId = world.leagues[0];
    const before = await admin.query(
      `SELECT (SELECT count(*)::int FROM trades WHERE user_id = $1) AS trades,
              (SELECT cash::text FROM league_members WHERE user_id = $1 AND league_id = $2) AS cash`,
      [world.userId, leagueId],
    );
    await sleep(6_000);
    const downAt = new Date();
    await dbProxy.cut();
    await sleep(1_000);
    const writes: { status: number; retryAfter: string | null; message: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(cluster.url, `/api/leagues/${leagueId}/trades`, {
        method: 'POST',
        token: world.token,
        body: { symbol: 'AAPL', side: 'buy', quantity: 1 },
      }).catch((e) => ({ status: 0, headers: new Headers(), body: { message: String(e) } }));
      writes.push({ status: r.status, retryAfter: r.headers.get('retry-after'), message: r.body?.message });
      await sleep(1_500);
    }
    await sleep(1_500);
    await dbProxy.heal();
    const healedAt = Date.now();
    const after = await admin.query(
      `SELECT (SELECT count(*)::int FROM trades WHERE user_id = $1) AS trades,
              (SELECT cash::text FROM league_members WHERE user_id = $1 AND league_id = $2) AS cash`,
      [world.userId, leagueId],
    );
    const recoveryMs = await waitFor(async () => {
      const r = await call(cluster.url, `/api/leagues/${leagueId}/trades`, {
        method: 'POST',
        token: world.token,
        body: { symbol: 'AAPL', side: 'sell', quantity: 1 },
      }).catch(() => ({ status: 0 }));
      return r.status === 201;
    }, 30_000);
    const alertWait = await waitFor(async () => {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM system_alerts WHERE alert_type = 'database_error' AND last_seen >= $1`,
        [downAt],
      );
      return rows[0].n > 0;
    }, 30_000);
    const figures = await load;
    const all = summarizeLoad(figures);
    const during = summarizeLoad(figures, 6, 12);
    const partial = before.rows[0].trades !== after.rows[0].trades || before.rows[0].cash !== after.rows[0].cash;
    return {
      name: 'PostgreSQL unreachable (about 6 s)',
      ...all,
      recovery: recoveryMs === null ? 'no trade within 30 s' : `${recoveryMs} ms to the first accepted trade`,
      notes: [
        `cached reads while PostgreSQL was down: ${during.requests} answered, ${during.serverErrors} 5xx, p99 ${during.p99} ms`,
        `trades while down: ${writes.map((w) => `${w.status} (Retry-After ${w.retryAfter ?? 'missing'}: "${w.message}")`).join('; ')}`,
        `partial or lost write: ${partial ? `YES (before ${JSON.stringify(before.rows[0])}, after ${JSON.stringify(after.rows[0])})` : 'none (trade count and cash unchanged)'}`,
        `database_error alert recorded: ${alertWait === null ? 'NO, not within 30 s of recovery' : `yes, ${alertWait} ms after recovery`}`,
      ],
      serverErrorsExpected: writes.filter((w) => w.status === 503).length,
      healedAt,
    };
  },

  async 'instance-kill-mid-job'(world) {
    const load = startLoad(world, 30);
    // Slow PostgreSQL a little so that a warming run lasts long enough to be interrupted.
    await dbProxy.setDelay(40);
    const running = await waitForRunningJob(20_000);
    let notes: string[];
    let recovery = 'no running job caught';
    if (running) {
      const victim = cluster.instances.find((i) => running.instance_id.split(':')[1] === String(i.pid));
      if (!victim) throw new Error(`no instance with the pid of ${running.instance_id}`);
      await victim.kill('SIGKILL');
      const takenMs = await waitFor(async () => {
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM job_runs WHERE job = $1 AND id > $2 AND instance_id <> $3`,
          [running.job, running.id, running.instance_id],
        );
        return rows[0].n > 0;
      }, 60_000);
      await dbProxy.setDelay(0);
      await victim.start();
      recovery = takenMs === null ? 'not taken within 60 s' : `${takenMs} ms`;
      notes = [
        `killed ${victim.name} (SIGKILL) while it ran ${running.job} (run ${running.id}); another instance started ` +
          `${running.job} ${takenMs === null ? 'NOT within 60 s' : `${takenMs} ms later`} (lease TTL ${JOB_LEASE_TTL_MS} ms, ticks every 5 s)`,
        `${victim.name} restarted; the load ran through the balancer throughout`,
      ];
    } else {
      await dbProxy.setDelay(0);
      notes = ['no run of warm_leaderboards was caught running within 20 s'];
    }
    const figures = await load;
    const all = summarizeLoad(figures);
    return {
      name: 'One of the instances killed in the middle of a job',
      ...all,
      recovery,
      notes,
    };
  },

  async 'redis-slow'(world) {
    const load = startLoad(world, 24);
    await sleep(6_000);
    await redisProxy.setDelay(200);
    await sleep(3_000);
    const whileSlow = await cacheStatus(world);
    await sleep(5_000);
    await redisProxy.setDelay(0);
    const recoveryMs = await waitFor(
      async () => (await cacheStatus(world)).every((s) => s.connected && s.breaker === 'closed'),
      30_000,
    );
    const figures = await load;
    const all = summarizeLoad(figures);
    return {
      name: 'Redis slowed to 200 ms per round trip (8 s)',
      ...all,
      recovery: recoveryMs === null ? 'breaker not closed within 30 s' : `${recoveryMs} ms to every breaker closed`,
      notes: [
        `p99 before ${summarizeLoad(figures, 1, 6).p99} ms, while slow ${summarizeLoad(figures, 7, 14).p99} ms, after ${summarizeLoad(figures, 16, 24).p99} ms`,
        `breakers 3 s into the slowdown: ${whileSlow.map((s) => `${s.name} ${s.breaker}`).join(', ')}`,
      ],
    };
  },
};

async function waitForRunningJob(timeoutMs: number) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const { rows } = await admin.query(
      `SELECT id, job, instance_id FROM job_runs WHERE job = 'warm_leaderboards' AND outcome = 'running'
        ORDER BY id DESC LIMIT 1`,
    );
    if (rows[0]) return rows[0] as { id: number; job: string; instance_id: string };
    await sleep(20);
  }
  return null;
}

const results: CaseResult[] = [];
try {
  const world = await buildWorld(cluster.url, adminPassword, 20);
  for (const name of values.case?.length ? values.case : Object.keys(cases)) {
    say(`Case ${name} ...`);
    const result = await cases[name](world);
    say(JSON.stringify(result));
    results.push(result);
    await sleep(3_000);
  }
  writeFaultReport(path.join(root, 'docs/benchmarks/faults.md'), results, {
    started,
    command: 'npm run bench:faults',
    instances,
    rate: Number(values.rate),
  });
  say('Wrote docs/benchmarks/faults.md');
} finally {
  await cluster.stop();
  await admin.end();
  await dbProxy.close();
  await redisProxy.close();
  await redis.stop();
  await db.drop();
}
