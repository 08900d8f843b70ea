import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { migrate } from '../../src/database/migrate.js';
import type { TestDatabase } from './test-database.js';

/** Servers of a test's own, on free ports, that the test may stop and start again (never the shared ones). */

export const hasRedisServer = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface OwnPostgres {
  db: TestDatabase;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

/**
 * An embedded PostgreSQL started the way `npm start` starts one (so it also works as root from a private clone),
 * migrated, with data kept across stop/start.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'league-monitoring-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const quiet = () => undefined;
  let server: EmbeddedDatabase | null = await startEmbeddedPostgres(dir, port, quiet);
  const url = server.url;
  await migrate(url);
  const db: TestDatabase = {
    url,
    name: new URL(url).pathname.slice(1),
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    drop: async () => undefined,
  };
  return {
    db,
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      server ??= await startEmbeddedPostgres(dir, port, quiet);
    },
    async destroy() {
      await server?.stop().catch(() => undefined);
      server = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as on a half-open link. */
  pause(): void;
  resume(): void;
}

/** A redis-server child process on `port` (default: a free one); stopped by its pid. */
export async function startOwnRedis(port?: number): Promise<OwnRedis> {
  port ??= await freePort();
  let child: ChildProcess | null = null;
  const up = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 50; i++) {
      if (await answers(port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis-server did not start');
  };
  await up();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      process.kill(running.pid!, 'SIGCONT');
      const exited = new Promise((r) => running.once('exit', r));
      process.kill(running.pid!, 'SIGKILL');
      await exited;
      child = null;
    },
    start: up,
    pause() {
      if (child?.pid) process.kill(child.pid, 'SIGSTOP');
    },
    resume() {
      if (child?.pid) process.kill(child.pid, 'SIGCONT');
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export interface OwnRedisCluster {
  /** host:port of every master, for REDIS_CLUSTER_NODES. */
  nodes: string[];
  ports: number[];
  /** Kills master `index` (its slots' keys are lost: nothing is saved). */
  stopNode(index: number): Promise<void>;
  /** Starts master `index` again; it rejoins with its node file (same slots). */
  startNode(index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A local Redis Cluster of three masters (no replicas) on `ports` (default: free ones): three
 * `redis-server --cluster-enabled yes` children, joined with `redis-cli --cluster create`; resolves once every node
 * reports cluster_state:ok. Stopped by pid, its node files removed.
 */
export async function startRedisCluster(ports?: number[]): Promise<OwnRedisCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'league-redis-cluster-'));
  ports ??= [await freePort(), await freePort(), await freePort()];
  const children: Array<ChildProcess | null> = [];
  const kill = async (child: ChildProcess | null) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(child.pid!, 'SIGKILL');
    await exited;
  };
  const spawnNode = (port: number) => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'];
    args.push('--cluster-config-file', path.join(dir, `nodes-${port}.conf`), '--save', '', '--appendonly', 'no');
    return spawn('redis-server', args, { stdio: 'ignore', cwd: dir });
  };
  const clusterOk = (port: number) =>
    /cluster_state:ok/.test(spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info']).stdout.toString());
  const stop = async () => {
    await Promise.all(children.map(kill));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) children.push(spawnNode(port));
    for (const port of ports) await waitFor(() => answers(port), 'redis-server did not start');
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    const create = ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'];
    const created = spawnSync('redis-cli', create, { encoding: 'utf8', timeout: 20_000 });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    for (const port of ports) await waitFor(() => clusterOk(port), 'cluster did not reach cluster_state:ok');
    return {
      nodes,
      ports,
      async stopNode(index) {
        await kill(children[index] ?? null);
        children[index] = null;
      },
      async startNode(index) {
        const port = ports[index]!;
        children[index] ??= spawnNode(port);
        await waitFor(async () => (await answers(port)) && clusterOk(port), 'cluster node did not come back');
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, message: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(message);
}
