import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { RateLimitClass } from '../config/config.js';
import type { RateLimitRouteConfig } from './rate-limits.js';

export const IS_PUBLIC = 'auth:public';

/**
 * Marks a route as reachable without a session, and rate limits it per client under its class's limit
 * (RATE_LIMIT_<CLASS>). `unlimited` only for routes that cost nothing (liveness: load balancers probe it often and
 * from few addresses). Never valid under /admin.
 */
export const Public = (limit: RateLimitClass | 'unlimited' = 'public') =>
  limit === 'unlimited'
    ? SetMetadata(IS_PUBLIC, true)
    : applyDecorators(
        SetMetadata(IS_PUBLIC, true),
        RouteConfig({ rateLimit: { groupId: limit } } satisfies RateLimitRouteConfig),
      );
