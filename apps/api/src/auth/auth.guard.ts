import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from './public.decorator.js';
import { SessionService } from './session.service.js';
import { sessionIdOf, tokenOf } from './session-token.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for every path of the admin area: only admins may reach it, whatever the route says. */
export function isAdminPath(url: string): boolean {
  return url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?');
}

/**
 * The global guard: resolves the session from the Bearer token or the cookie; anonymous requests to
 * non-public routes get 401, and non-admins anywhere under /admin get 403. State-changing requests
 * authenticated by cookie must carry `X-Requested-With` (a header a cross-site form cannot send).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const admin = isAdminPath(request.url);
    const isPublic =
      !admin && this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const credentials = tokenOf(request.headers, request.cookies);
    if (credentials) {
      const user = await this.sessions.resolve(sessionIdOf(credentials.token));
      if (user) {
        const csrfExposed = credentials.via === 'cookie' && !SAFE_METHODS.has(request.method);
        if (!isPublic && csrfExposed && !request.headers['x-requested-with']) {
          throw new ForbiddenException(
            'Cookie-authenticated requests that change state need an X-Requested-With header',
          );
        }
        request.user = user;
      }
    }
    if (isPublic) return true;
    if (!request.user) throw new UnauthorizedException('Authentication required');
    if (admin && request.user.role !== 'admin') throw new ForbiddenException('Admin role required');
    return true;
  }
}
