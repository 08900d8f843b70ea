// `npm run start:cluster -- --instances 3`: like `npm start`, but several API instances on one PostgreSQL and one
// Redis behind a load balancer. Builds what changed, starts the embedded PostgreSQL when DATABASE_URL is unset,
// prints the balancer's URL and each instance's port, and stops everything on SIGINT/SIGTERM.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { loadConfig } from '../apps/api/src/config/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../apps/api/src/database/embedded-postgres.js';
import { startCluster, type RunningCluster } from './cluster/cluster.js';

const say = (message: string) => process.stdout.write(`${message}\n`);

/** Whether Redis answers a PING within a second (the instances share caches only through it). */
async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

const { values } = parseArgs({
  options: { instances: { type: 'string', default: '3' }, port: { type: 'string' } },
});
const instances = Number(values.instances);
if (!Number.isInteger(instances) || instances < 1 || instances > 32) {
  process.stderr.write('--instances must be a whole number from 1 to 32\n');
  process.exit(2);
}

const build = spawnSync(
  process.execPath,
  ['node_modules/nx/dist/bin/nx.js', 'run-many', '-t', 'build', '--projects=@league/api,@league/dashboard'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  },
);
if (build.status !== 0) {
  process.stderr.write('Build failed\n');
  process.exit(build.status ?? 1);
}

const config = loadConfig();
const logDir = path.resolve(config.dataDir, 'cluster-logs');
let embedded: EmbeddedDatabase | null = null;
let cluster: RunningCluster | null = null;
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${signal} received, stopping the cluster ...`);
  await cluster?.stop();
  await embedded?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL (data in ${config.dataDir}/pg) ...`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
    databaseUrl = embedded.url;
  }
  if (config.redisEnabled && !(await redisAnswers(config.redisUrl))) {
    say(
      `Warning: no Redis answers at ${config.redisUrl}. Each instance starts on its own in-process cache and attaches ` +
        "when Redis appears; until then one instance does not see the others' invalidations. Start Redis or set REDIS_URL.",
    );
  }
  say(`Starting ${instances} instances (logs in ${logDir}) ...`);
  cluster = await startCluster({
    instances,
    databaseUrl,
    redisUrl: config.redisUrl,
    port: Number(values.port ?? config.port),
    logDir,
  });
  say(`\nTrading League cluster listening on ${cluster.url} (load balancer, round robin)`);
  for (const instance of cluster.instances) say(`  ${instance.name}: port ${instance.port} (pid ${instance.pid})`);
  say(`  Dashboard: ${cluster.url}/admin/monitoring/   API docs: ${cluster.url}/api/docs`);
  // One instance created the admin user on an empty database; its log has the generated password.
  const generated = cluster.instances
    .map((i) => readFileSync(path.join(logDir, `${i.name}.log`), 'utf8').split('\n'))
    .flat()
    .find((line) => line.includes('Log in as') && line.includes('generated password'));
  say(generated ?? '  Log in as "admin" with the password from ADMIN_PASSWORD (or the one printed at first start).');
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  await cluster?.stop();
  await embedded?.stop();
  process.exit(1);
}
