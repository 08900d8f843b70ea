import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Several API instances on one PostgreSQL and one Redis, with a load balancer in front: what an operator runs
 * behind nginx, on one machine. Each instance and the balancer are processes of their own, stopped by pid.
 * The API must be built (dist/apps/api/main.js); `npm run start:cluster` builds it first.
 */
export interface ClusterInstance {
  name: string;
  url: string;
  port: number;
  /** The current process's pid (0 while stopped). */
  pid: number;
  /** Sends `signal` (default SIGTERM: graceful shutdown) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** (Re)starts this instance on its port and waits until /health/ready answers 200. */
  start(): Promise<void>;
}

export interface RunningCluster {
  /** The load balancer's URL. */
  url: string;
  instances: ClusterInstance[];
  /** The load balancer's process. */
  balancerPid: number;
  /** Stops the balancer and every instance, by pid, and waits for them to exit. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances: number;
  databaseUrl: string;
  redisUrl: string;
  /** More environment for every instance (PORT, DATABASE_URL and REDIS_URL are set by the cluster). */
  env?: Record<string, string>;
  /** The balancer's port: default 3000, 0 for a free one. */
  port?: number;
  /** Where each process writes its log (`api-1.log`, ..., `balancer.log`); default a new temporary directory. */
  logDir?: string;
}

const root = findRoot(path.dirname(fileURLToPath(import.meta.url)));
const MAIN_JS = path.join(root, 'dist/apps/api/main.js');
const BALANCER = path.join(root, 'tools/cluster/balancer.mjs');
const READY_TIMEOUT_MS = 180_000;
/** A graceful stop waits for running jobs (JOB_SHUTDOWN_TIMEOUT) before it is forced. */
const STOP_TIMEOUT_MS = 60_000;

/** The repository root (compiled copies of this file live under tmp/tools, sources under tools/). */
function findRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`No nx.json above ${from}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Sends `signal` and resolves once the process has exited; SIGKILL after `STOP_TIMEOUT_MS`. */
function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (exited(child)) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-3000) : '';
}

/** Runs `node <args>` with its output going to `logFile` (appended: an instance's restarts share one log). */
function launch(args: string[], env: NodeJS.ProcessEnv, logFile: string, flags = 'a'): ChildProcess {
  const out = openSync(logFile, flags);
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', out, out] });
  closeSync(out);
  return child;
}

class Instance implements ClusterInstance {
  readonly url: string;
  private child: ChildProcess | null = null;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number {
    return this.child && !exited(this.child) ? (this.child.pid ?? 0) : 0;
  }

  async start(): Promise<void> {
    if (this.pid) return;
    const child = launch([MAIN_JS], { ...this.env, PORT: String(this.port) }, this.logFile);
    this.child = child;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited(child)) throw new Error(`${this.name} exited during start-up:\n${tail(this.logFile)}`);
      try {
        const response = await fetch(`${this.url}/health/ready`);
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await killAndWait(child, 'SIGKILL');
    throw new Error(`${this.name} was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${tail(this.logFile)}`);
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child) await killAndWait(this.child, signal);
  }
}

/** Starts the balancer and waits for its "listening on <port>" line; returns the process and the port. */
async function startBalancer(
  port: number,
  instances: Instance[],
  logFile: string,
): Promise<{ child: ChildProcess; port: number }> {
  const args = [BALANCER, '--port', String(port), ...instances.flatMap((i) => ['--upstream', `${i.name}=${i.url}`])];
  const child = launch(args, process.env, logFile, 'w');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const listening = /balancer listening on (\d+)/.exec(tail(logFile));
    if (listening) return { child, port: Number(listening[1]) };
    if (exited(child)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await killAndWait(child, 'SIGKILL');
  throw new Error(`The load balancer did not start:\n${tail(logFile)}`);
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: build the API first (npm run build)`);
  const logDir = options.logDir ?? mkdtempSync(path.join(os.tmpdir(), 'league-cluster-'));
  mkdirSync(logDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
  };
  const instances: Instance[] = [];
  for (let i = 1; i <= options.instances; i++) {
    instances.push(new Instance(`api-${i}`, await freePort(), env, path.join(logDir, `api-${i}.log`)));
  }
  let balancer: ChildProcess | null = null;
  const stop = async () => {
    await Promise.all([
      ...(balancer ? [killAndWait(balancer, 'SIGTERM')] : []),
      ...instances.map((instance) => instance.kill('SIGTERM')),
    ]);
  };
  try {
    // All at once, as an orchestrator would: migrations and the demo seeding take advisory locks.
    const started = await Promise.allSettled(instances.map((instance) => instance.start()));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const running = await startBalancer(options.port ?? 3000, instances, path.join(logDir, 'balancer.log'));
    balancer = running.child;
    return { url: `http://127.0.0.1:${running.port}`, instances, balancerPid: running.child.pid ?? 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
