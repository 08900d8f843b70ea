import { Injectable, RequestMethod, type CanActivate, type OnModuleInit, type Type } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CacheService } from './cache.service.js';
import { CACHE_ROUTE, HttpCacheInterceptor } from './http-cache.interceptor.js';
import { applyValidators } from './http-validators.js';

const JSON_TYPE = 'application/json; charset=utf-8';

interface CachedRoute {
  controller: Type;
  handler: (...args: unknown[]) => unknown;
}

/**
 * Answers cache HITs of @CacheRoute GETs before NestJS's handler pipeline: in a Fastify preHandler hook (after
 * routing, parsing, rate limits and the input guard), it runs the application's global guards with the route's
 * context, builds the key as HttpCacheInterceptor does, and sends the stored bytes of a fresh L1 entry. No
 * interceptor chain, no rxjs, no JSON parse or serialize. Everything else (a miss, a stale or L2-only entry, a
 * guard that refuses or throws, a bypass) continues into NestJS unchanged, where the guard and the interceptor
 * decide and answer as before. Routes with guards or interceptors of their own are left to NestJS entirely, and so
 * is every route when global interceptors or request-scoped guards exist: a hit must never skip what NestJS runs.
 */
@Injectable()
export class HttpCacheHits implements OnModuleInit {
  private readonly routes = new Map<string, CachedRoute>();
  /** The guards to run, resolved on the first request (APP_GUARDs are known by then); false: hits go to NestJS. */
  private guards: CanActivate[] | false | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly discovery: DiscoveryService,
    private readonly appConfig: ApplicationConfig,
    private readonly cache: CacheService,
    private readonly interceptor: HttpCacheInterceptor,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller || !wrapper.instance || hasOwnEnhancers(controller)) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (!Reflect.getMetadata(CACHE_ROUTE, handler)) continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
        if (Reflect.getMetadata(GUARDS_METADATA, handler)?.length) continue;
        if (interceptors.some((i) => i !== HttpCacheInterceptor)) continue;
        for (const path of routePaths(controller, handler))
          this.routes.set(path, { controller, handler: handler as CachedRoute['handler'] });
      }
    }
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || !this.routes.size) return;
    fastify.addHook('preHandler', (request, reply) => this.serve(request, reply));
  }

  private async serve(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.method !== 'GET') return;
    const route = this.routes.get(request.routeOptions.url ?? '');
    if (!route) return;
    const guards = (this.guards ??= this.globalGuards());
    if (guards === false) return;
    const context = new ExecutionContextHost([request, reply, undefined], route.controller, route.handler);
    context.setType('http');
    for (const guard of guards) {
      try {
        if ((await guard.canActivate(context)) !== true) return;
      } catch {
        return; // NestJS runs the guard again and answers its refusal in the one error shape.
      }
    }
    const { options, key } = this.interceptor.routeKey(context);
    if (key === null || !options) return;
    const entity = this.cache.peekEntity(key);
    if (!entity) return;
    reply.header('X-Cache', 'HIT');
    // The client holds these bytes already: 304 without a body.
    if (applyValidators(request, reply, options.scope, entity)) return reply.code(304).send();
    return reply.header('Content-Type', JSON_TYPE).send(entity.bytes);
  }

  /** The global guards, or false (every request goes to NestJS) when this layer cannot mirror what NestJS runs. */
  private globalGuards(): CanActivate[] | false {
    const requestScoped =
      this.appConfig.getGlobalRequestGuards().length + this.appConfig.getGlobalRequestInterceptors().length;
    if (requestScoped || this.appConfig.getGlobalInterceptors().length) return false;
    return this.appConfig.getGlobalGuards();
  }
}

function hasOwnEnhancers(controller: Type): boolean {
  return !!(
    (Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[] | undefined)?.length ||
    (Reflect.getMetadata(INTERCEPTORS_METADATA, controller) as unknown[] | undefined)?.length
  );
}

/** The Fastify route patterns NestJS registers for a handler (no global prefix or versioning is used). */
function routePaths(controller: Type, handler: unknown): string[] {
  const list = (value: unknown) => [value ?? '/'].flat() as string[];
  const paths: string[] = [];
  for (const base of list(Reflect.getMetadata(PATH_METADATA, controller)))
    for (const own of list(Reflect.getMetadata(PATH_METADATA, handler as object))) {
      const joined = [base, own]
        .map((p) => p.replace(/^\/+|\/+$/g, ''))
        .filter(Boolean)
        .join('/');
      paths.push(`/${joined}`);
    }
  return paths;
}
