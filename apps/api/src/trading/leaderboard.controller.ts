import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Leaderboard } from '@league/contracts';
import { PageNumberQueryDto } from '../common/dto/page-query.dto.js';
import { CacheKey } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { idParam, pageQuery } from '../cache/route-key.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { LeaderboardService } from './leaderboard.service.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('api/leagues/:id/leaderboard')
export class LeaderboardController {
  constructor(private readonly leaderboard: LeaderboardService) {}

  /** 50 members a page, ranked by portfolio value. */
  @Get()
  @CacheRoute({
    scope: 'league',
    leagueParam: 'id',
    type: 'leaderboard',
    key: (r) => CacheKey.leaderboard(idParam(r, 'id'), pageQuery(r)),
  })
  get(@Param('id', new IdParamPipe('league id')) id: number, @Query() query: PageNumberQueryDto): Promise<Leaderboard> {
    return this.leaderboard.getPage(id, query.page);
  }
}
