import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { routeAccessOf } from './route-access.js';
import { SessionService } from './session.service.js';
import { sessionIdOf, tokenOf } from './session-token.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard: resolves the session from the Bearer token or the cookie; anonymous requests to
 * non-public routes get 401, and non-admins on admin routes get 403 (the access level comes from the matched
 * route, see route-access.ts). State-changing requests
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
    const access = routeAccessOf(context, this.reflector);
    const admin = access === 'admin';
    const isPublic = access === 'public';
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
