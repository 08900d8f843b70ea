import { Inject } from '@nestjs/common';
import { CacheService, type TtlSpec } from './cache.service.js';

/** Where @Cached finds the CacheService on the instance (injected as a property). */
const CACHE_PROPERTY = '__cacheService';

export interface CachedOptions<A extends unknown[], R> {
  /** Builds the key from the method's arguments, e.g. `(leagueId: number) => CacheKey.leaderboard(leagueId)`. */
  key: (...args: A) => string;
  /** TTL in ms (or from the result); default: the key type's TTL. */
  ttl?: TtlSpec<Awaited<R>>;
}

/**
 * The spec's `cache_result`: caches an async method of a provider with CacheService.getOrFetch (single-flight,
 * null caching, invalidation all apply). The result is read-only (deep-frozen): copy before changing it.
 *
 *   @Cached({ key: (leagueId: number, page: number) => CacheKey.leaderboard(leagueId, page) })
 *   async leaderboard(leagueId: number, page: number) { ... }
 */
export function Cached<A extends unknown[], R>(options: CachedOptions<A, R>) {
  return (
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<(...args: A) => Promise<R>>,
  ) => {
    Inject(CacheService)(target, CACHE_PROPERTY);
    const original = descriptor.value!;
    descriptor.value = async function (this: Record<string, unknown>, ...args: A): Promise<R> {
      const cache = this[CACHE_PROPERTY] as CacheService | undefined;
      if (!cache) return original.apply(this, args);
      return cache.getOrFetch(options.key(...args), () => original.apply(this, args), options.ttl as TtlSpec<R>);
    };
    Object.defineProperty(descriptor.value, 'name', { value: original.name });
    return descriptor;
  };
}
