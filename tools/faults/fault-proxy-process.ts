import { fork, type ChildProcess } from 'node:child_process';
import { throughProxy } from './fault-proxy.js';

/** What the parent asks of the child proxy; each is acknowledged with `{ done: id }`. */
export type ProxyCommand =
  { id: number; op: 'cut' | 'blackhole' | 'heal' | 'close' } | { id: number; op: 'delay'; ms: number };

type Op = ProxyCommand['op'];

/**
 * A FaultProxy in a process of its own. A benchmark that drives load and checks answers must not also carry the
 * instances' Redis traffic on its event loop: a bus message would then wait behind the benchmark's own next request,
 * a delay no deployment has. Same controls as FaultProxy, each resolved once the child has applied it.
 */
export class FaultProxyProcess {
  private nextId = 0;
  private readonly waiting = new Map<number, () => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (message: { done?: number }) => {
      if (message.done === undefined) return;
      this.waiting.get(message.done)?.();
      this.waiting.delete(message.done);
    });
  }

  /** Forks the proxy in front of `target` ("host:port" or a URL) and waits until it listens. */
  static async start(target: string): Promise<FaultProxyProcess> {
    const child = fork(new URL('./fault-proxy-child.js', import.meta.url), [target], { stdio: 'inherit' });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`fault proxy exited with ${code} before listening`)));
    });
    return new FaultProxyProcess(child, port);
  }

  /** The target URL rewritten to go through the proxy (same scheme, credentials and path). */
  urlFor(targetUrl: string): string {
    return throughProxy(targetUrl, this.port);
  }

  cut(): Promise<void> {
    return this.ask('cut');
  }

  blackhole(): Promise<void> {
    return this.ask('blackhole');
  }

  setDelay(ms: number): Promise<void> {
    return this.ask('delay', ms);
  }

  heal(): Promise<void> {
    return this.ask('heal');
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.ask('close');
    await exited;
  }

  private ask(op: Op, ms = 0): Promise<void> {
    const id = this.nextId++;
    const command = (op === 'delay' ? { id, op, ms } : { id, op }) as ProxyCommand;
    return new Promise<void>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send(command);
    });
  }
}
