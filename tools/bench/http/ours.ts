import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer, type ServerProcess } from './processes.js';

/** Builds the API as `npm start` does (nx, cached when nothing changed); throws with the build's output on failure. */
export function buildApi(root: string): void {
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'run', '@league/api:build', '--outputStyle=stream'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } },
  );
  if (build.status !== 0) throw new Error(`API build failed:\n${build.stdout}${build.stderr}`.slice(-4000));
}

/**
 * Our API run as `npm start` runs it once built (dist/apps/api/main.js, see tools/start.mjs; call buildApi first)
 * with its defaults (LOG_LEVEL info, schedules on, demo data loaded into an empty database). Only what a deployment
 * sets anyway is given: where PostgreSQL and Redis are, the port, the admin password and a cache namespace of its own.
 * Its log lines go to `logFile`.
 */
export function startOurs(options: {
  root: string;
  databaseUrl: string;
  redisUrl: string;
  port: number;
  adminPassword: string;
  logFile: string;
  env?: Record<string, string>;
  /** Options for node itself (`--cpu-prof` ...). */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) if (/^(LOG_LEVEL|NODE_ENV|SCHEDULE_|CACHE_|TEST_)/.test(name)) delete env[name];
  return startServer({
    name: 'ours',
    args: [...(options.nodeArgs ?? []), path.join(options.root, 'dist/apps/api/main.js')],
    cwd: options.root,
    env: {
      ...env,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      ADMIN_PASSWORD: options.adminPassword,
      CACHE_PREFIX: `benchhttp${options.port}`,
      ...options.env,
    },
    port: options.port,
    logFile: options.logFile,
    readyPath: '/health/ready',
    timeoutMs: 600_000,
  });
}

async function post(base: string, url: string, body: object): Promise<Response> {
  return fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Logs in and returns the bearer token. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await post(base, '/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Registers a new user and logs in as it. */
export async function signUp(base: string, username: string): Promise<string> {
  const password = 'bench-password-123';
  const res = await post(base, '/api/auth/register', { username, email: `${username}@example.com`, password });
  if (res.status !== 201) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
  return login(base, username, password);
}
