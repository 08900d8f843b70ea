import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { League, LeagueMembers, Page } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { CreateLeagueDto } from './dto/create-league.dto.js';
import { LeagueListQueryDto } from './dto/league-list-query.dto.js';
import { UpdateLeagueDto } from './dto/update-league.dto.js';
import { CacheKey } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { idParam } from '../cache/route-key.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { LeagueService } from './league.service.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('api/leagues')
export class LeaguesController {
  constructor(private readonly leagues: LeagueService) {}

  /** Not cached: its key would need status, page and page_size, and every league write would have to drop it. */
  @Get()
  list(@Query() query: LeagueListQueryDto): Promise<Page<League>> {
    return this.leagues.list(query.status, query.page, query.page_size);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateLeagueDto): Promise<League> {
    return this.leagues.create(user, body);
  }

  @Get(':id')
  @CacheRoute({
    scope: 'league',
    leagueParam: 'id',
    type: 'league',
    key: (r) => CacheKey.league(idParam(r, 'id')),
  })
  get(@Param('id', new IdParamPipe('league id')) id: number): Promise<League> {
    return this.leagues.get(id);
  }

  /** Owner or admin. */
  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParamPipe('league id')) id: number,
    @Body() body: UpdateLeagueDto,
  ): Promise<League> {
    return this.leagues.update(user, id, body);
  }

  /** Owner or admin; audit-logged. Trading and joining stop; reads go on. */
  @Post(':id/archive')
  @HttpCode(200)
  archive(@CurrentUser() user: AuthUser, @Param('id', new IdParamPipe('league id')) id: number): Promise<League> {
    return this.leagues.archive(user, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  restore(@CurrentUser() user: AuthUser, @Param('id', new IdParamPipe('league id')) id: number): Promise<League> {
    return this.leagues.restore(user, id);
  }

  @Post(':id/join')
  @HttpCode(200)
  join(@CurrentUser() user: AuthUser, @Param('id', new IdParamPipe('league id')) id: number): Promise<League> {
    return this.leagues.join(user, id);
  }

  @Get(':id/members')
  @CacheRoute({
    scope: 'league',
    leagueParam: 'id',
    type: 'league_members',
    key: (r) => CacheKey.leagueMembers(idParam(r, 'id')),
  })
  members(@Param('id', new IdParamPipe('league id')) id: number): Promise<LeagueMembers> {
    return this.leagues.members(id);
  }
}
