import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Activity, Page } from '@league/contracts';
import { ActivityService } from './activity.service.js';
import { PageNumberQueryDto } from '../common/dto/page-query.dto.js';
import { CacheKey } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { idParam, pageQuery } from '../cache/route-key.js';
import { IdParamPipe } from '../common/id-param.pipe.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('api/leagues/:id/activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  /** Newest first, 50 a page. */
  @Get()
  @CacheRoute({
    scope: 'league',
    leagueParam: 'id',
    type: 'activity',
    key: (r) => CacheKey.activityFeed(idParam(r, 'id'), pageQuery(r)),
  })
  page(
    @Param('id', new IdParamPipe('league id')) id: number,
    @Query() query: PageNumberQueryDto,
  ): Promise<Page<Activity>> {
    return this.activity.page(id, query.page);
  }
}
