import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LeagueStats, UserStats } from '@league/contracts';
import { CacheKey } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { idParam } from '../cache/route-key.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { StatsService } from './stats.service.js';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('api')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('leagues/:id/stats')
  @CacheRoute({
    scope: 'league',
    leagueParam: 'id',
    type: 'league_stats',
    key: (r) => CacheKey.leagueStats(idParam(r, 'id')),
  })
  league(@Param('id', new IdParamPipe('league id')) id: number): Promise<LeagueStats> {
    return this.stats.league(id);
  }

  /** Anyone's stats, the same for every caller: scope public, keyed by the user in the path. */
  @Get('users/:id/stats')
  @CacheRoute({
    scope: 'public',
    type: 'user_stats',
    key: (r) => CacheKey.userStats(idParam(r, 'id')),
  })
  user(@Param('id', new IdParamPipe('user id')) id: number): Promise<UserStats> {
    return this.stats.user(id);
  }
}
