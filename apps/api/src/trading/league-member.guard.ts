import {
  applyDecorators,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { LeagueMembers } from '@league/contracts';
import { CachedReads } from './cached-reads.js';

const ID_RE = /^\d{1,10}$/;

/**
 * Lets only members of the league in the `:id` parameter (and admins) through: a member's portfolio and trades
 * are not for strangers. Membership is read from the cached members list (invalidated when someone joins), so
 * a cached portfolio stays cheap. Runs after the global AuthGuard and before the cache interceptor.
 */
@Injectable()
export class LeagueMemberGuard implements CanActivate {
  constructor(private readonly reads: CachedReads) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = request.user;
    if (!user) throw new UnauthorizedException('Authentication required');
    if (user.role === 'admin') return true;
    const raw = (request.params as Record<string, string | undefined>).id;
    // Not an id: the route's pipe answers 400.
    if (!raw || !ID_RE.test(raw) || Number(raw) < 1 || Number(raw) > 2_147_483_647) return true;
    // A league that does not exist throws its 404 here.
    const { members } = JSON.parse(await this.reads.get(this.reads.leagueMembers(Number(raw)))) as LeagueMembers;
    if (!members.some((m) => m.user_id === user.id)) {
      throw new ForbiddenException('Only members of this league can see its portfolios and trades');
    }
    return true;
  }
}

/** The route shows members' private data: members of the league and admins only. */
export const MembersOnly = () => applyDecorators(UseGuards(LeagueMemberGuard));
