import { createCluster, type RedisClientOptions, type RedisClientType, type RedisClusterType } from 'redis';
import type { RedisClusterConfig } from '../config/config.js';

type ClusterClient = RedisClusterType;
type NodeClient = RedisClientType;
type SocketOptions = NonNullable<RedisClientOptions['socket']>;

/** Events of the cluster client after which readiness may have changed. */
const NODE_EVENTS = ['connect', 'node-connect', 'node-ready', 'node-reconnecting', 'node-error', 'node-disconnect'];

/**
 * node-redis's cluster client (createCluster), made to behave like the single-node client the rest of the app
 * was written against, so that the cache, the bus, leases and stats use it unchanged:
 * - `isReady`: every master's connection is ready (a command for a slot on a master that is away fails fast);
 * - a `ready` event each time that becomes true again (the single-node client emits it on every reconnection);
 *   node connections' errors are re-emitted as `error`;
 * - `connect()` keeps trying in the background when no seed node answers (the cluster client gives up after one
 *   round), so Redis that appears later is attached without a restart;
 * - `duplicate()` returns another such client (for the bus's subscriber connection).
 * Classic pub/sub works on a cluster as it is: PUBLISH on any node reaches subscribers on every node.
 */
export function createClusterClient(
  config: RedisClusterConfig,
  socket: SocketOptions & { reconnectStrategy: (retries: number) => number },
): ClusterClient {
  const cluster = createCluster({
    rootNodes: config.nodes.map(({ host, port }) => ({ socket: { host, port } })),
    defaults: {
      disableOfflineQueue: true,
      socket: socket as RedisClientOptions['socket'],
      ...(config.username ? { username: config.username } : {}),
      ...(config.password ? { password: config.password } : {}),
    },
  }) as ClusterClient;
  return adapt(cluster, () => createClusterClient(config, socket), socket.reconnectStrategy);
}

/** The clients of the cluster's masters (one per master), for commands that must reach every node (SCAN). */
export async function masterClients(cluster: ClusterClient): Promise<NodeClient[]> {
  return Promise.all(cluster.masters.map((master) => cluster.nodeClient(master) as Promise<NodeClient>));
}

/** True for a client made by createClusterClient (or any node-redis cluster client). */
export function isCluster(client: unknown): client is ClusterClient {
  return typeof client === 'object' && client !== null && 'masters' in client && 'nodeClient' in client;
}

function adapt(cluster: ClusterClient, another: () => ClusterClient, retryDelay: (retries: number) => number) {
  const watched = new WeakSet<object>();
  let wasReady = false;
  let closed = false;
  let connecting: Promise<ClusterClient> | null = null;

  const nodes = (): Array<{ client?: unknown }> => {
    const pubSub = cluster.pubSubNode;
    return [...cluster.masters, ...(pubSub ? [pubSub] : [])];
  };
  const ready = (): boolean =>
    cluster.isOpen &&
    cluster.masters.length > 0 &&
    cluster.masters.every((m) => (m.client as NodeClient | undefined)?.isReady === true);
  // node-redis tells the cluster of a node's first `ready` only: each node connection is watched directly.
  const check = () => {
    for (const node of nodes()) {
      const client = node.client as NodeClient | undefined;
      if (client && !watched.has(client)) {
        watched.add(client);
        client.on('ready', check);
        client.on('end', check);
      }
    }
    const now = ready();
    if (now && !wasReady) cluster.emit('ready');
    wasReady = now;
  };
  for (const event of NODE_EVENTS) cluster.on(event, check);
  cluster.on('node-error', (error: Error) => {
    if (cluster.listenerCount('error')) cluster.emit('error', error);
  });

  Object.defineProperty(cluster, 'isReady', { get: ready, configurable: true });

  const connectOnce = cluster.connect.bind(cluster);
  const close = cluster.close.bind(cluster);
  const destroy = cluster.destroy.bind(cluster);
  // Resolves once the layout is read and every master connected; until then tries again with the backoff.
  cluster.connect = () => {
    connecting ??= (async () => {
      for (let attempt = 0; ; attempt++) {
        if (closed) throw new Error('Redis cluster client closed');
        try {
          await connectOnce();
          // A cluster still being formed answers with part of its slots: not usable yet, try again.
          if (!allSlotsServed(cluster)) {
            await close();
            throw new Error('Redis cluster does not serve every slot yet');
          }
          check();
          return cluster;
        } catch (error) {
          if (closed) throw error;
          if (attempt === 0 && cluster.listenerCount('error')) cluster.emit('error', error);
          await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)).unref());
        }
      }
    })();
    return connecting;
  };
  cluster.close = async () => {
    closed = true;
    if (cluster.isOpen) await close();
  };
  cluster.destroy = () => {
    closed = true;
    if (cluster.isOpen) destroy();
  };
  cluster.duplicate = (() => another()) as unknown as ClusterClient['duplicate'];
  return cluster;
}

const SLOT_COUNT = 16_384;

function allSlotsServed(cluster: ClusterClient): boolean {
  const slots = cluster.slots;
  if (slots.length < SLOT_COUNT) return false;
  for (let slot = 0; slot < SLOT_COUNT; slot++) if (!slots[slot]) return false;
  return true;
}
