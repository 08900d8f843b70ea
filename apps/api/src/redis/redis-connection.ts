import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';

export type RedisClient = RedisClientType;
type ReconnectListener = () => void;

const CONNECT_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * The shared Redis connection (node-redis). `client` is null when Redis is disabled or was unreachable at
 * start-up: the app then runs on its in-process cache alone, which is said once in the log. At run time the
 * client reconnects by itself; commands fail fast while it is down (no offline queue), and listeners
 * registered with `onReconnect` run after each reconnection (the cache clears its L1 then).
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly reconnectListeners = new Set<ReconnectListener>();
  private readonly extraClients = new Set<RedisClient>();
  private everReady = false;
  client: RedisClient | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Connects once at start; resolves (with client null) when Redis is disabled or unreachable. */
  async connect(): Promise<void> {
    if (!this.config.redisEnabled) {
      this.logger.log('Redis disabled (REDIS_ENABLED=false): using the in-process cache only');
      return;
    }
    const client = this.create();
    try {
      await client.connect();
      this.client = client;
      this.everReady = true;
      client.on('ready', () => {
        if (!this.everReady) return;
        this.logger.log('Redis connection restored');
        for (const listener of this.reconnectListeners) listener();
      });
    } catch (error) {
      client.destroy();
      this.logger.warn(
        `Redis unreachable at start (${String((error as Error).message)}): using the in-process cache only`,
      );
    }
  }

  /** True while the shared client is connected and ready for commands. */
  get isReady(): boolean {
    return this.client?.isReady ?? false;
  }

  onReconnect(listener: ReconnectListener): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /**
   * A second connection with the same settings, for subscribers (a client in subscribe mode cannot run other
   * commands) or blocking commands. Closed with the app.
   */
  async duplicate(): Promise<RedisClient | null> {
    if (!this.client) return null;
    const extra = this.client.duplicate() as RedisClient;
    extra.on('error', () => undefined);
    this.extraClients.add(extra);
    await extra.connect();
    return extra;
  }

  private create(): RedisClient {
    const client = createClient({
      url: this.config.redisUrl,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
      },
    }) as RedisClient;
    let down = false;
    client.on('error', (error: Error) => {
      // Logged once per outage, not once per reconnection attempt.
      if (!down && this.everReady) this.logger.warn(`Redis connection lost: ${error.message}`);
      down = true;
    });
    client.on('ready', () => (down = false));
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    const clients = [...this.extraClients, ...(this.client ? [this.client] : [])];
    this.extraClients.clear();
    this.client = null;
    await Promise.all(clients.map((c) => c.close().catch(() => c.destroy())));
  }
}
