import type { DemoRandom } from '../../../apps/api/src/trading/demo-data/demo-random.js';

/** One API instance the checker can send requests to. */
export interface Instance {
  name: string;
  url: string;
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
  instance: string;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Prefer an instance other than this one (a read after a write goes elsewhere when it can). */
  avoid?: string;
  /** How long to wait for the answer (default: the fleet's timeout). */
  timeoutMs?: number;
}

/**
 * Sends each request to a random instance, and to another one when it cannot be reached (killed, restarting): the
 * way a load balancer with retries behaves. Reads and idempotent writes only; a refused connection never counts as
 * an answer.
 */
export class Fleet {
  /** Requests that found their first instance unreachable. */
  failovers = 0;
  /** Requests that found no instance at all within the retry budget. */
  unavailable = 0;
  /** Requests an instance accepted but did not answer within the timeout. */
  timeouts = 0;
  /** The same, by method and route (ids as `:id`), with the instance and the fault log's time. */
  readonly timedOut: { route: string; instance: string; at: number }[] = [];

  constructor(
    private readonly instances: () => Instance[],
    private readonly random: DemoRandom,
    private readonly timeoutMs = 10_000,
  ) {}

  async call<T = any>(path: string, options: CallOptions = {}): Promise<Answer<T> | null> {
    const all = this.instances();
    const preferred = all.filter((i) => i.name !== options.avoid);
    let candidates = preferred.length ? preferred : all;
    let first = this.random.int(0, candidates.length - 1);
    for (let attempt = 0; attempt < 20; attempt++) {
      const instance = candidates[(first + attempt) % candidates.length];
      try {
        return await this.send<T>(instance, path, options);
      } catch (error) {
        // No answer in time: a hung request, not a refused connection; never sent again (it may have run).
        if ((error as Error).name === 'TimeoutError') {
          this.timeouts++;
          const route = `${options.method ?? 'GET'} ${path.split('?')[0].replace(/\/\d+/g, '/:id')}`;
          this.timedOut.push({
            route,
            instance: instance.name,
            at: Date.now() - (options.timeoutMs ?? this.timeoutMs),
          });
          return null;
        }
        if (attempt === 0) this.failovers++;
        // Every instance refused: wait for one to come back (a restart takes a few seconds).
        if (attempt % candidates.length === candidates.length - 1) {
          await new Promise((r) => setTimeout(r, 250));
          candidates = this.instances();
          first = this.random.int(0, candidates.length - 1);
        }
      }
    }
    this.unavailable++;
    return null;
  }

  private async send<T>(instance: Instance, path: string, options: CallOptions): Promise<Answer<T>> {
    const response = await fetch(`${instance.url}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return {
      status: response.status,
      body: body as T,
      headers: Object.fromEntries(response.headers),
      instance: instance.name,
    };
  }
}
