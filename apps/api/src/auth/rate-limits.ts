import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig, RateLimitClass } from '../config/config.js';
import { clientBucket } from './client-address.js';
import { RateCounter } from './rate-counter.js';

/** Route config of a rate-limited route (set by @Public): its class names its limit and its counter. */
export interface RateLimitRouteConfig {
  rateLimit: { groupId: RateLimitClass };
}

function classOf(request: FastifyRequest): RateLimitClass {
  return (request.routeOptions.config as unknown as RateLimitRouteConfig).rateLimit.groupId;
}

/**
 * Per-client limits on the unauthenticated routes (@Public: registration, login, health, metrics), with
 * @fastify/rate-limit. Its store counts in RateCounter, so the limit holds across every instance (Redis, or
 * PostgreSQL while Redis is down). Clients are bucketed by IPv4 address or IPv6 /64. Over the limit: 429 with
 * Retry-After and the RateLimit headers.
 */
export async function registerRateLimits(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const counter = app.get(RateCounter);
  class CounterStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      window: number,
    ) {
      counter.hit(`rate:${key}`, window).then(
        (hit) => callback(null, { current: hit.count, ttl: hit.resetInMs }),
        (error: Error) => callback(error),
      );
    }
    child() {
      return this;
    }
  }
  await app.register(fastifyRateLimit, {
    global: false,
    store: CounterStore,
    keyGenerator: (request) => clientBucket(request.ip),
    max: (request) => config.rateLimits[classOf(request)].max,
    timeWindow: (request) => config.rateLimits[classOf(request)].windowMs,
    // A limit that cannot be counted (database and Redis both down) must not take the routes down with it.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many requests from this client; try again in ${context.after}`,
    }),
  });
}
