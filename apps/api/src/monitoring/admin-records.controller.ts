import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArchivedLeague, AuditLogEntry, Page } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { PageQueryDto } from '../common/dto/page-query.dto.js';
import { AuditLogReader } from './audit-log-reader.service.js';
import { AuditLogQueryDto } from './dto/monitoring-query.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { timeRange } from '../common/time-range.js';
import { LeagueArchive } from './league-archive.service.js';

/** The spec's other admin routes: the audit log and archive management. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminRecordsController {
  constructor(
    private readonly auditLogs: AuditLogReader,
    private readonly archive: LeagueArchive,
  ) {}

  @Get('audit/logs')
  @ApiOperation({ summary: 'Audit log, newest first; filter by actor_id, action (or "area." prefix), from, to' })
  logs(@Query() query: AuditLogQueryDto): Promise<Page<AuditLogEntry>> {
    return this.auditLogs.list({ ...query, ...timeRange(query.from, query.to) });
  }

  @Get('archives')
  @ApiOperation({ summary: 'Archived leagues, most recently archived first' })
  archived(@Query() query: PageQueryDto): Promise<Page<ArchivedLeague>> {
    return this.archive.listArchived(query.page, query.page_size);
  }

  @Post('archives/:id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a league (audit-logged)' })
  archiveLeague(
    @Param('id', new IdParamPipe('league id')) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<ArchivedLeague> {
    return this.archive.archive(id, user.id);
  }

  @Post('archives/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore an archived league (audit-logged)' })
  restoreLeague(
    @Param('id', new IdParamPipe('league id')) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<ArchivedLeague> {
    return this.archive.restore(id, user.id);
  }
}
