import type { ExecutionContext } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import type { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from './public.decorator.js';

/** Who may call a route: anyone, any signed-in user, or admins only. */
export type RouteAccess = 'public' | 'user' | 'admin';

/** True for a route pattern of the admin area (`/admin`, `/admin/...`). */
export function isAdminPattern(pattern: string): boolean {
  const p = pattern.startsWith('/') ? pattern : `/${pattern}`;
  return p === '/admin' || p.startsWith('/admin/');
}

/**
 * The access level of the route a request matched. It comes from what the router matched (Fastify's route
 * pattern) and from the controller's declared path, never from the request's URL: the router decodes `%61`,
 * accepts absolute-form targets and ignores a trailing slash, while a string test on the raw URL does not.
 * A route whose pattern is unknown is treated as admin-only (fail closed). @Public never applies under /admin.
 */
export function routeAccessOf(context: ExecutionContext, reflector: Reflector): RouteAccess {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const pattern = request.routeOptions?.url;
  const controllerPath = Reflect.getMetadata(PATH_METADATA, context.getClass()) as string | string[] | undefined;
  const controllerAdmin = [controllerPath ?? ''].flat().some((p) => p !== '' && isAdminPattern(p));
  if (pattern === undefined || controllerAdmin || isAdminPattern(pattern)) return 'admin';
  const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
  return isPublic ? 'public' : 'user';
}
