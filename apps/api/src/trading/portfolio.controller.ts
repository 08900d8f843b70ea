import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Portfolio } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { CacheKey } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { idParam } from '../cache/route-key.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { MembersOnly } from './league-member.guard.js';
import { PortfolioService } from './portfolio.service.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('api/leagues/:id/portfolio')
export class PortfolioController {
  constructor(private readonly portfolios: PortfolioService) {}

  /** The caller's own: keyed by the caller's id (scope user), the same entry as `/portfolio/<own id>`. */
  @Get()
  @CacheRoute({
    scope: 'user',
    type: 'portfolio',
    key: (r) => CacheKey.portfolio(r.user!.id, idParam(r, 'id')),
  })
  mine(@CurrentUser() user: AuthUser, @Param('id', new IdParamPipe('league id')) id: number): Promise<Portfolio> {
    return this.portfolios.get(user.id, id, new Date(), true);
  }

  /** Any member's, the same for every caller allowed into the league: its members and admins. */
  @Get(':userId')
  @MembersOnly()
  @CacheRoute({
    scope: 'league',
    leagueParam: 'id',
    type: 'portfolio',
    key: (r) => CacheKey.portfolio(idParam(r, 'userId'), idParam(r, 'id')),
  })
  of(
    @Param('id', new IdParamPipe('league id')) id: number,
    @Param('userId', new IdParamPipe('user id')) userId: number,
  ): Promise<Portfolio> {
    return this.portfolios.get(userId, id);
  }
}
