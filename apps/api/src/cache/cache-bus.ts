import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { RedisClient } from '../redis/redis-connection.js';
import { FAILED, type RedisTier } from './redis-tier.js';

/** What one instance tells the others, so that they drop the same entries from their L1. */
export type BusMessage =
  | { kind: 'delete'; keys: string[] }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'clear' }
  | { kind: 'generations'; groups: [string, number][] }
  | { kind: 'stats_reset' };

type Envelope = (BusMessage | { kind: 'heartbeat' }) & { origin: string };

/** Each instance publishes a heartbeat this often and expects to hear its own back. */
const HEARTBEAT_MS = 500;
/** Own heartbeats missed in a row before the bus is taken as deaf. */
const MISSED_HEARTBEATS = 3;

export interface BusListener {
  onMessage(message: BusMessage): void;
  /** Own heartbeat heard after being deaf: messages arrive again from here on, some may have been missed before. */
  onHearing(): void;
}

/**
 * L1 coherence across instances over Redis pub/sub: every delete, pattern delete, clear and group
 * invalidation is published; every other instance applies it to its L1 as soon as the message arrives
 * (about a millisecond on a LAN).
 *
 * A lost message cannot be seen, so the bus watches its own link: the subscriber connection dropping, or the
 * instance's own heartbeat (published on the channel every HEARTBEAT_MS) not coming back, makes it `deaf` until
 * a heartbeat is heard again. The listener then stops trusting what it learnt from the bus.
 */
export class CacheBus {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger('CacheBus');
  private subscriber: RedisClient | null = null;
  private listener: BusListener | null = null;
  private timer: NodeJS.Timeout | null = null;
  private subscribed = false;
  private lastHeard = 0;
  private deafNow = false;
  /** Whether becoming deaf was said (not before the bus was first heard: the connection says Redis is away). */
  private saidDeaf = false;
  private heardOnce = false;

  constructor(
    private readonly tier: RedisTier,
    private readonly channel: string,
  ) {}

  /** True while messages may be missed. */
  get deaf(): boolean {
    return this.deafNow;
  }

  async start(subscriber: RedisClient | null, listener: BusListener): Promise<void> {
    this.listener = listener;
    this.subscriber = subscriber;
    if (!subscriber) {
      this.becomeDeaf('no subscriber connection');
      return;
    }
    // node-redis renews a subscription after a reconnection; the next own heartbeat heard confirms it.
    const lost = () => this.becomeDeaf('subscriber connection lost');
    subscriber.on('error', lost);
    subscriber.on('end', lost);
    if (subscriber.isReady) await this.subscribe();
    else this.becomeDeaf('Redis not reached yet');
    this.lastHeard = Date.now();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Publishes `message`; false when it did not reach Redis (the caller keeps it for later). */
  async publish(message: BusMessage): Promise<boolean> {
    const text = JSON.stringify({ ...message, origin: this.instanceId });
    const reply = await this.tier.run('publish', undefined, () => this.tier.client.publish(this.channel, text));
    return reply !== FAILED;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber?.isReady) await subscriber.unsubscribe(this.channel).catch(() => undefined);
  }

  private async subscribe(): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) return;
    try {
      await subscriber.subscribe(this.channel, (raw: string) => this.receive(raw));
      this.subscribed = true;
    } catch (error) {
      this.logger.warn(`Cache bus subscription failed: ${(error as Error).message}`);
      this.becomeDeaf('subscription failed');
    }
  }

  private receive(raw: string): void {
    let message: Envelope;
    try {
      message = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (message.origin !== this.instanceId) {
      if (message.kind !== 'heartbeat') this.listener?.onMessage(message);
      return;
    }
    if (message.kind !== 'heartbeat') return;
    this.lastHeard = Date.now();
    this.heardOnce = true;
    if (this.deafNow) {
      this.deafNow = false;
      if (this.saidDeaf) this.logger.log('Cache bus hearing again');
      this.saidDeaf = false;
      this.listener?.onHearing();
    }
  }

  private async beat(): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) return;
    // A subscription that failed (or never happened: Redis away at start) is tried again.
    if (!this.subscribed && subscriber.isReady) await this.subscribe();
    if (!this.deafNow && Date.now() - this.lastHeard > HEARTBEAT_MS * MISSED_HEARTBEATS) {
      this.becomeDeaf('own heartbeats not heard');
    }
    const text = JSON.stringify({ kind: 'heartbeat', origin: this.instanceId });
    await this.tier.run('publish', undefined, () => this.tier.client.publish(this.channel, text));
  }

  private becomeDeaf(reason: string): void {
    if (this.deafNow) return;
    this.deafNow = true;
    if (!this.heardOnce) return;
    this.saidDeaf = true;
    this.logger.warn(`Cache bus may have missed invalidations (${reason}): L1 bypassed until it hears again`);
  }
}
