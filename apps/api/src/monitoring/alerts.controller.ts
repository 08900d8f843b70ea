import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Alert, AlertList, CreateAlertResponse, Page } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AlertManager } from './alert-manager.service.js';
import { CreateAlertDto } from './dto/create-alert.dto.js';
import { AlertsQueryDto } from './dto/monitoring-query.dto.js';
import { ServerTimingInterceptor } from './server-timing.interceptor.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { timeRange } from '../common/time-range.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('admin/monitoring/alerts')
@UseInterceptors(ServerTimingInterceptor)
export class AlertsController {
  constructor(private readonly alerts: AlertManager) {}

  @Get('json')
  @ApiOperation({ summary: 'Active alerts (most severe first) with statistics; ?severity= filters' })
  active(@Query() query: AlertsQueryDto): Promise<AlertList> {
    return this.alerts.getActiveAlertList({ ...query, ...timeRange(query.from, query.to) });
  }

  @Get('history/json')
  @ApiOperation({ summary: 'Every alert, active and resolved (resolved ones are kept 30 days)' })
  history(@Query() query: AlertsQueryDto): Promise<Page<Alert>> {
    return this.alerts.getHistory({ ...query, ...timeRange(query.from, query.to) });
  }

  @Post()
  @ApiOperation({ summary: 'Raise an alert (external tools); same fingerprint while active = same alert' })
  create(@Body() body: CreateAlertDto, @CurrentUser() user: AuthUser): Promise<CreateAlertResponse> {
    return this.alerts.createAlert({ ...body, source: `api:${user.username}` });
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve an active alert (audit-logged with who resolved it)' })
  resolve(@Param('id', new IdParamPipe('alert id')) id: number, @CurrentUser() user: AuthUser): Promise<Alert> {
    return this.alerts.resolveAlert(id, user.id);
  }
}
