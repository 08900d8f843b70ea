import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';

/** A server of the benchmark running in a process of its own. */
export interface ServerProcess {
  name: string;
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
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

/**
 * Starts `node <args>` with its output (logs included) going to `logFile`, never to the terminal, and waits until
 * `readyPath` answers 200.
 */
export async function startServer(options: {
  name: string;
  args: string[];
  env: Record<string, string | undefined>;
  port: number;
  logFile: string;
  readyPath: string;
  cwd: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const out = openSync(options.logFile, 'w');
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...options.env, PORT: String(options.port) },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const base = `http://127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}${options.readyPath}`)).status === 200) return { name: options.name, base, child, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  const log = readFileSync(options.logFile, 'utf8');
  throw new Error(`${options.name} did not become ready:\n${log.slice(-3000)}`);
}
