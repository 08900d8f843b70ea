import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

function start(dataDir: string, port: number, pgPort: number): { child: ChildProcess; output: () => string } {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  delete env.ADMIN_PASSWORD;
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'tools/start.mjs')], {
    cwd: root,
    env: {
      ...env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
      CACHE_PREFIX: `start${port}`,
      LOG_LEVEL: 'warn',
      SEED_ON_EMPTY: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('npm start on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'league-start-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    for (const pid of postgresPidsFor(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL, stops it cleanly on SIGTERM, and reuses the data on the next start', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const first = start(dataDir, port, pgPort);
    await waitReady(port, first.child, 120_000, first.output);
    expect(first.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(first.output()).toMatch(/Log in as "admin" with the generated password: \S+/);
    expect(postgresPidsFor(dataDir).length).toBeGreaterThan(0);
    expect(await stop(first.child)).toBe(0);
    expect(postgresPidsFor(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = start(dataDir, port, pgPort);
    await waitReady(port, second.child, 60_000, second.output);
    expect(second.output()).not.toMatch(/initialising embedded PostgreSQL/);
    expect(second.output()).not.toMatch(/generated password/);
    expect(await stop(second.child)).toBe(0);
    expect(postgresPidsFor(dataDir)).toEqual([]);
  }, 240_000);

  it('refuses a bad configuration value, naming the variable', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/main.js')], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Invalid PORT="eighty": an integer from 0 to 65535/);
  });
});
