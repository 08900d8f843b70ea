import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { DataSource } from 'typeorm';
import type { JobDefinition } from '../../src/scheduling/job-definition.js';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Several app instances on one database and one Redis namespace: the shape of a multi-instance deployment. */
export interface Cluster {
  db: TestDatabase;
  apps: TestApp[];
  close(): Promise<void>;
}

export async function startCluster(size: number, env: Record<string, string> = {}): Promise<Cluster> {
  const db = await createTestDatabase();
  // The same prefix on every instance (startTestApp would give each its own), so they share the leases.
  const shared = { CACHE_PREFIX: `s${randomBytes(4).toString('hex')}`, ...env };
  const apps: TestApp[] = [];
  for (let i = 0; i < size; i++) apps.push(await startTestApp({ db, env: shared }));
  await db.query(`CREATE TABLE test_job_effects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job text NOT NULL, tick timestamptz, instance_id text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  return {
    db,
    apps,
    async close() {
      for (const app of apps) await app.close().catch(() => undefined);
      await db.drop();
    },
  };
}

export const runnerOf = (app: TestApp) => app.app.get(JobRunner);

/**
 * A job whose every run leaves one row in test_job_effects (the side effect that must happen once per tick),
 * optionally taking `workMs` to finish.
 */
export function effectJob(app: TestApp, name: string, options: Partial<JobDefinition> & { workMs?: number } = {}) {
  const db = app.app.get(DataSource);
  const definition: JobDefinition = {
    name,
    schedule: '* * * * * *',
    ...options,
    async run(context) {
      await db.query(`INSERT INTO test_job_effects (job, tick, instance_id) VALUES ($1, $2, $3)`, [
        name,
        context.scheduledAt,
        context.instanceId,
      ]);
      if (options.workMs) await sleep(options.workMs);
      return { itemsProcessed: 1 };
    },
  };
  return definition;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A redis-server of this test's own on a free port, stopped by its pid. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port });
        socket.on('connect', () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      }),
    10_000,
    `redis-server on port ${port}`,
  );
  let stopped = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (stopped || child.pid === undefined) return;
      stopped = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGKILL');
      await exited;
    },
  };
}

export function hasRedisServer(): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/redis-server`));
}
