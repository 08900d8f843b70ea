import { createClient } from 'redis';
import { FAULT_KINDS, type FaultKind, type FaultLog } from './fault-log.js';

/** What the injector can break. */
export interface FaultTargets {
  /** The Redis server itself (instances reach it through `proxy`). */
  redis: { url: string; stop(): Promise<void>; start(): Promise<void> };
  /** The proxy every instance's Redis connections go through: slows them (in this process or its own). */
  proxy: { setDelay(ms: number): void | Promise<void> };
  /** Kills one instance (SIGKILL) and starts it again; absent when the instances are not separate processes. */
  killInstance?: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Injects one fault at a time, each lasting about `durationMs`, recording its window in the log. */
export class FaultInjector {
  private turn = 0;

  constructor(
    private readonly targets: FaultTargets,
    private readonly log: FaultLog,
    private readonly options: { durationMs?: number; slowMs?: number; kinds?: readonly FaultKind[] } = {},
  ) {}

  get kinds(): readonly FaultKind[] {
    const kinds = this.options.kinds ?? FAULT_KINDS;
    return this.targets.killInstance ? kinds : kinds.filter((k) => k !== 'instance-kill');
  }

  /** The next fault in turn. */
  next(): Promise<void> {
    const kind = this.kinds[this.turn++ % this.kinds.length];
    return this.inject(kind);
  }

  async inject(kind: FaultKind): Promise<void> {
    const duration = this.options.durationMs ?? 1_500;
    const window = this.log.begin(kind);
    try {
      switch (kind) {
        case 'redis-restart':
          // Killed, so it comes back empty: every entry and subscription is gone.
          await this.targets.redis.stop();
          await sleep(duration);
          await this.targets.redis.start();
          break;
        case 'pubsub-kill':
          await this.onRedis((c) => c.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']));
          break;
        case 'redis-slow':
          await this.targets.proxy.setDelay(this.options.slowMs ?? 200);
          await sleep(duration);
          await this.targets.proxy.setDelay(0);
          break;
        case 'instance-kill':
          await this.targets.killInstance!();
          break;
      }
    } finally {
      this.log.end(window);
    }
  }

  private async onRedis(command: (client: ReturnType<typeof createClient>) => Promise<unknown>): Promise<void> {
    const client = createClient({ url: this.targets.redis.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await command(client);
    } finally {
      await client.close();
    }
  }
}
