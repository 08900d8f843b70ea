// `npm run bench:consistency -- --ops 100000`: the consistency checker against several API processes (tools/cluster)
// while Redis and the instances fail. Writes docs/benchmarks/consistency.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../../../apps/api/test/support/test-database.js';
import { startOwnRedis } from '../../../apps/api/test/support/servers.js';
import { startCluster } from '../../cluster/cluster.js';
import { FaultProxyProcess } from '../../faults/fault-proxy-process.js';
import { buildApi } from '../http/ours.js';
import { runConsistency } from './checker.js';
import { FaultInjector } from './fault-injector.js';
import { FaultLog } from './fault-log.js';
import { commitNow, writeConsistencyReport } from './report.js';
import { summarize } from './summary.js';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '100000' },
    instances: { type: 'string', default: '3' },
    users: { type: 'string', default: '30' },
    leagues: { type: 'string', default: '3' },
    'fault-every': { type: 'string', default: '2000' },
    seed: { type: 'string', default: '12' },
    /** A cap on the run's length; the report says how many operations ran. */
    minutes: { type: 'string' },
  },
});
const root = process.cwd();
const ops = Number(values.ops);
const instances = Number(values.instances);
const faultEveryOps = Number(values['fault-every']);
const started = new Date();
const commit = commitNow();
const say = (message: string) => process.stdout.write(`${message}\n`);

buildApi(root);
const db = await createTestDatabase();
const redis = await startOwnRedis();
// In a process of its own, so the instances' bus messages never wait behind the checker's requests.
const proxy = await FaultProxyProcess.start(redis.url);
const logDir = path.join(root, 'tmp', 'consistency-logs');
mkdirSync(logDir, { recursive: true });
say(`Starting ${instances} instances (logs in ${logDir}) ...`);
const cluster = await startCluster({
  instances,
  databaseUrl: db.url,
  redisUrl: proxy.urlFor(redis.url),
  port: 0,
  logDir,
  env: {
    LOG_LEVEL: 'warn',
    SEED_ON_EMPTY: 'false',
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    CACHE_PREFIX: `consistency${randomBytes(3).toString('hex')}`,
    // Every member registers and logs in from this one address.
    RATE_LIMIT_REGISTER: '100000/1m',
    RATE_LIMIT_LOGIN: '100000/1m',
    RATE_LIMIT_PUBLIC: '100000/1m',
    LOGIN_THROTTLE_LIMIT: '10000',
  },
});
try {
  const log = new FaultLog();
  let victim = 0;
  const faults = new FaultInjector(
    {
      redis,
      proxy,
      async killInstance() {
        const instance = cluster.instances[victim++ % cluster.instances.length];
        await instance.kill('SIGKILL');
        await instance.start();
      },
    },
    log,
  );
  let reported = 0;
  const report = await runConsistency({
    instances: () => cluster.instances.map((i) => ({ name: i.name, url: i.url })),
    databaseUrl: db.url,
    ops,
    users: Number(values.users),
    leagues: Number(values.leagues),
    seed: Number(values.seed),
    log,
    faults,
    faultEveryOps,
    maxMs: values.minutes ? Number(values.minutes) * 60_000 : undefined,
    onProgress(done) {
      if (done - reported >= 5000) {
        reported = done;
        say(`${done} operations, ${JSON.stringify(log.counts())}`);
      }
    },
  });
  say(summarize(report));
  // Every stale read with its instance, timing and X-Cache, for a closer look than the report's table.
  writeFileSync(path.join(logDir, 'stale-reads.json'), JSON.stringify(report.stale, null, 1));
  writeFileSync(path.join(logDir, 'timed-out.json'), JSON.stringify(report.timedOut, null, 1));
  writeConsistencyReport(path.join(root, 'docs/benchmarks/consistency.md'), report, {
    started,
    commit,
    command: `npm run bench:consistency -- ${process.argv.slice(2).join(' ')}`,
    instances,
    faultEveryOps,
  });
  say('Wrote docs/benchmarks/consistency.md');
} finally {
  await cluster.stop();
  await proxy.close();
  await redis.stop();
  await db.drop();
}
