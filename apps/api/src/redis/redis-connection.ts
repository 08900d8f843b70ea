import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { createClusterClient, isCluster } from './cluster-client.js';

export type RedisClient = RedisClientType;
type ReconnectListener = () => void;

const CONNECT_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;
/** How long start-up waits for a first connection before going on with the in-process cache alone. */
const START_WAIT_MS = 1_500;

/**
 * The shared Redis connection (node-redis): one server at REDIS_URL, or a Redis Cluster (cluster-client.ts).
 * `client` is null only when Redis is disabled. When Redis is
 * unreachable at start, start-up waits at most START_WAIT_MS, says once that the in-process cache serves alone,
 * and the client keeps trying in the background: when Redis appears, the L2, the bus, shared stats and job
 * leases come into use without a restart. Commands fail fast while it is down (no offline queue), and listeners
 * registered with `onReconnect` run each time it becomes ready after having been away (the cache clears its L1).
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly reconnectListeners = new Set<ReconnectListener>();
  private readonly extraClients = new Set<RedisClient>();
  private everReady = false;
  /** True until start-up stops waiting for the first connection (no listener is registered before). */
  private waitingAtStart = true;
  client: RedisClient | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Starts connecting; resolves when connected or after START_WAIT_MS, whichever comes first. */
  async connect(): Promise<void> {
    if (!this.config.redisEnabled) {
      this.logger.log('Redis disabled (REDIS_ENABLED=false): using the in-process cache only');
      return;
    }
    const client = this.create();
    this.client = client;
    client.on('ready', () => {
      const first = !this.everReady;
      this.everReady = true;
      if (this.waitingAtStart) return;
      this.logger.log(
        first
          ? 'Redis reachable: L2 cache, cache bus, shared stats and job leases in use'
          : 'Redis connection restored',
      );
      for (const listener of this.reconnectListeners) listener();
    });
    if (!(await settle(client))) {
      this.logger.warn(
        `Redis unreachable at ${this.where()}: serving from the in-process cache, ` +
          'and attaching to Redis when it appears',
      );
    }
    this.waitingAtStart = false;
  }

  /** True once Redis has been reached since start (it may be down again now: see `isReady`). */
  get attached(): boolean {
    return this.everReady;
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
   * commands) or blocking commands. Closed with the app. Returned unconnected (still trying) when Redis is away.
   */
  async duplicate(): Promise<RedisClient | null> {
    if (!this.client) return null;
    const extra = this.client.duplicate() as RedisClient;
    extra.on('error', () => undefined);
    this.extraClients.add(extra);
    await settle(extra);
    return extra;
  }

  private create(): RedisClient {
    const socket = {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    };
    const cluster = this.config.redisCluster;
    // The cluster client is adapted to the single-node client's shape (isReady, ready events, duplicate), so
    // the code written against RedisClient uses it unchanged; what differs (SCAN per master) asks isCluster().
    const client = cluster
      ? (createClusterClient(cluster, socket) as unknown as RedisClient)
      : (createClient({ url: this.config.redisUrl, disableOfflineQueue: true, socket }) as RedisClient);
    let down = false;
    client.on('error', (error: Error) => {
      // Logged once per outage, not once per reconnection attempt.
      if (!down && this.everReady) this.logger.warn(`Redis connection lost: ${error.message}`);
      down = true;
    });
    client.on('ready', () => (down = false));
    return client;
  }

  /** Where Redis is expected, for logs (without a password). */
  private where(): string {
    const cluster = this.config.redisCluster;
    if (cluster) return `cluster ${cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
    return redactedUrl(this.config.redisUrl);
  }

  async onApplicationShutdown(): Promise<void> {
    const clients = [...this.extraClients, ...(this.client ? [this.client] : [])];
    this.extraClients.clear();
    this.client = null;
    // A client still trying to reach Redis has nothing to flush: destroy() also stops its reconnection attempts.
    await Promise.all(
      clients.map(async (c) => {
        if (c.isReady) await c.close().catch(() => c.destroy());
        // A cluster client between two attempts to reach its seed nodes is not open but still has to stop trying.
        else if (c.isOpen || isCluster(c)) c.destroy();
      }),
    );
  }
}

/** Connects `client`; true once it is ready, false if it is still trying after START_WAIT_MS (it keeps trying). */
async function settle(client: RedisClient): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), START_WAIT_MS)));
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([connected, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Redis URL without its password, for logs. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
