import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(port: number, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output().slice(-3000)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready in time:\n${output().slice(-3000)}`);
}

function postgresPidsFor(dataDir: string): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return ps
    .split('\n')
    .filter((line) => line.includes(dataDir) && /postgres/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const mainJs = path.join(root, 'dist/apps/api/main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Runs `command` (default: the built API) as a real process; env values of undefined are removed. */
function launch(
  env: Record<string, string | undefined>,
  command: string[] = [mainJs],
  cwd = root,
  detached = false,
): Started {
  const merged: Record<string, string | undefined> = { ...process.env, ADMIN_PASSWORD: undefined, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  let output = '';
  const child = spawn(
    command[0] === 'npm' ? 'npm' : process.execPath,
    command[0] === 'npm' ? command.slice(1) : command,
    {
      cwd,
      env: merged as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached,
    },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

function start(dataDir: string, port: number, pgPort: number, env: Record<string, string> = {}): Started {
  return launch({
    NODE_ENV: 'production',
    DATABASE_URL: undefined,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    CACHE_PREFIX: `start${port}`,
    LOG_LEVEL: 'warn',
    SEED_ON_EMPTY: 'false',
    ...env,
  });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A login runs scrypt (about 100-300 ms): long enough to be in flight when the signal arrives. */
async function loginInFlightDuringSignal(port: number, child: ChildProcess, signal: NodeJS.Signals) {
  const login = fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'wrong password' }),
  });
  await new Promise((r) => setTimeout(r, 30));
  child.kill(signal);
  const response = await login;
  return { status: response.status, body: (await response.json()) as { statusCode?: number } };
}

beforeAll(() => {
  // The API alone (nx caches it): these tests run the built server as a real process.
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'run', '@league/api:build', '--outputStyle=stream'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } },
  );
  if (build.status !== 0) throw new Error(`API build failed:\n${build.stdout}\n${build.stderr}`);
}, 120_000);

describe('the server on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'league-start-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    for (const pid of postgresPidsFor(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL, drains and stops on SIGTERM with PostgreSQL last, and reuses the data', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const first = start(dataDir, port, pgPort);
    await waitReady(port, first.child, 120_000, first.output);
    expect(first.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(first.output()).toMatch(/Log in as "admin" with the generated password: \S+/);
    expect(postgresPidsFor(dataDir).length).toBeGreaterThan(0);
    // The request in flight when SIGTERM arrives is answered (it needed the database: PostgreSQL stops last).
    const inFlight = await loginInFlightDuringSignal(port, first.child, 'SIGTERM');
    expect(inFlight.status).toBe(401);
    expect(await exitOf(first.child)).toBe(0);
    expect(postgresPidsFor(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = start(dataDir, port, pgPort);
    await waitReady(port, second.child, 60_000, second.output);
    expect(second.output()).not.toMatch(/initialising embedded PostgreSQL/);
    expect(second.output()).not.toMatch(/generated password/);
    expect((await loginInFlightDuringSignal(port, second.child, 'SIGINT')).status).toBe(401);
    expect(await exitOf(second.child)).toBe(0);
    expect(postgresPidsFor(dataDir)).toEqual([]);
  }, 240_000);

  it('recovers from a killed run: the PostgreSQL it left running and its lock file', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const killed = start(dataDir, port, pgPort);
    await waitReady(port, killed.child, 60_000, killed.output);
    expect(await stop(killed.child, 'SIGKILL')).toBeNull();
    expect(postgresPidsFor(dataDir).length).toBeGreaterThan(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    const next = start(dataDir, port, pgPort);
    await waitReady(port, next.child, 30_000, next.output);
    expect(next.output()).toMatch(/stopping the embedded PostgreSQL left running by an earlier run/);
    expect(await stop(next.child)).toBe(0);
    expect(postgresPidsFor(dataDir)).toEqual([]);

    // After a machine crash the lock file names a process that is not its server (here PID 1): removed.
    writeFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), `1\n${path.join(dataDir, 'pg')}\n`);
    const afterCrash = start(dataDir, port, pgPort);
    await waitReady(port, afterCrash.child, 30_000, afterCrash.output);
    expect(afterCrash.output()).toMatch(/removing the stale lock file/);
    expect(await stop(afterCrash.child)).toBe(0);
  }, 120_000);

  it('stops within 5 s with one sentence naming the fix when the PostgreSQL port is in use', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const squatter = net.createServer().listen(pgPort, '127.0.0.1');
    await new Promise((r) => squatter.once('listening', r));
    try {
      const started = Date.now();
      const run = start(dataDir, port, pgPort);
      expect(await exitOf(run.child)).toBe(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(run.output()).toMatch(
        new RegExp(
          `Start-up failed: Port ${pgPort} of the embedded PostgreSQL is in use .*EMBEDDED_POSTGRES_PORT.*DATABASE_URL`,
        ),
      );
      expect(run.output()).not.toMatch(/^\s+at /m);
    } finally {
      squatter.close();
    }
  }, 30_000);

  it('refuses a bad configuration value, naming the variable', () => {
    const r = spawnSync(process.execPath, [mainJs], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Invalid PORT="eighty": an integer from 0 to 65535/);
  });
});

describe('the server with DATABASE_URL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('on SIGTERM answers the request in flight, releases its job leases and closes its pools', async () => {
    const port = await freePort();
    const prefix = `sig${port}`;
    const run = launch({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      PORT: String(port),
      REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
      CACHE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      SEED_ON_EMPTY: 'false',
      // A job that runs every second, so that a lease is likely held when the signal arrives.
      SCHEDULE_HEALTH_PROBE: '* * * * * *',
    });
    await waitReady(port, run.child, 60_000, run.output);
    await new Promise((r) => setTimeout(r, 1_500));
    const inFlight = await loginInFlightDuringSignal(port, run.child, 'SIGTERM');
    expect(inFlight.status).toBe(401);
    expect(await exitOf(run.child)).toBe(0);
    expect(run.output()).toMatch(/SIGTERM received, shutting down/);

    const redis = createClient({ url: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379' });
    await redis.connect();
    try {
      expect(await redis.keys(`${prefix}#jobs:*:lease`)).toEqual([]);
    } finally {
      await redis.close();
    }
    const connections = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(connections[0].n).toBe(0);
  }, 90_000);
});

