import { Global, Module } from '@nestjs/common';
import { CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { CacheAdminController } from './cache-admin.controller.js';
import { CacheInvalidator } from './cache-invalidator.js';
import { CACHE_STATUS } from './cache-status.js';
import { CacheService } from './cache.service.js';
import { HttpCacheHits } from './http-cache-hits.js';
import { HttpCacheInterceptor } from './http-cache.interceptor.js';
import { createL2Store } from './l2-store.js';

/**
 * The caching layer, global: CacheService, CacheInvalidator, the HTTP interceptor (and its hit path,
 * HttpCacheHits) and CACHE_STATUS for monitoring. cache-manager (via @nestjs/cache-manager, so CACHE_MANAGER is injectable too) is built over the
 * Keyv @keyv/redis store on the shared Redis connection.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    NestCacheModule.registerAsync({
      useFactory: (redis: RedisConnection, config: AppConfig) => {
        const store = createL2Store(redis, config);
        // Without Redis: cache-manager's in-memory default (CacheService then runs on its L1 alone).
        return store ? { stores: [store] } : { stores: [] };
      },
      inject: [RedisConnection, APP_CONFIG],
    }),
  ],
  controllers: [CacheAdminController],
  providers: [
    CacheService,
    CacheInvalidator,
    HttpCacheInterceptor,
    HttpCacheHits,
    { provide: CACHE_STATUS, useExisting: CacheService },
  ],
  exports: [CacheService, CacheInvalidator, HttpCacheInterceptor, CACHE_STATUS, NestCacheModule],
})
export class CacheModule {}
