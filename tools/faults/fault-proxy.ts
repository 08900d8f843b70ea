import net from 'node:net';

/** `targetUrl` rewritten to reach a proxy on 127.0.0.1:`port` (same scheme, credentials and path). */
export function throughProxy(targetUrl: string, port: number): string {
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

/** What the proxy does with traffic right now. */
export type ProxyMode =
  /** Forward both ways (after `delayMs`, if set). */
  | 'pass'
  /** Half-open: connections stay up and accept data, but nothing reaches the other side and nothing comes back. */
  | 'blackhole'
  /** Every connection is reset and new ones are refused (closed at once). */
  | 'down';

/**
 * A TCP proxy in front of a server (Redis, PostgreSQL) that a test or a fault run can break on purpose: cut every
 * connection, swallow traffic on open connections (a half-open link, which TCP itself does not notice), or delay
 * each chunk. Clients connect to `port`; `heal()` returns to plain forwarding.
 */
export class FaultProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  /** Delivers what a blackhole held back, one per direction of each open connection. */
  private readonly flushes = new Set<() => void>();
  private modeNow: ProxyMode = 'pass';
  private delay = 0;
  port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  /** Starts listening on `port` (0: a free one) on 127.0.0.1, in front of `target` ("host:port" or a URL). */
  static async start(target: string, port = 0): Promise<FaultProxy> {
    const { hostname, port: targetPort } = target.includes('://') ? new URL(target) : new URL(`tcp://${target}`);
    const proxy = new FaultProxy(hostname.replace(/^\[|\]$/g, ''), Number(targetPort));
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(port, '127.0.0.1', () => resolve());
    });
    proxy.port = (proxy.server.address() as net.AddressInfo).port;
    return proxy;
  }

  get mode(): ProxyMode {
    return this.modeNow;
  }

  /** The target URL rewritten to go through the proxy (same scheme, credentials and path). */
  urlFor(targetUrl: string): string {
    return throughProxy(targetUrl, this.port);
  }

  /** Resets every open connection and refuses new ones until `heal()`. */
  cut(): void {
    this.modeNow = 'down';
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.resetAndDestroy();
    }
    this.pairs.clear();
  }

  /**
   * Keeps connections open but lets nothing through, either way, until `heal()`: a partition that TCP does not
   * notice. What is sent meanwhile is held and delivered on `heal()`, as TCP's retransmission would.
   */
  blackhole(): void {
    this.modeNow = 'blackhole';
  }

  /** Delays every chunk, both ways, by `ms` (0: none), keeping each direction's order. */
  setDelay(ms: number): void {
    this.delay = Math.max(0, ms);
  }

  /** Plain forwarding again; connections that survived a blackhole get what it held, then carry on. */
  heal(): void {
    this.modeNow = 'pass';
    this.delay = 0;
    for (const flush of this.flushes) flush();
  }

  /** Number of connections currently open through the proxy. */
  get connections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.modeNow === 'down') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host: this.targetHost, port: this.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    const drop = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    this.forward(client, upstream);
    this.forward(upstream, client);
  }

  private forward(from: net.Socket, to: net.Socket): void {
    // Each chunk leaves no earlier than the previous one: a delay change never reorders a stream.
    let lastAt = 0;
    // What a blackhole holds back is delivered when it heals, in order, as TCP would retransmit it: a stream
    // never loses bytes in the middle (which would pair a client's commands with the wrong replies).
    const held: Buffer[] = [];
    const send = (chunk: Buffer) => {
      if (this.delay === 0 && lastAt <= Date.now()) {
        to.write(chunk);
        return;
      }
      const at = Math.max(Date.now() + this.delay, lastAt);
      lastAt = at;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, at - Date.now());
    };
    const flush = () => {
      if (to.destroyed) return;
      for (const chunk of held.splice(0)) send(chunk);
    };
    this.flushes.add(flush);
    from.on('close', () => this.flushes.delete(flush));
    from.on('data', (chunk: Buffer) => {
      if (this.modeNow === 'pass' && !held.length) send(chunk);
      else if (this.modeNow !== 'down') held.push(chunk);
    });
  }
}