describe('README quick start from a fresh clone', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'league-clone-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('`npm start` with no Redis reachable and DATABASE_URL unset answers /health/ready, and Ctrl-C stops it', async () => {
    const clone = path.join(dir, 'x');
    const cloned = spawnSync('git', ['clone', '--quiet', root, clone], { encoding: 'utf8' });
    expect(cloned.status).toBe(0);
    // `npm install` is what a user runs first; the installed tree is the same, so it is linked rather than rebuilt.
    symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
    const [port, pgPort, closedRedisPort] = [await freePort(), await freePort(), await freePort()];
    const started = Date.now();
    const run = launch(
      {
        DATABASE_URL: undefined,
        DATA_DIR: undefined,
        NODE_ENV: undefined,
        SEED_ON_EMPTY: undefined,
        PORT: String(port),
        EMBEDDED_POSTGRES_PORT: String(pgPort),
        REDIS_URL: `redis://127.0.0.1:${closedRedisPort}`,
        LOG_LEVEL: undefined,
      },
      ['npm', 'start'],
      clone,
      true,
    );
    const serverPids = () =>
      spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((line) => line.includes(`-p ${pgPort} `))
        .map((line) => Number(line.trim().split(/\s+/)[0]));
    try {
      await waitReady(port, run.child, 90_000, run.output);
      const readyMs = Date.now() - started;
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', overall_status: 'degraded' });
      // Said once, in the JSON log (which may reach the pipe a moment after the banner).
      const said = /Redis unreachable at redis:\/\/127\.0\.0\.1:\d+: serving from the in-process cache/g;
      for (let i = 0; i < 40 && !said.test(run.output()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(run.output().match(said)).toHaveLength(1);
      expect(run.output()).toMatch(/Demo data: 500 users, 20 leagues/);
      expect(readyMs).toBeLessThan(90_000);

      // Ctrl-C in a terminal signals the whole foreground process group (npm exits at once; the server drains).
      process.kill(-run.child.pid!, 'SIGINT');
      const listening = () =>
        fetch(`http://127.0.0.1:${port}/health/live`).then(
          () => true,
          () => false,
        );
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && (serverPids().length || (await listening()))) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(run.output()).toMatch(/SIGINT received, shutting down/);
      expect(await listening()).toBe(false);
      expect(serverPids()).toEqual([]);
    } finally {
      for (const pid of [-run.child.pid!, ...serverPids()]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      // As root in a private directory the cluster was kept under /var/tmp: remove it too.
      const shared = /keeping the embedded cluster in (\S+)\/pg/.exec(run.output())?.[1];
      if (shared) rmSync(shared, { recursive: true, force: true });
    }
  }, 150_000);
});
