import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisTier } from './redis-tier.js';

/** What one instance tells the others, so that they drop the same entries from their L1. */
export type BusMessage =
  | { kind: 'delete'; keys: string[] }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'clear' }
  | { kind: 'generations'; groups: [string, number][] }
  | { kind: 'stats_reset' };

type Envelope = BusMessage & { origin: string };

/**
 * L1 coherence across instances over Redis pub/sub: every delete, pattern delete, clear and group
 * invalidation is published; every other instance applies it to its L1 as soon as the message arrives
 * (about a millisecond on a LAN). Messages missed during an outage are covered by clearing L1 on reconnect.
 */
export class CacheBus {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger('CacheBus');
  private subscriber: RedisClient | null = null;

  constructor(
    private readonly tier: RedisTier,
    private readonly channel: string,
  ) {}

  async start(subscriber: RedisClient | null, onMessage: (message: BusMessage) => void): Promise<void> {
    if (!subscriber) return;
    this.subscriber = subscriber;
    const subscribe = () =>
      subscriber
        .subscribe(this.channel, (raw: string) => {
          let message: Envelope;
          try {
            message = JSON.parse(raw) as Envelope;
          } catch {
            return;
          }
          if (message.origin === this.instanceId) return;
          onMessage(message);
        })
        .catch((error: Error) => this.logger.warn(`Cache bus subscription failed: ${error.message}`));
    if (subscriber.isReady) await subscribe();
    // Redis away at start: subscribe when it appears (node-redis renews the subscription after later reconnections).
    else subscriber.once('ready', () => void subscribe());
  }

  async publish(message: BusMessage): Promise<void> {
    const text = JSON.stringify({ ...message, origin: this.instanceId });
    await this.tier.run('publish', undefined, () => this.tier.client.publish(this.channel, text));
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber?.isReady) await subscriber.unsubscribe(this.channel).catch(() => undefined);
  }
}
