import { createHash } from 'node:crypto';
import {
  applyDecorators,
  Injectable,
  Logger,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import { CacheService } from './cache.service.js';

/**
 * Whose data a cached route returns. There is no default: a route must say, so that one user's data can never
 * be served to another.
 * - `public`: the same for every caller (quotes, options chains).
 * - `user`: the caller's own (portfolio, my stats): keyed by the caller's user id.
 * - `league`: the same for everyone allowed into the league (leaderboard, activity): keyed by the league id
 *   route parameter. The guard still runs on every request, so membership is always checked.
 */
export type CacheScope = 'public' | 'user' | 'league';

export interface CacheRouteOptions {
  scope: CacheScope;
  /** Key type, for TTL, statistics and group invalidation (`leaderboard`, `activity`, `portfolio`, `quote`...). */
  type: string;
  /** TTL in ms; default: the type's TTL. */
  ttl?: number;
  /** Route parameter holding the league id (scope `league`); default `leagueId`. */
  leagueParam?: string;
}

const CACHE_ROUTE = 'cache:route';
const TYPE_RE = /^[a-z_]{1,32}$/;
const ID_RE = /^\d{1,15}$/;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Caches a GET route's JSON body with HttpCacheInterceptor, under an explicit scope. */
export function CacheRoute(options: CacheRouteOptions) {
  if (!TYPE_RE.test(options.type)) throw new Error(`CacheRoute: invalid type ${JSON.stringify(options.type)}`);
  return applyDecorators(SetMetadata(CACHE_ROUTE, options), UseInterceptors(HttpCacheInterceptor));
}

/**
 * Serves cached GET responses. The serialized body is what is stored, so a hit is sent as stored, without
 * serializing again. Sets `X-Cache: HIT | MISS | STALE | BYPASS`. An admin sending `Cache-Control: no-cache`
 * bypasses the cache (others cannot: that would let anyone send every request to the database). Errors are
 * never cached. A route without @CacheRoute metadata is never cached (BYPASS) and logged once.
 */
@Injectable()
export class HttpCacheInterceptor implements NestInterceptor {
  private readonly logger = new Logger('HttpCache');
  private readonly warned = new Set<string>();

  constructor(
    private readonly cache: CacheService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (request.method !== 'GET') return next.handle();
    const options = this.reflector.get<CacheRouteOptions | undefined>(CACHE_ROUTE, context.getHandler());
    const key = options ? this.keyOf(options, request) : this.unscoped(context);
    const bypass =
      key === null ||
      (request.user?.role === 'admin' && /no-cache|no-store/i.test(String(request.headers['cache-control'] ?? '')));
    if (bypass || !options) {
      reply.header('X-Cache', 'BYPASS');
      return next.handle();
    }
    const fetch = async () => {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      return JSON.stringify(body ?? null);
    };
    return from(this.cache.lookup(key!, fetch, options.ttl ?? this.cache.ttlOfType(options.type))).pipe(
      map(({ value, outcome }) => {
        reply.header('X-Cache', outcome);
        reply.header('Content-Type', JSON_TYPE);
        return value;
      }),
    );
  }

  /** `http:<type>:<scope>[:<id>]:<hash of path and sorted query>`, or null when the scope cannot be keyed. */
  private keyOf(options: CacheRouteOptions, request: FastifyRequest): string | null {
    let scope: string;
    if (options.scope === 'public') scope = 'public';
    else if (options.scope === 'user') {
      if (!request.user) return null;
      scope = `user:${request.user.id}`;
    } else {
      const raw = (request.params as Record<string, string> | undefined)?.[options.leagueParam ?? 'leagueId'];
      if (raw === undefined || !ID_RE.test(String(raw))) return null;
      scope = `league:${Number(raw)}`;
    }
    const [path, query = ''] = request.url.split('?', 2);
    const sorted = [...new URLSearchParams(query)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const target = `${path}?${new URLSearchParams(sorted).toString()}`;
    const hash = createHash('sha256').update(target).digest('base64url').slice(0, 22);
    return `http:${options.type}:${scope}:${hash}`;
  }

  private unscoped(context: ExecutionContext): null {
    const name = `${context.getClass().name}.${context.getHandler().name}`;
    if (!this.warned.has(name)) {
      this.warned.add(name);
      this.logger.error(`${name} uses HttpCacheInterceptor without @CacheRoute({ scope }): not cached`);
    }
    return null;
  }
}
