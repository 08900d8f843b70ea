import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Leaderboard } from '@league/contracts';
import { PageOnlyQueryDto } from './dto/page-only-query.dto.js';
import { IdParamPipe } from './id-param.pipe.js';
import { LeaderboardService } from './leaderboard.service.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('api/leagues/:id/leaderboard')
export class LeaderboardController {
  constructor(private readonly leaderboard: LeaderboardService) {}

  /** 50 members a page, ranked by portfolio value. */
  @Get()
  get(@Param('id', new IdParamPipe('league id')) id: number, @Query() query: PageOnlyQueryDto): Promise<Leaderboard> {
    return this.leaderboard.getPage(id, query.page);
  }
}
