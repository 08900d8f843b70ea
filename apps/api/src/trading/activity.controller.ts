import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Activity, Page } from '@league/contracts';
import { ActivityService } from './activity.service.js';
import { PageOnlyQueryDto } from './dto/page-only-query.dto.js';
import { IdParamPipe } from './id-param.pipe.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('api/leagues/:id/activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  /** Newest first, 50 a page. */
  @Get()
  page(
    @Param('id', new IdParamPipe('league id')) id: number,
    @Query() query: PageOnlyQueryDto,
  ): Promise<Page<Activity>> {
    return this.activity.page(id, query.page);
  }
}
