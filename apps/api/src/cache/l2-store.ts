import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import type { AppConfig } from '../config/config.js';
import type { RedisConnection } from '../redis/redis-connection.js';

/**
 * The Keyv store cache-manager uses as its L2: @keyv/redis on the app's one shared node-redis client (no second
 * connection), keys `<prefix>:<key>`, values stored as the cache codec's strings exactly (no second JSON
 * wrapping; expiry is Redis's own PX). Errors are thrown (not swallowed) so the circuit breaker sees them.
 * Null without Redis: cache-manager then has its in-memory default, and CacheService runs on L1 alone.
 */
export function createL2Store(redis: RedisConnection, config: AppConfig): Keyv | null {
  if (!redis.client) return null;
  const store = new KeyvRedis<string>(redis.client, {
    namespace: config.cache.prefix,
    keyPrefixSeparator: ':',
    useUnlink: true,
    throwOnErrors: true,
  });
  const keyv = new Keyv<string>({
    store,
    namespace: config.cache.prefix,
    useKeyPrefix: false,
    throwOnErrors: true,
    serialize: (data) => data.value as string,
    deserialize: <Value>(text: string) => ({ value: text as Value }),
  });
  // Errors reach callers as rejections; these events would only duplicate them.
  store.on('error', () => undefined);
  keyv.on('error', () => undefined);
  // The client belongs to RedisConnection, which closes it at shutdown; cache-manager must not.
  keyv.disconnect = async () => undefined;
  return keyv;
}
