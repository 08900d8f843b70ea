import { BadRequestException, Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ActiveUser,
  DatabaseStats,
  EngagementMetrics,
  HealthReport,
  LeagueActivity,
  Page,
  PerformanceMetrics,
  RealtimeStats,
  RiskAssessment,
  SystemOverview,
  TradingActivity,
} from '@league/contracts';
import {
  ActiveUsersQueryDto,
  EngagementQueryDto,
  LeagueActivityQueryDto,
  RiskQueryDto,
  TimeRangeQueryDto,
  TradingActivityQueryDto,
} from './dto/monitoring-query.dto.js';
import { HealthChecker } from './health-checker.service.js';
import { timeRange } from '../common/time-range.js';
import { ServerTimingInterceptor } from './server-timing.interceptor.js';
import { SystemMetrics } from './system-metrics.service.js';
import { UserActivityMonitor } from './user-activity-monitor.service.js';

/** The monitoring JSON API of the spec (admin only, enforced for all of /admin by the global guard). */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('admin/monitoring')
@UseInterceptors(ServerTimingInterceptor)
export class MonitoringController {
  constructor(
    private readonly system: SystemMetrics,
    private readonly activity: UserActivityMonitor,
    private readonly health: HealthChecker,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: 'Users, leagues, trades in the last 24 hours, active alerts' })
  overview(): Promise<SystemOverview> {
    return this.system.getSystemOverview();
  }

  @Get('health')
  @ApiOperation({ summary: 'Database and cache health (healthy / degraded / unhealthy) with latency and since' })
  healthReport(): Promise<HealthReport> {
    return this.health.fullHealthCheck();
  }

  @Get('database/json')
  @ApiOperation({ summary: 'Row counts per table, database size, connections, slowest statements' })
  database(): Promise<DatabaseStats> {
    return this.system.getDatabaseStats();
  }

  @Get('active-users/json')
  @ApiOperation({ summary: 'Users whose last login is today (UTC), with league count and trades today' })
  activeUsers(@Query() query: ActiveUsersQueryDto): Promise<Page<ActiveUser>> {
    return this.activity.getActiveUsersToday(query.page, query.page_size, query.sort, query.order);
  }

  @Get('engagement/json')
  @ApiOperation({ summary: 'Daily active users, leagues and users created per day' })
  engagement(@Query() query: EngagementQueryDto): Promise<EngagementMetrics> {
    return this.activity.getEngagementMetrics(query.days);
  }

  @Get('trading-activity/json')
  @ApiOperation({ summary: 'Trades over the last `hours`: totals, buy/sell, top symbols, hourly series' })
  tradingActivity(@Query() query: TradingActivityQueryDto): Promise<TradingActivity> {
    const { to } = timeRange(undefined, query.to);
    return this.activity.getTradingActivity(query.hours, to);
  }

  @Get('league-activity/json')
  @ApiOperation({ summary: 'Leagues by trades over the last `hours`, busiest first' })
  leagueActivity(@Query() query: LeagueActivityQueryDto): Promise<Page<LeagueActivity>> {
    return this.activity.getLeagueActivity({
      hours: query.hours,
      page: query.page,
      pageSize: query.page_size,
      status: query.status,
      sort: query.sort,
      order: query.order,
    });
  }

  @Get('risk-assessment/json')
  @ApiOperation({ summary: 'Suspicious traders of the last 24 hours with score and reasons' })
  riskAssessment(@Query() query: RiskQueryDto): Promise<Page<RiskAssessment>> {
    return this.activity.getUserRiskAssessment(query.page, query.page_size, query.sort, query.order);
  }

  @Get('realtime/stats')
  @ApiOperation({ summary: 'A few cheap live figures for a short refresh interval' })
  realtime(): Promise<RealtimeStats> {
    return this.system.getRealtimeStats();
  }

  @Get('performance/json')
  @ApiOperation({ summary: 'Route latency percentiles, request rate, errors, query timings, process, cache' })
  performance(@Query() query: TimeRangeQueryDto): Promise<PerformanceMetrics> {
    const { from, to } = timeRange(query.from, query.to);
    if (from && to && to.getTime() - from.getTime() > 3 * 3_600_000) {
      throw new BadRequestException('from and to may be at most 3 hours apart (per-minute data is kept 3 hours)');
    }
    return this.system.getPerformanceMetrics(from, to);
  }
}
