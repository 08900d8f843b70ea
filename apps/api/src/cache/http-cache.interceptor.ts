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
import { InvalidCacheKeyError, keyTypeOf } from './cache-key.js';
import { CacheService } from './cache.service.js';
import { applyValidators, entityTag } from './http-validators.js';

/**
 * Whose data a cached route returns. There is no default: a route must say, so that one user's data can never
 * be served to another.
 * - `public`: the same for every caller (quotes, options chains).
 * - `user`: the caller's own (portfolio, my stats): keyed by the caller's user id.
 * - `league`: the same for everyone allowed to read it (leaderboard, activity, a member's portfolio): keyed by the
 *   league id route parameter. Guards run before this interceptor on every request, HIT or not; a route whose
 *   data is for the league's members only says so with @MembersOnly (trading/league-member.guard.ts).
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
  /**
   * The DESIGN.md key of this read, built from the raw request (the interceptor runs before the pipes): use
   * the helpers of route-key.ts, which throw InvalidCacheKeyError on anything the route's validation would
   * reject, so such a request bypasses the cache and gets the handler's 400. The key must match the scope: a
   * `user` key holds the caller's id, a `league` key the league id parameter. Without `key`, an `http:` key is
   * derived from the path and query.
   */
  key?: (request: FastifyRequest) => string;
}

export const CACHE_ROUTE = 'cache:route';
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
 * serializing again. Sets `X-Cache: HIT | MISS | STALE | BYPASS`, and the entry's ETag and Cache-Control
 * (http-validators.ts): a request whose If-None-Match holds the ETag gets a 304 without a body. An admin sending
 * `Cache-Control: no-cache` bypasses the cache (others cannot: that would let anyone send every request to the database). Errors are
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
    // HEAD is a GET without the body (Fastify's exposed HEAD routes): served from the same entry.
    if (request.method !== 'GET' && request.method !== 'HEAD') return next.handle();
    const { options, key } = this.routeKey(context);
    if (!options || key === null) {
      reply.header('X-Cache', 'BYPASS');
      return next.handle();
    }
    const fetch = async () => {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      return JSON.stringify(body ?? null);
    };
    return from(this.cache.lookup(key, fetch, options.ttl ?? this.cache.ttlOfType(options.type))).pipe(
      map(({ value, outcome }) => {
        reply.header('X-Cache', outcome);
        // The entry just stored (MISS) or served stale keeps its ETag. Without it in L1 holding these very bytes
        // (L1 disabled, or a newer entry raced this read) the body is hashed here and must be revalidated.
        const stored = this.cache.peekEntity(key, { count: false, allowStale: outcome === 'STALE' });
        const entity =
          stored?.text === value ? stored : { etag: entityTag(Buffer.from(value)), freshForMs: 0, graceMs: 0 };
        if (applyValidators(request, reply, options.scope, entity)) {
          reply.status(304);
          return '';
        }
        reply.header('Content-Type', JSON_TYPE);
        return value;
      }),
    );
  }

  /**
   * The route's cache options and the key of this GET; key null: not cached (BYPASS), because the route has no
   * @CacheRoute, the request cannot be keyed, or an admin asked for `Cache-Control: no-cache`. Run after the guard.
   */
  routeKey(context: ExecutionContext): { options: CacheRouteOptions | undefined; key: string | null } {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const options = this.reflector.get<CacheRouteOptions | undefined>(CACHE_ROUTE, context.getHandler());
    if (!options) return { options, key: this.unscoped(context) };
    if (request.user?.role === 'admin' && /no-cache|no-store/i.test(String(request.headers['cache-control'] ?? '')))
      return { options, key: null };
    return { options, key: options.key ? this.explicitKey(options, request, context) : this.keyOf(options, request) };
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

  /** The route's own key, checked against its scope; null (bypass) when the request cannot be keyed. */
  private explicitKey(options: CacheRouteOptions, request: FastifyRequest, context: ExecutionContext): string | null {
    let key: string;
    try {
      key = options.key!(request);
    } catch (error) {
      if (error instanceof InvalidCacheKeyError) return null;
      throw error;
    }
    const segments = key.split(':');
    const holds = (name: string, id: string) => segments.some((s, i) => s === name && segments[i + 1] === id);
    let ok: boolean;
    if (options.scope === 'user') ok = request.user !== undefined && holds('user', String(request.user.id));
    else if (options.scope === 'league') {
      const raw = String((request.params as Record<string, string> | undefined)?.[options.leagueParam ?? 'leagueId']);
      // `leaderboard:5:page:1`, `league:5`, `league_stats:league:5`, `user:1:league:5`...
      ok = ID_RE.test(raw) && (segments[1] === String(Number(raw)) || holds('league', String(Number(raw))));
    } else ok = true;
    if (ok && keyTypeOf(key) !== options.type) ok = false;
    if (!ok) {
      const name = `${context.getClass().name}.${context.getHandler().name}`;
      if (!this.warned.has(name)) {
        this.warned.add(name);
        this.logger.error(`${name}: key ${key} does not match scope ${options.scope} / type ${options.type}`);
      }
      return null;
    }
    return key;
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
