import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LeagueStats, UserStats } from '@league/contracts';
import { IdParamPipe } from './id-param.pipe.js';
import { StatsService } from './stats.service.js';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('api')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('leagues/:id/stats')
  league(@Param('id', new IdParamPipe('league id')) id: number): Promise<LeagueStats> {
    return this.stats.league(id);
  }

  @Get('users/:id/stats')
  user(@Param('id', new IdParamPipe('user id')) id: number): Promise<UserStats> {
    return this.stats.user(id);
  }
}
